import type { DeviceState } from './device-state.js';
import type { SourceName, TimelineEvent } from './event.js';

/** `partial`: the source stopped early (a deadline, a bound) and what it read before is kept. */
export type SourceStatus = 'ok' | 'partial' | 'error' | 'missing';

export interface SourceSummary {
  name: SourceName;
  status: SourceStatus;
  events: number;
  /** One line, present when status is 'error' or 'partial'. */
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
  state: DeviceState;
  /** Per-file problems and notes, one line each (malformed records skipped, files that failed). */
  notes: string[];
}
