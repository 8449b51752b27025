/**
 * `caFile` / TRUSTLINE_CA_FILE adds a CA to the trust store, it does not replace it (issue 17, item 10).
 * The machine's own trust is stood in for by NODE_EXTRA_CA_CERTS (a CA Node adds to its default
 * store at start-up, as an operating system's roots would be), so the test runs in a child process.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-files.js';

let dir: string;
let childDir: string;
let child: string;
const servers: Server[] = [];

/** A CA of its own (key and certificate) in `dir`. */
function makeCa(name: string): { key: string; cert: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.pem`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { stdio: 'ignore' });
  return { key, cert };
}

/** An HTTPS server on loopback whose certificate `ca` signed; its URL. */
async function serverSignedBy(ca: { key: string; cert: string }, name: string): Promise<string> {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.pem`);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, 'subjectAltName=IP:127.0.0.1\n');
  execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '1', '-extfile', ext], { stdio: 'ignore' });
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end('{}'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** Runs the child (asynchronously: the servers answer from this process). */
async function fetchAll(caFile: string | undefined, extraCerts: string, urls: string[]): Promise<{ url: string; status?: number; error?: string }[]> {
  const proc = spawn(process.execPath, [child, caFile ?? '-', ...urls], { env: { ...process.env, NODE_EXTRA_CA_CERTS: extraCerts } });
  let stdout = '';
  let stderr = '';
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const status = await new Promise<number | null>((resolve) => proc.on('close', resolve));
  expect(status, stderr).toBe(0);
  return stdout.trim().split('\n').map((line) => JSON.parse(line) as { url: string; status?: number; error?: string });
}

beforeAll(async () => {
  childDir = mkdtempSync(join(tmpdir(), 'trustline-ca-'));
  child = join(childDir, 'ca-child.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../fixtures/net/ca-child.ts', import.meta.url))],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
});

afterAll(async () => {
  rmSync(childDir, { recursive: true, force: true });
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('caFile adds to the trust store', () => {
  it('a server of the private CA and a server the machine already trusts both work with caFile set', async () => {
    dir = tempDir();
    const machine = makeCa('machine-root');
    const corporate = makeCa('corporate-ca');
    const trusted = await serverSignedBy(machine, 'trusted');
    const inspected = await serverSignedBy(corporate, 'inspected');
    const results = await fetchAll(corporate.cert, machine.cert, [trusted, inspected]);
    expect(results).toEqual([
      { url: trusted, status: 200 },
      { url: inspected, status: 200 },
    ]);
  }, 60_000);

  it('a server no CA vouches for: with caFile set, the advice names that file, not the setting', async () => {
    dir = tempDir();
    const machine = makeCa('machine-root-2');
    const corporate = makeCa('corporate-ca-2');
    const stranger = makeCa('stranger-ca');
    const unknown = await serverSignedBy(stranger, 'unknown');
    const [withCa] = await fetchAll(corporate.cert, machine.cert, [unknown]);
    expect(withCa?.error).toMatch(/^TLS certificate not trusted \([A-Z_]+\); the CA file .*corporate-ca-2\.pem does not vouch for this server either$/);
    expect(withCa?.error).not.toMatch(/set caFile/);
    const [without] = await fetchAll(undefined, machine.cert, [unknown]);
    expect(without?.error).toMatch(/set caFile or TRUSTLINE_CA_FILE/);
  }, 60_000);
});
