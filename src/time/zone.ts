import { tzOffset } from '@date-fns/tz';
import { wallToEpochAsUtc, type WallTime } from './timestamp.js';

type WallFields = Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millis'>;

/** How a zone-less local time maps to instants: one instant, two (DST fall-back), or none (DST gap). */
export type LocalResolution =
  | { kind: 'single'; epochMs: number }
  | { kind: 'ambiguous'; earlier: number; later: number }
  | { kind: 'gap'; epochMs: number };

type HourRule = { kind: 'single'; offset: number } | { kind: 'ambiguous'; early: number; late: number } | { kind: 'gap'; before: number };

const HOUR_MS = 3_600_000;
const SPAN_MS = 14 * HOUR_MS;

let canonicalZones: Set<string> | undefined;

/**
 * Whether `zone` is an IANA time zone. The canonical names come from a list (about 2 ms); only other
 * names (aliases such as Asia/Calcutta) build a formatter, whose first use loads ICU (about 20 ms).
 */
export function isValidTimeZone(zone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns wall-clock times of one IANA zone into UTC instants. Rules are cached per local hour, so a
 * million lines cost a handful of zone lookups; hours that contain a transition are resolved per call.
 */
export class LocalTimeResolver {
  private readonly cache = new Map<number, HourRule | null>();

  constructor(readonly zone: string) {}

  private offsetAt(epochMs: number): number {
    return tzOffset(this.zone, new Date(epochMs));
  }

  private ruleFor(asUtc: number): HourRule {
    const before = this.offsetAt(asUtc - SPAN_MS);
    const after = this.offsetAt(asUtc + SPAN_MS);
    const valid = [...new Set([before, after])].filter((o) => this.offsetAt(asUtc - o * 60_000) === o);
    if (valid.length === 0) return { kind: 'gap', before };
    if (valid.length === 1) return { kind: 'single', offset: valid[0]! };
    return { kind: 'ambiguous', early: Math.max(...valid), late: Math.min(...valid) };
  }

  resolve(w: WallFields): LocalResolution {
    const asUtc = wallToEpochAsUtc(w);
    const hourStart = asUtc - (asUtc % HOUR_MS + HOUR_MS) % HOUR_MS;
    let rule = this.cache.get(hourStart);
    if (rule === undefined) {
      const first = this.ruleFor(hourStart);
      const last = this.ruleFor(hourStart + HOUR_MS - 1);
      rule = sameRule(first, last) ? first : null;
      this.cache.set(hourStart, rule);
    }
    const r = rule ?? this.ruleFor(asUtc);
    switch (r.kind) {
      case 'single':
        return { kind: 'single', epochMs: asUtc - r.offset * 60_000 };
      case 'ambiguous':
        return { kind: 'ambiguous', earlier: asUtc - r.early * 60_000, later: asUtc - r.late * 60_000 };
      case 'gap':
        return { kind: 'gap', epochMs: asUtc - r.before * 60_000 };
    }
  }
}

function sameRule(a: HourRule, b: HourRule): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'single' && b.kind === 'single') return a.offset === b.offset;
  if (a.kind === 'gap' && b.kind === 'gap') return a.before === b.before;
  if (a.kind === 'ambiguous' && b.kind === 'ambiguous') return a.early === b.early && a.late === b.late;
  return false;
}

/** Minutes east of UTC for an instant in a zone. */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  return tzOffset(zone, new Date(epochMs));
}
