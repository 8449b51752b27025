import type { ProbeFacts } from '../../model/device-state.js';
import type { SourceName, TimelineEvent } from '../../model/event.js';
import { PROBE_NAMES, type ProbeName } from '../../sources/mac/probes/index.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import { stepCommand } from '../step-command.js';
import type { ConsoleState, SourceLoad } from '../types.js';
import { evidenceCounts, selectedHypothesis } from './hypotheses.js';
import { memoLast } from './memo.js';
import { selectedStep, type StepView } from './runbook.js';
import { SOURCES } from './timeline.js';

export const GUIDED_STAGES = [
  { id: 'device', title: 'Confirm the device' },
  { id: 'evidence', title: 'Gather evidence' },
  { id: 'hypotheses', title: 'Read each hypothesis' },
  { id: 'probe', title: 'Run the next probe' },
  { id: 'complete', title: 'Check the evidence before escalating' },
] as const;

type S = Pick<ConsoleState, 'analysis' | 'ctx' | 'sourceStates' | 'active' | 'selectedHypothesis' | 'marks'>;

const SOURCE_NEEDS: Record<SourceName, string> = {
  jamf: 'Jamf Pro: is the Mac enrolled and managed, which MDM commands failed',
  okta: 'Okta System Log: Device Trust, policy and sign-in events',
  device: "the Mac's unified log and probes: trust, TLS, SSO extension, MDM client, clock",
};

const PROBE_FACT: Record<ProbeName, keyof ProbeFacts> = {
  sntp: 'sntp',
  'date-utc': 'dateUtcMs',
  'profiles-status': 'enrollment',
  'okta-mtls-cert': 'oktaCertificates',
  'keychain-info': 'keychain',
  'app-sso-platform': 'ssoPlatform',
  timeserver: 'timeServer',
  'app-sso-extensions': 'ssoExtensions',
  'scutil-proxy': 'proxy',
  systemextensions: 'systemExtensions',
  'sw-vers': 'os',
  'okta-verify-version': 'oktaVerify',
};

export interface GuidedSource extends SourceLoad {
  name: SourceName;
  /** What this source would add, when it is not there. */
  missing: string | undefined;
}

export function guidedSources(s: S): GuidedSource[] {
  return SOURCES.map((name) => {
    const load = s.sourceStates[name];
    const missing = load.state === 'ok' ? undefined : `${load.state === 'loading' ? 'still loading' : load.state === 'error' ? 'failed' : 'not collected'}: ${SOURCE_NEEDS[name]}`;
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

const deviceLogFiles = memoLast((timeline: readonly TimelineEvent[]): string[] => {
  const files = new Set<string>();
  for (const e of timeline) if (e.source === 'device' && !e.raw.file.startsWith('device/probes/')) files.add(e.raw.file);
  return [...files].sort();
});

export function probesPresent(facts: ProbeFacts): { present: ProbeName[]; missing: ProbeName[] } {
  const present = PROBE_NAMES.filter((p) => facts[PROBE_FACT[p]] !== undefined);
  return { present, missing: PROBE_NAMES.filter((p) => !present.includes(p)) };
}

/** Stage 2: what each source brought and what is missing. */
export function guidedEvidence(s: S) {
  return { sources: guidedSources(s), probes: probesPresent(s.analysis.state.probes), logs: deviceLogFiles(s.analysis.timeline), notes: s.analysis.notes.length };
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
  probesPresent: ProbeName[];
  probesMissing: ProbeName[];
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
  const probes = probesPresent(s.analysis.state.probes);
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
    logs: deviceLogFiles(s.analysis.timeline),
    likely: likely.map((h) => h.title),
    possible: possible.map((h) => h.title),
    notRuledOut: notRuledOut.map((h) => ({ title: h.title, unknown: h.unknown.length })),
    stillUnknown: [...new Set(inPlay.flatMap((h) => h.unknown))],
    ready: sourcesMissing.length === 0 && likely.length > 0 && likely.every((h) => h.unknown.length === 0),
  };
}
