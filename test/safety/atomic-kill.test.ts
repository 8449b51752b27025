import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDirectoryAtomic, writeFileAtomic } from '../../src/io/atomic-write.js';
import { bundleFiles, payload } from '../fixtures/safety/atomic-payload.js';
import { buildChild } from '../helpers/build-child.js';
import { tempDir } from '../helpers/temp-files.js';

const FILE_SIZE = 6 * 1024 * 1024;
const BUNDLE_SIZE = 4 * 1024 * 1024;
const KILLS = 12;

/**
 * Starts the writer, waits until it has begun write number `from` or later, lets it run a random
 * moment more and SIGKILLs it. Resolves to whether the kill landed inside a write.
 */
function runAndKill(child: string, args: string[], from: number, maxDelayMs: number): Promise<{ midWrite: boolean; lastStarted: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let armed = false;
    proc.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const started = [...out.matchAll(/start (\d+)/g)].map((m) => Number(m[1]));
      if (!armed && started.some((v) => v >= from)) {
        armed = true;
        setTimeout(() => proc.kill('SIGKILL'), Math.random() * maxDelayMs);
      }
    });
    proc.on('error', reject);
    proc.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended without being killed: ${out.slice(-200)}`));
      const lines = out.trim().split('\n');
      const last = lines[lines.length - 1] ?? '';
      resolve({ midWrite: last.startsWith('start'), lastStarted: Number(/start (\d+)/.exec([...lines].reverse().find((l) => l.startsWith('start')) ?? '')?.[1] ?? 0) });
    });
  });
}

function versionOf(text: string): number {
  const m = /^v(\d+) (\d+)\n/.exec(text);
  if (!m) throw new Error(`not a whole report: starts ${JSON.stringify(text.slice(0, 40))}`);
  return Number(m[1]);
}

/** Runs the writer KILLS times, killing it inside a write, and checks what it left each time. */
async function killRepeatedly(mode: 'file' | 'dir', target: (i: number) => string, size: number, maxDelayMs: number, check: (i: number, lastStarted: number) => void): Promise<void> {
  const child = await buildChild('safety/atomic-writer.ts');
  let midWrite = 0;
  for (let i = 0; i < KILLS; i++) {
    const r = await runAndKill(child, [mode, target(i), String(size)], 2, maxDelayMs);
    if (r.midWrite) midWrite++;
    check(i, r.lastStarted);
  }
  expect(midWrite, 'kills that landed inside a write').toBeGreaterThanOrEqual(KILLS / 3);
}

describe('killing the process in the middle of a write leaves the previous file intact', () => {
  it('a large report: the target is always one whole version, never a mix or a temp', async () => {
    const dir = tempDir();
    const target = join(dir, 'trustline-report.md');
    await killRepeatedly('file', () => target, FILE_SIZE, 150, (i, lastStarted) => {
      const text = readFileSync(target, 'utf8');
      const version = versionOf(text);
      expect(text === payload(version, FILE_SIZE), `kill ${i}: the file is exactly version ${version}`).toBe(true);
      // The version before the one being written, or that one when its rename came just before the kill.
      expect([lastStarted - 1, lastStarted], `kill ${i}`).toContain(version);
      expect(readdirSync(dir).filter((n) => !n.startsWith('.'))).toEqual(['trustline-report.md']);
    });
    // The next writer tidies what the killed ones left behind (hidden temporaries of dead processes).
    await writeFileAtomic(target, 'after\n');
    expect(readdirSync(dir)).toEqual(['trustline-report.md']);
  }, 120_000);

  it('a large bundle: every bundle directory is whole or absent, never partly there', async () => {
    const dir = tempDir();
    await killRepeatedly('dir', (i) => join(dir, `incident-${i}`), BUNDLE_SIZE, 250, (i, lastStarted) => {
      const visible = readdirSync(dir).filter((n) => n.startsWith(`incident-${i}-`));
      // Every version the writer finished is there; the one it was killed in is there whole (the rename
      // happened before the kill) or not at all.
      expect([lastStarted - 1, lastStarted], `kill ${i}: ${visible.join(' ')}`).toContain(visible.length);
      for (const name of visible) {
        const version = Number(name.slice(`incident-${i}-`.length));
        for (const f of bundleFiles(version, BUNDLE_SIZE)) expect(readFileSync(join(dir, name, ...f.rel.split('/')), 'utf8') === f.data, `${name}/${f.rel} whole`).toBe(true);
      }
    });
    // Writing the same bundle again (collect --out with the same name) tidies what a killed writer left.
    const leftovers = readdirSync(dir).filter((n) => n.endsWith('.partial'));
    for (const name of leftovers) await writeDirectoryAtomic(join(dir, name.replace(/^\.(.*)\.\d+\.partial$/, '$1')), [{ rel: 'meta.json', data: '{}\n' }]);
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  }, 120_000);
});
