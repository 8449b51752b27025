import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { analyzeBundle } from '../../src/sources/bundle/analyze-bundle.js';
import { openSweepSources, SWEEP_HTTP_SETTINGS } from '../../src/sources/sweep-sources.js';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { SWEEP_TOKEN_ENV, SWEEP_WINDOW } from './sweep-org.js';

/**
 * The measured side of the figures that need a process of their own (bin/build/bench-child.mjs,
 * bundled apart from the runner so it loads only what it measures). Prints one JSON line:
 * what it counted and the process' peak RSS in KB.
 *
 *   pipeline DIR   analyzeBundle: parse, normalise to UTC, merge (no triage, no output)
 *   json-lines FILE  the baseline of figure 2: read the file line by line, JSON.parse each line
 *   memory DIR     heap held by the analysis of DIR per timeline event (needs --expose-gc)
 *   sweep URL      trustline's sweep of the Okta emulator at URL (token in TRUSTLINE_BENCH_OKTA_TOKEN)
 */

interface ChildResult {
  count: number;
  maxRssKb: number;
  /** memory: bytes of heap held per timeline event. */
  bytesPerEvent?: number;
  /** sweep: CPU time (user + system) the process spent. */
  cpuMs?: number;
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('memory needs node --expose-gc');
  collect();
  collect();
}

async function pipeline(dir: string): Promise<ChildResult> {
  const analysis = await analyzeBundle(dir);
  return { count: analysis.timeline.length, maxRssKb: process.resourceUsage().maxRSS };
}

/** As bare as a line loop gets: decode chunks, cut at newlines, JSON.parse every line. */
async function jsonLines(file: string): Promise<ChildResult> {
  let count = 0;
  let rest = '';
  const decoder = new StringDecoder('utf8');
  const parse = (line: string): void => {
    if (line !== '' && JSON.parse(line) !== null) count++;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    const text = rest + decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      parse(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  parse(rest + decoder.end());
  return { count, maxRssKb: process.resourceUsage().maxRSS };
}

async function memory(dir: string): Promise<ChildResult> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const analysis = await analyzeBundle(dir);
  gc();
  const after = process.memoryUsage().heapUsed;
  const count = analysis.timeline.length;
  return { count, maxRssKb: process.resourceUsage().maxRSS, bytesPerEvent: (after - before) / count };
}

function oktaToken(): string {
  const token = process.env[SWEEP_TOKEN_ENV];
  if (!token) throw new Error(`${SWEEP_TOKEN_ENV} is not set`);
  return token;
}

async function sweep(url: string): Promise<ChildResult> {
  // The emulator scans every event for the few admin changes; on a loaded machine that takes a while.
  const http = { ...SWEEP_HTTP_SETTINGS, headersTimeoutMs: 300_000 };
  const sources = await openSweepSources({ sources: { okta: { url: new URL(url), auth: { kind: 'ssws', token: oktaToken() } } } }, { http });
  try {
    const result = await runSweep({ ...SWEEP_WINDOW, fleet: sources.fleet!, signal: new AbortController().signal });
    const okta = result.sources[0]!;
    if (okta.status !== 'ok') throw new Error(`sweep ended ${okta.status}: ${okta.error ?? ''}`);
    const usage = process.resourceUsage();
    return { count: okta.events, maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
  } finally {
    await sources.close();
  }
}

const MODES: Record<string, (arg: string) => Promise<ChildResult>> = { pipeline, 'json-lines': jsonLines, memory, sweep };

const [mode = '', arg = ''] = process.argv.slice(2);
const run = MODES[mode];
if (!run || arg === '') {
  process.stderr.write(`usage: bench-child.mjs ${Object.keys(MODES).join('|')} PATH\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await run(arg))}\n`);
