import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { analyzeBundle } from '../../src/sources/bundle/analyze-bundle.js';
import { endpoint } from '../../src/net/endpoint.js';
import { HttpClient } from '../../src/net/http-client.js';
import { nextLink } from '../../src/net/link-header.js';
import { openSweepSources } from '../../src/sources/sweep-sources.js';
import { FAILURE_FILTER } from '../../src/sources/okta/okta-fleet.js';
import { oktaUrl } from '../../src/sources/okta/okta-source.js';
import { runSweep } from '../../src/sweep/run-sweep.js';
import { formatIsoUtc } from '../../src/time/timestamp.js';
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
 *   sweep-pages URL  the baseline: the same System Log pages fetched and thrown away, nothing parsed
 */

interface ChildResult {
  count: number;
  maxRssKb: number;
  /** memory: bytes of heap held per timeline event. */
  bytesPerEvent?: number;
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
  const sources = await openSweepSources({ okta: { url: new URL(url), auth: { kind: 'ssws', token: oktaToken() } } });
  try {
    const result = await runSweep({ ...SWEEP_WINDOW, fleet: sources.fleet!, signal: new AbortController().signal });
    const okta = result.sources[0]!;
    if (okta.status !== 'ok') throw new Error(`sweep ended ${okta.status}: ${okta.error ?? ''}`);
    return { count: okta.events, maxRssKb: process.resourceUsage().maxRSS };
  } finally {
    await sources.close();
  }
}

async function sweepPages(url: string): Promise<ChildResult> {
  const http = await HttpClient.create();
  const base = new URL(url);
  let count = 0;
  try {
    let next: URL | undefined = oktaUrl(base, '/api/v1/logs', {
      since: formatIsoUtc(SWEEP_WINDOW.sinceMs),
      until: formatIsoUtc(SWEEP_WINDOW.untilMs),
      limit: '1000',
      sortOrder: 'ASCENDING',
      filter: FAILURE_FILTER,
    });
    while (next) {
      const res = await http.send({ method: 'GET', url: next, headers: { accept: 'application/json', authorization: `SSWS ${oktaToken()}` }, signal: new AbortController().signal });
      if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${endpoint(base, '/api/v1/logs').href}`);
      count++;
      next = nextLink(res.headers, next);
    }
  } finally {
    await http.close();
  }
  return { count, maxRssKb: process.resourceUsage().maxRSS };
}

const MODES: Record<string, (arg: string) => Promise<ChildResult>> = { pipeline, 'json-lines': jsonLines, memory, sweep, 'sweep-pages': sweepPages };

const [mode = '', arg = ''] = process.argv.slice(2);
const run = MODES[mode];
if (!run || arg === '') {
  process.stderr.write(`usage: bench-child.mjs ${Object.keys(MODES).join('|')} PATH\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await run(arg))}\n`);
