import type { EventFields } from '../../../model/event.js';
import type { ProbeFacts } from '../state.js';
import { clip, missingCommandLine } from './probe-text.js';
import type { ProbeReading } from './types.js';

/**
 * A probe whose program is not on the Mac (an older macOS) is its own outcome, not a parse error:
 * a reading that says so, with facts that record the absence.
 */
export function missingCommandReading(lines: readonly string[], program: string, facts: Partial<ProbeFacts>): ProbeReading | undefined {
  const line = missingCommandLine(lines);
  if (line === undefined) return undefined;
  const fields: EventFields = { available: false, missing: clip(line) };
  return { facts, summary: `${program} is not on this Mac (an older macOS?)`, severity: 'info', fields };
}
