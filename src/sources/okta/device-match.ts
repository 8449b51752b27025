import type { ParseContext } from '../../model/context.js';
import type { FileReport } from '../../model/file-report.js';
import type { OktaDeviceRecord } from './state.js';

const MAX_NAMED = 3;

function same(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
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
 * (an unfiltered list, a search by user): a record is the Mac when its serial is the Mac's, or
 * its display name is the Mac's hostname (as the bundle's meta.json names them). Without a serial or
 * hostname to match, only records that are not some other platform are kept. What was left out is said
 * on the report, and when nothing matches no record is used, never the first one.
 */
export function recordsForThisMac(records: readonly OktaDeviceRecord[], ctx: Pick<ParseContext, 'serial' | 'hostname'>, report: FileReport): OktaDeviceRecord[] {
  if (records.length === 0) return [];
  const identity = [ctx.serial ? `serial ${ctx.serial.trim()}` : undefined, ctx.hostname ? `hostname ${ctx.hostname.trim()}` : undefined].filter((s): s is string => s !== undefined);
  const matches = (r: OktaDeviceRecord): boolean =>
    identity.length === 0 ? r.platform === undefined || r.platform === 'MACOS' : same(r.serial, ctx.serial) || same(r.displayName, ctx.hostname);
  const kept = records.filter(matches);
  const others = records.filter((r) => !matches(r));
  const mac = identity.length === 0 ? 'not a Mac' : `not this Mac (${identity.join(', ')})`;
  if (kept.length === 0) {
    report.note(`none of the ${records.length} device record(s) is this Mac${identity.length === 0 ? '' : ` (${identity.join(', ')})`}: no Okta device record used (${named(others)})`);
  } else if (others.length > 0) {
    report.note(`${others.length} of ${records.length} device record(s) ${others.length === 1 ? 'is' : 'are'} ${mac}: not used (${named(others)})`);
  }
  return kept;
}
