import type { SourceIdentity } from '../../core/adapter.js';
import type { ParseContext } from '../../model/context.js';
import type { FileReport } from '../../model/file-report.js';
import type { OktaDeviceRecord } from './state.js';

const MAX_NAMED = 3;

/** What the bundle says the Mac is: meta.json's serial and hostname, and the other sources' identities. */
interface ThisMac {
  serials: Set<string>;
  udids: Set<string>;
  hostnames: Set<string>;
  /** How the note names the Mac: its first serial, UDID and hostname. */
  said: string[];
}

function norm(value: string | undefined): string | undefined {
  const v = value?.trim().toLowerCase();
  return v ? v : undefined;
}

function thisMac(ctx: Pick<ParseContext, 'serial' | 'hostname'>, others: readonly SourceIdentity[]): ThisMac {
  const pick = (values: (string | undefined)[]) => new Set(values.map(norm).filter((v): v is string => v !== undefined));
  const serials = [ctx.serial, ...others.map((i) => i.serial)];
  const udids = others.map((i) => i.udid);
  const hostnames = [ctx.hostname, ...others.map((i) => i.hostname)];
  const first = (label: string, values: (string | undefined)[]) => {
    const v = values.find((x) => x?.trim());
    return v === undefined ? [] : [`${label} ${v.trim()}`];
  };
  return {
    serials: pick(serials),
    udids: pick(udids),
    hostnames: pick(hostnames),
    said: [...first('serial', serials), ...first('UDID', udids), ...first('hostname', hostnames)],
  };
}

function describe(record: OktaDeviceRecord): string {
  return `${record.displayName ?? record.id}${record.platform ? ` (${record.platform})` : ''}`;
}

function named(records: readonly OktaDeviceRecord[]): string {
  const shown = records.slice(0, MAX_NAMED).map(describe);
  if (records.length > MAX_NAMED) shown.push(`+${records.length - MAX_NAMED} more`);
  return shown.join(', ');
}

/**
 * The records of a saved Devices API answer that are this Mac. A saved answer may hold other devices
 * (an unfiltered list, a search by user): a record is the Mac when its serial, UDID or display name is
 * one the bundle knows for it (meta.json, the other sources' records, such as Jamf's). Knowing none,
 * only records that are not some other platform are kept. What was left out is said on the report, and
 * when nothing matches no record is used, never simply the first one.
 */
export function recordsForThisMac(
  records: readonly OktaDeviceRecord[],
  ctx: Pick<ParseContext, 'serial' | 'hostname'>,
  others: readonly SourceIdentity[],
  report: FileReport,
): OktaDeviceRecord[] {
  if (records.length === 0) return [];
  const mac = thisMac(ctx, others);
  const known = mac.said.length > 0;
  const has = (set: Set<string>, value: string | undefined) => {
    const v = norm(value);
    return v !== undefined && set.has(v);
  };
  const matches = (r: OktaDeviceRecord): boolean =>
    known ? has(mac.serials, r.serial) || has(mac.udids, r.udid) || has(mac.hostnames, r.displayName) : r.platform === undefined || r.platform === 'MACOS';
  const kept = records.filter(matches);
  const leftOut = records.filter((r) => !matches(r));
  const identity = known ? ` (${mac.said.join(', ')})` : '';
  if (kept.length === 0) {
    report.note(`none of the ${records.length} device record(s) is this Mac${identity}: no Okta device record used (${named(leftOut)})`);
  } else if (leftOut.length > 0) {
    report.note(`${leftOut.length} of ${records.length} device record(s) ${leftOut.length === 1 ? 'is' : 'are'} ${known ? `not this Mac${identity}` : 'not a Mac'}: not used (${named(leftOut)})`);
  }
  return kept;
}
