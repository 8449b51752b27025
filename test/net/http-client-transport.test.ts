import { execFileSync } from 'node:child_process';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_SETTINGS, HttpClient } from '../../src/net/http-client.js';
import { tempDir } from '../helpers/temp-files.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen<T extends Server>(server: T): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A forward proxy on loopback (CONNECT tunnels and absolute-form requests) that counts what passes. */
async function startProxy(): Promise<{ url: string; used: () => number }> {
  let used = 0;
  const proxy = createHttpServer((req, res) => {
    used++;
    const upstream = httpRequest(req.url!, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.on('connect', (req, socket, head) => {
    used++;
    const [host, port] = (req.url ?? '').split(':');
    const target = connect(Number(port), host!, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      target.write(head);
      target.pipe(socket);
      socket.pipe(target);
    });
    target.on('error', () => socket.destroy());
    socket.on('error', () => target.destroy());
  });
  return { url: `http://${await listen(proxy)}`, used: () => used };
}

async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  else process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}

async function get(client: HttpClient, url: string): Promise<number> {
  const res = await client.send({ method: 'GET', url: new URL(url), headers: {}, signal: AbortSignal.timeout(5000) });
  return res.status;
}

/** A GET by a client created while the proxy variables are set (lower-case forms cleared: they win). */
function getWithEnv(vars: { HTTP_PROXY: string; NO_PROXY: string | undefined }, url: string): Promise<number> {
  return withEnv({ ...vars, http_proxy: undefined, no_proxy: undefined }, async () => {
    const client = await HttpClient.create();
    try {
      return await get(client, url);
    } finally {
      await client.close();
    }
  });
}

describe('HttpClient transport settings', () => {
  it('goes through HTTP(S)_PROXY and bypasses it for NO_PROXY hosts', async () => {
    const origin = await listen(createHttpServer((_req, res) => res.end('{}')));
    const proxy = await startProxy();
    const viaProxy = await getWithEnv({ HTTP_PROXY: proxy.url, NO_PROXY: undefined }, `http://${origin}/api`);
    expect(viaProxy).toBe(200);
    expect(proxy.used()).toBe(1);

    const direct = await getWithEnv({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }, `http://${origin}/api`);
    expect(direct).toBe(200);
    expect(proxy.used()).toBe(1);
  });

  it('trusts an extra CA file for TLS inspection, and says so when the chain is not trusted', async () => {
    const dir = tempDir();
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const origin = await listen(createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end('{}')));

    const trusting = await HttpClient.create({ ...DEFAULT_HTTP_SETTINGS, caFile: cert });
    expect(await get(trusting, `https://${origin}/`)).toBe(200);
    await trusting.close();

    const strict = await HttpClient.create();
    await expect(get(strict, `https://${origin}/`)).rejects.toThrow(/^TLS certificate not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\); set caFile or TRUSTLINE_CA_FILE/);
    await strict.close();

    await expect(HttpClient.create({ ...DEFAULT_HTTP_SETTINGS, caFile: join(dir, 'missing.pem') })).rejects.toThrow(/^cannot read CA file .*missing\.pem: ENOENT$/);
  });
});
