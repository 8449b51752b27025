import type { Coverage } from '../../core/coverage.js';
import type { Analysis } from '../../model/analysis.js';
import type { SourceName } from '../../model/event.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import { stepCommand } from '../step-command.js';
import type { ConsoleState, SourceLoad } from '../types.js';
import { evidenceCounts, selectedHypothesis } from './hypotheses.js';
import { memoLast } from './memo.js';
import { selectedStep, type StepView } from './runbook.js';

const PROBE_STREAM = 'endpoint.probe.';

export const GUIDED_STAGES = [
  { id: 'device', title: 'Confirm the device' },
  { id: 'evidence', title: 'Gather evidence' },
  { id: 'hypotheses', title: 'Read each hypothesis' },
  { id: 'probe', title: 'Run the next probe' },
  { id: 'complete', title: 'Check the evidence before escalating' },
] as const;

type S = Pick<ConsoleState, 'analysis' | 'ctx' | 'sourceStates' | 'active' | 'selectedHypothesis' | 'marks'>;

export interface GuidedSource extends SourceLoad {
  name: SourceName;
  /** What this source would add, when it is not there. */
  missing: string | undefined;
}

const LOAD_WORD: Record<SourceLoad['state'], string> = { ok: '', loading: 'still loading', partial: 'partly read', error: 'failed', missing: 'not collected' };

export function guidedSources(s: S): GuidedSource[] {
  return s.analysis.sources.map(({ name, shows }) => {
    const load = s.sourceStates[name] ?? { state: 'missing', events: 0 };
    const word = load.state === 'error' && load.text ? `failed (${load.text})` : LOAD_WORD[load.state];
    const missing = load.state === 'ok' ? undefined : `${word}: ${shows}`;
    return { name, ...load, missing };
  });
}

/** Stage 1: is this the Mac (and user) of the ticket? */
export function guidedDevice(s: S) {
  const d = s.analysis.device;
  return {
    serial: d.serial ?? s.ctx.serial,
    hostname: d.hostname ?? s.ctx.hostname,
    user: d.user ?? s.ctx.user,
    deviceTimeZone: s.ctx.deviceTimeZone,
    collectedAt: s.analysis.collectedAtMs === null ? undefined : formatIsoUtc(s.analysis.collectedAtMs),
    sources: guidedSources(s),
  };
}

/** The endpoint's log reads, by the file each is kept in. */
const deviceLogFiles = memoLast((coverage: readonly Coverage[]): string[] =>
  [...new Set(coverage.filter((c) => c.stream === 'endpoint.log' && c.file !== undefined).map((c) => c.file!))].sort(),
);

/** Probes whose output was read in full, and those the endpoint can run that were not. */
export function probesPresent(a: Pick<Analysis, 'sources' | 'coverage'>): { present: string[]; missing: string[] } {
  const all = a.sources.flatMap((s) => s.probes ?? []);
  const read = new Set(a.coverage.filter((c) => c.complete && c.stream.startsWith(PROBE_STREAM)).map((c) => c.stream.slice(PROBE_STREAM.length)));
  const present = all.filter((p) => read.has(p));
  return { present, missing: all.filter((p) => !read.has(p)) };
}

/** Stage 2: what each source brought and what is missing. */
export function guidedEvidence(s: S) {
  return { sources: guidedSources(s), probes: probesPresent(s.analysis), logs: deviceLogFiles(s.analysis.coverage), notes: s.analysis.notes.length };
}

/** Stage 3: each hypothesis in plain words with its evidence counts. */
export function guidedHypotheses(s: S) {
  return s.analysis.hypotheses.map((h, i) => ({ rank: i + 1, id: h.id, title: h.title, verdict: h.verdict, score: h.score, explanation: h.explanation, ...evidenceCounts(h) }));
}

/** Stage 4: the next step of the selected (by default the top) hypothesis, and whether trustline can run it: what `r` and `c` act on. */
export function guidedNextProbe(s: S & Pick<ConsoleState, 'selectedStep'>): { hypothesis: string | undefined; step: StepView | undefined; runnable: boolean; reason: string | undefined } {
  const step = selectedStep(s);
  const command = step ? stepCommand(step.probe) : 'no runbook step';
  return { hypothesis: selectedHypothesis(s)?.title, step, runnable: typeof command !== 'string', reason: typeof command === 'string' ? command : undefined };
}

export interface Completeness {
  sourcesPresent: SourceName[];
  sourcesMissing: SourceName[];
  probesPresent: string[];
  probesMissing: string[];
  logs: string[];
  likely: string[];
  possible: string[];
  /** Ranked unlikely only for want of evidence: nothing contradicts them and some evidence is unknown. */
  notRuledOut: { title: string; unknown: number }[];
  /** Evidence nobody could establish yet, for the hypotheses still in play. */
  stillUnknown: string[];
  /** Every source is in and a hypothesis is likely with nothing unknown: ready to escalate. */
  ready: boolean;
}

/** Stage 5: how complete the evidence is before escalating. */
export function evidenceCompleteness(s: S): Completeness {
  const sources = guidedSources(s);
  const probes = probesPresent(s.analysis);
  const hs = s.analysis.hypotheses;
  const likely = hs.filter((h) => h.verdict === 'likely');
  const possible = hs.filter((h) => h.verdict === 'possible');
  const notRuledOut = hs.filter((h) => h.verdict === 'unlikely' && h.unknown.length > 0 && evidenceCounts(h).contradicts === 0);
  const inPlay = [...likely, ...possible, ...notRuledOut];
  const sourcesMissing = sources.filter((x) => x.state !== 'ok').map((x) => x.name);
  return {
    sourcesPresent: sources.filter((x) => x.state === 'ok').map((x) => x.name),
    sourcesMissing,
    probesPresent: probes.present,
    probesMissing: probes.missing,
    logs: deviceLogFiles(s.analysis.coverage),
    likely: likely.map((h) => h.title),
    possible: possible.map((h) => h.title),
    notRuledOut: notRuledOut.map((h) => ({ title: h.title, unknown: h.unknown.length })),
    stillUnknown: [...new Set(inPlay.flatMap((h) => h.unknown))],
    ready: sourcesMissing.length === 0 && likely.length > 0 && likely.every((h) => h.unknown.length === 0),
  };
}
