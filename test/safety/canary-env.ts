import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from 'vitest';
import { tempDir } from '../helpers/temp-files.js';

/**
 * The canary: secrets set in the config file, in the environment and printed by a tokenCommand, and
 * the places to look for them afterwards (outputs, every file written, the child argv recorded).
 */
export const CANARY = {
  config: 'CANARYcfg5e0c7b1d9a2f4e68b3',
  env: 'CANARYenv8d1f3a6c2b7e9045f1',
  command: 'CANARYcmd3b9e7c1a5d2f8064e2',
} as const;
export const CANARIES: readonly string[] = Object.values(CANARY);

/**
 * The forms a secret may take on the way out: as is, URL-encoded, and base64 at each of the three
 * alignments it can have inside a longer value (`user:secret` in Basic auth): the middle of its
 * encoding, which does not depend on what comes before or after.
 */
function forms(secret: string): string[] {
  const base64 = [0, 1, 2].map((k) => Buffer.from('\u0000'.repeat(k) + secret).toString('base64').slice(4, -4));
  return [secret, encodeURIComponent(secret), ...base64];
}

/** Fails naming where a canary (in any of its forms) appears in `text`. */
export function expectNoCanary(text: string, where: string, canaries: readonly string[] = CANARIES): void {
  for (const secret of canaries) for (const form of forms(secret)) expect(text.includes(form), `${where} contains ${form}`).toBe(false);
}

/** Every file under `dir` (recursively), except the ones named in `skip` (the config file the canary comes from). */
export function expectNoCanaryInFiles(dir: string, skip: readonly string[] = []): number {
  let seen = 0;
  if (!existsSync(dir)) return seen;
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, rel);
    if (skip.includes(path) || !statSync(path).isFile()) continue;
    expectNoCanary(readFileSync(path, 'latin1') + readFileSync(path, 'utf8'), `file ${path}`);
    seen++;
  }
  return seen;
}

/**
 * An API that echoes whatever it is sent (headers and body) back in its error answers, as careless
 * servers and proxies do: Okta-style JSON errors, an OAuth error for token requests, an HTML page for
 * the rest. If a secret reaches output, it is through masking failing.
 */
export async function startEchoServer(): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const echo = `${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`;
      requests.push(echo);
      if (/token/.test(req.url ?? '')) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_client', error_description: echo }));
      } else if (/\/api\/v1\/(devices|logs)/.test(req.url ?? '')) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errorCode: 'E0000011', errorSummary: `Invalid token provided: ${echo}`, errorCauses: [] }));
      } else {
        res.writeHead(401, { 'content-type': 'text/html' }).end(`<html><head><title>Denied ${echo}</title></head><body>${echo}</body></html>`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = (): Promise<void> => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close };
}

/** A directory with an `ssh` that records its argv and environment (one line each) and fails like an unreachable host. */
export function fakeSsh(): { bin: string; record: string } {
  const bin = tempDir();
  const record = join(tempDir(), 'ssh-calls.txt');
  writeFileSync(
    join(bin, 'ssh'),
    `#!/bin/sh\nprintf 'argv:' >> '${record}'\nprintf ' %s' "$@" >> '${record}'\nprintf '\\nenv: %s\\n' "$(env | tr '\\n' ' ')" >> '${record}'\necho "ssh: connect to host mac.example.internal port 22: Connection refused" >&2\nexit 255\n`,
  );
  chmodSync(join(bin, 'ssh'), 0o755);
  return { bin, record };
}

/** A tokenCommand: a Node script that records its argv and prints `secret` (or fails with `exitCode`). */
export function tokenScript(secret: string, exitCode = 0): { command: string; record: string } {
  const dir = tempDir();
  const record = join(dir, 'argv.txt');
  const script = join(dir, 'print-token.cjs');
  writeFileSync(script, `require('fs').appendFileSync(${JSON.stringify(record)}, process.argv.join(' ') + '\\n');\nprocess.stdout.write(${JSON.stringify(`${secret}\n`)});\nprocess.exit(${exitCode});\n`);
  return { command: `'${process.execPath}' '${script}' --service trustline`, record };
}
