import type { EventFields, Severity } from '../../../model/event.js';
import type { ProbeFacts } from '../state.js';

/** What a probe parser may know about the collection: the true "now" for expiry judgements. */
export interface ProbeContext {
  /** Epoch ms (UTC) of the collection, from the collector's clock; undefined when unknown. */
  nowMs: number | undefined;
}

/** A timestamp the Mac printed inside the probe output (read from the Mac's own clock). */
export interface DeviceStamp {
  epochMs: number;
  micros?: number;
  /** The timestamp text exactly as the output wrote it. */
  text: string;
}

export interface ProbeReading {
  facts: Partial<ProbeFacts>;
  /** One line; may quote external text, so sanitise before display. */
  summary: string;
  severity: Severity;
  fields: EventFields;
  /** Present when the output carries its own time (date-utc, app-sso `Time:`, sntp long form). */
  deviceStamp?: DeviceStamp;
}

export interface ProbeFailure {
  /** One line saying why the output gave no reading (the probe failed or the text is unrecognised). */
  error: string;
}

export type ProbeResult = ProbeReading | ProbeFailure;

export type ProbeParser = (text: string, ctx: ProbeContext) => ProbeResult;

export function isProbeFailure(result: ProbeResult): result is ProbeFailure {
  return 'error' in result;
}
