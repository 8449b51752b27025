/**
 * `date -u +%Y-%m-%dT%H:%M:%SZ` (or plain `date -u`): the Mac's clock at the moment it ran, whole
 * seconds only. Compared with the collection time when one is known.
 */
import type { EventFields } from '../../../model/event.js';
import { parseZonedTimestamp } from '../../../time/timestamp.js';
import { clockSeverity, describeDeviceOffset } from './clock-judgement.js';
import { formatIsoSeconds, parseCtimeUtc } from './probe-time.js';
import { probeLines, unrecognized } from './probe-text.js';
import type { ProbeContext, ProbeReading, ProbeResult } from './types.js';

function readDateLine(line: string): number | null {
  return parseZonedTimestamp(line)?.epochMs ?? parseCtimeUtc(line);
}

export function parseDateUtc(text: string, ctx: ProbeContext): ProbeResult {
  const lines = probeLines(text).map((line) => line.trim());
  let found: { line: string; epochMs: number } | undefined;
  for (let i = lines.length - 1; i >= 0 && !found; i--) {
    const epochMs = readDateLine(lines[i]!);
    if (epochMs !== null) found = { line: lines[i]!, epochMs };
  }
  if (!found) return unrecognized('no date in output', lines);

  const fields: EventFields = { dateUtc: found.line, dateUtcMs: found.epochMs };
  let summary = `Mac clock read ${formatIsoSeconds(found.epochMs)} (date -u)`;
  let severity: ProbeReading['severity'] = 'info';
  if (ctx.nowMs !== undefined) {
    const aheadMs = found.epochMs - ctx.nowMs;
    fields.aheadOfCollectionMs = aheadMs;
    // date -u has one-second resolution, so only whole seconds are worth saying.
    summary += `, ${describeDeviceOffset(aheadMs, 0)} the collection time`;
    severity = clockSeverity(aheadMs);
  }
  return {
    facts: { dateUtcMs: found.epochMs },
    summary,
    severity,
    fields,
    deviceStamp: { epochMs: found.epochMs, text: found.line },
  };
}
