import type { Config } from '../config/config-file.js';
import { appendJournalEntry, journalPath } from '../io/journal-file.js';
import type { Analysis } from '../model/analysis.js';
import type { ParseContext } from '../model/context.js';
import type { SourceName, TimelineEvent } from '../model/event.js';
import { makeReport } from '../report/make-report.js';
import { renderMarkdown } from '../report/markdown-report.js';
import type { CollectedOutput } from '../report/probe-runs.js';
import { writeReportFile } from '../report/report-file.js';
import type { LiveProgress } from '../core/live.js';
import type { SweepResult } from '../sweep/run-sweep.js';
import type { SweepProgress } from '../sweep/types.js';
import type { LiveResult } from '../sources/live/run-live.js';
import { probeOutputsOf } from '../sources/mac/recorded-outputs.js';
import { transportProbeRunner } from '../sources/mac/run-step.js';
import type { ProbeTransport } from '../sources/mac/ssh/transport.js';
import type { SourceRead } from '../core/adapter.js';
import { assembleAnalysis } from '../sources/assemble.js';
import { sourceAdapters } from '../sources/registry.js';
import { createConsoleStore, type ConsoleStore } from '../store/index.js';
import type { FleetState, ReportSnapshot } from '../store/types.js';
import type { ActiveModel } from '../diagnosis/rank-analysis.js';
import { runConsole } from '../ui/run-console.js';
import { detectColorLevel } from '../ui/theme/color-level.js';
import { selectTheme } from '../ui/theme/select-theme.js';
import type { Theme } from '../ui/theme/types.js';
import { UsageError } from './usage-error.js';

export interface ConsoleFlags {
  guided?: boolean | undefined;
  theme?: string | undefined;
  /** False with --no-redact: the exported report keeps identifiers as collected. */
  redact?: boolean | undefined;
}

/** Whether the console can run here: it needs a terminal on both ends. */
export function haveTerminal(): boolean {
  return process.stdout.isTTY === true && process.stdin.isTTY === true;
}

/** The console's theme from --theme, the config and the terminal; a bad name or file is a usage error. */
export function pickTheme(flags: ConsoleFlags, config: Config): Theme {
  const configured = typeof config['theme'] === 'string' ? config['theme'] : undefined;
  return selectTheme({ flag: flags.theme, config: configured, env: process.env, colorLevel: detectColorLevel(process.stdout) }).theme;
}

/** An analysis with nothing in it yet, for a console that opens while the sources are fetched. */
export function emptyAnalysis(ctx: ParseContext): Analysis {
  const nothing = (name: string): SourceRead => ({ name, present: false, events: [], reports: [], state: undefined, coverage: [] });
  return assembleAnalysis(ctx, sourceAdapters().map((adapter) => ({ adapter, read: nothing(adapter.id) })), []);
}

interface OpenOptions {
  /** Default: empty, to be filled by `fetch`. */
  analysis?: Analysis;
  ctx: ParseContext;
  active: ActiveModel;
  config: Config;
  flags: ConsoleFlags;
  transport?: ProbeTransport | undefined;
  /** Probe outputs the evidence came with (a bundle's); a live fetch supplies its own when it ends. */
  collected?: readonly CollectedOutput[];
  /** Fetches while the console is open; its progress lands in the store as it comes. */
  fetch?: (progress: LiveProgress, signal: AbortSignal) => Promise<LiveResult>;
  /** The sources `fetch` brings, shown as loading until they answer. */
  sources?: SourceName[];
  /** Several Macs match: the console opens on a picker of these rows and fetches after `pick`. */
  candidates?: readonly (readonly string[])[];
  pick?: (index: number) => void;
  /** After the fetch: a line for the message bar (the SSH target to try when no --host was given). */
  notice?: () => string | undefined;
  /** The organisation view over the same window (the `f` key), fetched beside the device's evidence. */
  sweep?: (signal: AbortSignal, progress: (p: SweepProgress) => void) => Promise<SweepResult>;
  /** Where probe runs are journalled (default: the user's journal, `journalPath()`). */
  journalFile?: string;
  /** After the fetch: keeps appending new events (live follow) until the console closes. */
  followUp?: (analysis: Analysis, signal: AbortSignal, onEvents: (events: TimelineEvent[]) => void) => Promise<void>;
}

/** Feeds a live run into the store: per-source progress, events as they arrive, the final analysis. */
async function follow(store: ConsoleStore, fetch: NonNullable<OpenOptions['fetch']>, sources: SourceName[], signal: AbortSignal): Promise<LiveResult> {
  const counts = new Map<SourceName, number>();
  for (const name of sources) store.getState().setSourceState(name, { state: 'loading', events: 0, text: 'starting' });
  const result = await fetch({
    status: (name, text) => store.getState().setSourceState(name, { state: 'loading', events: counts.get(name) ?? 0, text }),
    events: (name, events) => {
      counts.set(name, (counts.get(name) ?? 0) + events.length);
      store.getState().setSourceState(name, { state: 'loading', events: counts.get(name) ?? 0 });
      store.getState().appendEvents(events);
    },
  }, signal);
  for (const s of result.analysis.sources) {
    store.getState().setSourceState(s.name, { state: s.status, events: s.events, ...(s.error ? { text: s.error } : {}) });
  }
  store.getState().replaceAnalysis(result.analysis);
  return result;
}

/** Feeds a sweep into the store's fleet state: progress, then the result or why there is none. */
async function runFleet(store: ConsoleStore, sweep: NonNullable<OpenOptions['sweep']>, signal: AbortSignal): Promise<void> {
  const set = (fleet: FleetState): void => store.getState().setFleet(fleet);
  set({ state: 'loading', text: 'starting' });
  try {
    const result = await sweep(signal, (p) => set({ state: 'loading', text: `${p.stream} page ${p.pages}, ${p.events} events` }));
    set({ state: 'ok', result });
  } catch (error) {
    if (!signal.aborted) set({ state: 'error', text: error instanceof Error ? error.message : String(error) });
  }
}

/** The `x` key: the incident report of what the console shows, written atomically as a new file. */
function reportWriter(flags: ConsoleFlags, collected: () => readonly CollectedOutput[]) {
  return async (snapshot: ReportSnapshot): Promise<string> => {
    const made = await makeReport(snapshot.analysis, { redact: flags.redact !== false, collected: collected(), journal: snapshot.journalEntries, outputs: snapshot.outputs, steps: snapshot.steps });
    return writeReportFile(renderMarkdown(made.report), made.report);
  };
}

/** Opens the console on an analysis (or on a live fetch still running) and returns when the user quits. */
export async function openConsole(opts: OpenOptions): Promise<void> {
  if (!haveTerminal()) throw new UsageError('the console needs a terminal; use `trustline analyze` for headless output', 2);
  const theme = pickTheme(opts.flags, opts.config);
  let collected = opts.collected ?? [];
  let pickedIndex: (index: number) => void = () => undefined;
  const picked = new Promise<number>((resolve) => {
    pickedIndex = resolve;
  });
  const store = createConsoleStore({
    analysis: opts.analysis ?? emptyAnalysis(opts.ctx),
    active: opts.active,
    ctx: opts.ctx,
    ...(opts.transport ? { probes: transportProbeRunner(opts.transport) } : {}),
    journal: (entry) => appendJournalEntry(opts.journalFile ?? journalPath(), entry),
    exportReport: reportWriter(opts.flags, () => collected),
    guided: opts.flags.guided === true,
    // A bundle's analysis is ranked after the first frame; an empty one (a live fetch to come) at once.
    rankAfterFirstFrame: opts.analysis !== undefined,
    ...(opts.candidates ? { candidates: opts.candidates, onPick: (index: number) => pickedIndex(index) } : {}),
  });
  const stop = new AbortController();
  const sweeping = opts.sweep ? runFleet(store, opts.sweep, stop.signal) : Promise.resolve();
  const fetching = (async () => {
    if (opts.candidates) {
      // Nothing is fetched until a Mac is chosen; quitting first ends here.
      const index = await Promise.race([picked, new Promise<undefined>((resolve) => stop.signal.addEventListener('abort', () => resolve(undefined)))]);
      if (index === undefined) return;
      opts.pick?.(index);
    }
    if (opts.fetch) collected = probeOutputsOf((await follow(store, opts.fetch, opts.sources ?? [], stop.signal)).documents);
    const notice = opts.notice?.();
    if (notice) store.setState({ message: notice });
    await opts.followUp?.(store.getState().analysis, stop.signal, (events) => store.getState().appendEvents(events));
  })().catch((error: unknown) => {
    if (!stop.signal.aborted) store.setState({ message: `live update failed: ${error instanceof Error ? error.message : String(error)}` });
  });
  try {
    await runConsole({ store, theme });
  } finally {
    // Quitting while sources are still fetching cancels them.
    stop.abort();
    await Promise.all([fetching, sweeping]);
    await opts.transport?.close();
  }
}
