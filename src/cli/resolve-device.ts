import type { MacIdentity, Resolution } from '../core/identity.js';
import { candidateLine, noneMessage, resolutionNotes, resolutionRecord, sshSuggestion, type ResolutionRecord } from '../core/identity-text.js';
import { describeKeys } from '../core/resolve.js';
import type { ParseContext } from '../model/context.js';
import type { LiveQuery } from '../core/live.js';
import type { LiveSession } from '../sources/live/live-session.js';
import { deviceIdFlagOf, queryFor, resolveLive, systemLabels } from '../sources/live/resolve-live.js';
import { safeLine } from '../text/boundary.js';
import { deviceKeys, liveWindow } from './live-args.js';
import type { LiveFlags } from './live-flags.js';
import { UsageError } from './usage-error.js';

/** Everything a live run needs once the Mac is known. */
export interface ResolvedRun {
  query: LiveQuery;
  identity: Pick<ParseContext, 'hostname' | 'user' | 'deviceTimeZone'>;
  /** For meta.json: what was given and what each system answered. */
  record: ResolutionRecord;
  /** Resolution lines, disagreements and the SSH suggestion, for the analysis notes. */
  notes: string[];
  /** Without --host: the SSH target to try (also in `notes`), for the console's message line. */
  sshHint?: string;
}

/** The keys as typed: what the messages quote back. */
export function keysText(flags: LiveFlags): string {
  return describeKeys(deviceKeys(flags), deviceIdFlagOf);
}

/** Asks every connected system which Mac the flags describe. */
export function resolveFlags(flags: LiveFlags, session: LiveSession): Promise<Resolution> {
  return resolveLive(session, deviceKeys(flags));
}

/** The run for one Mac: its evidence query and the notes that say how it was found. */
export function runFor(resolution: Resolution, identity: MacIdentity, flags: LiveFlags, nowMs: number): ResolvedRun {
  const labels = systemLabels();
  const record = resolutionRecord(resolution, identity, labels);
  const notes = resolutionNotes(record);
  if (flags.serial !== undefined && flags.serial !== flags.serial.toUpperCase()) notes.push(`--serial ${flags.serial} read as ${flags.serial.toUpperCase()}`);
  const sshHint = flags.host === undefined ? sshSuggestion(identity, labels) : undefined;
  if (sshHint) notes.push(sshHint);
  const query = queryFor(identity, liveWindow(flags, nowMs), flags.user);
  const user = flags.user ?? identity.users[0]?.value;
  return { query, identity: { hostname: identity.hostname?.value, user, deviceTimeZone: undefined }, record, notes, ...(sshHint ? { sshHint } : {}) };
}

/** The candidates, one a line (safe for a terminal). */
export function candidateLines(candidates: readonly MacIdentity[]): string[] {
  const labels = systemLabels();
  return candidates.map((c) => safeLine(candidateLine(c, labels), 300));
}

/**
 * Headless: one Mac, or a way out. Several Macs print one a line on stdout and exit 2; none says what
 * each system answered and the likely typo, and exits 1.
 */
export function headlessIdentity(resolution: Resolution, flags: LiveFlags): MacIdentity {
  switch (resolution.outcome) {
    case 'one':
    case 'unresolved':
      return resolution.identity;
    case 'several':
      for (const line of candidateLines(resolution.candidates)) process.stdout.write(`${line}\n`);
      throw new UsageError(`several Macs match; give --serial (${resolution.candidates.length} for ${keysText(flags)})`, 2);
    case 'none':
      throw new UsageError(noneMessage(resolution, keysText(flags)), 1);
  }
}
