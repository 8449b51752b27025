import type { SourceIdentity } from '../core/adapter.js';
import type { Coverage } from '../core/coverage.js';
import type { FactTable } from '../core/fact-table.js';
import type { SourceRole } from '../core/roles.js';
import type { DeviceState } from './device-state.js';
import type { SourceName, TimelineEvent } from './event.js';

/** `partial`: some files, pages or commands failed, or the source stopped early (a deadline, a bound), but what was read is kept; `error`: nothing was. */
export type SourceStatus = 'ok' | 'partial' | 'error' | 'missing';

export interface SourceSummary {
  name: SourceName;
  role: SourceRole;
  /** Product name and timeline letter (views only; not in the JSON contract). */
  label: string;
  letter: string;
  /** What the source shows, one line (guided mode). */
  shows: string;
  /** Endpoint sources: the probes they can run. */
  probes?: readonly string[];
  /** Endpoint sources: every command they may run, by name, as shown to the engineer (reports name a run by it). */
  commands?: Readonly<Record<string, string>>;
  status: SourceStatus;
  events: number;
  /** One line, present when status is 'partial' or 'error': the first failure and how many more. */
  error?: string;
}

export interface ClockReading {
  /** The Mac's clock minus true time, in ms: positive when the Mac runs ahead. */
  deviceOffsetMs: number | null;
  basis: 'sntp' | 'date' | null;
  applied: boolean;
  note?: string;
}

export type Verdict = 'likely' | 'possible' | 'unlikely';

export interface HypothesisEvidence {
  eventId: string;
  supports: boolean;
  why: string;
}

export interface NextStep {
  /** The pack's step id: stable, so views find the step by id, not by title. */
  stepId: string;
  title: string;
  command: string;
  why: string;
}

export interface Hypothesis {
  id: string;
  title: string;
  /** Posterior probability that this cause is behind the failure (alone or with one other). */
  score: number;
  verdict: Verdict;
  evidence: HypothesisEvidence[];
  /** Ids of the present findings this cause accounts for. */
  explains: string[];
  next: NextStep;
  /** Plain-language story of the hypothesis (reports; not in the JSON contract). */
  explanation: string;
  /** Why-lines of evidence that could not be established either way (reports; not in the JSON contract). */
  unknown: string[];
}

export interface DeviceIdentity {
  serial: string | null;
  hostname: string | null;
  user: string | null;
}

/** Everything one analysis produced: what the views (JSON, Markdown, console) render. */
export interface Analysis {
  device: DeviceIdentity;
  /** When the evidence was collected (UTC epoch ms), if known: "now" for ages and expiry. */
  collectedAtMs: number | null;
  sources: SourceSummary[];
  clock: ClockReading;
  timeline: TimelineEvent[];
  hypotheses: Hypothesis[];
  /** Per adapter id, what it says is true now (its own shape; read through its facts). */
  state: DeviceState;
  /** What each source knows about who and what the Mac is. */
  identities: SourceIdentity[];
  /** Every stream read, with its window, filter and whether the read was complete. */
  coverage: Coverage[];
  /** Every adapter's facts, three-valued, evaluated once. */
  facts: FactTable;
  /** Per-file problems and notes, one line each (malformed records skipped, files that failed). */
  notes: string[];
}
