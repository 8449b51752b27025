import type { Analysis, DeviceIdentity, SourceSummary } from '../model/analysis.js';
import type { ParseContext } from '../model/context.js';
import type { DeviceState } from '../model/device-state.js';
import { applyMeasuredOffset, measureClockOffset } from '../time/clock-offset.js';
import { mergeSortedRuns, sortRun } from '../timeline/merge.js';
import type { DeviceRead, JamfRead, OktaRead, SourceRead } from './source-read.js';

function summarize(read: SourceRead): SourceSummary {
  if (!read.present) return { name: read.name, status: 'missing', events: 0 };
  const fatal = read.reports.map((r) => r.fatal).filter((f): f is string => f !== undefined);
  if (fatal.length === 0) {
    const stopped = read.reports.find((r) => r.stopped !== undefined)?.stopped;
    if (stopped !== undefined) return { name: read.name, status: 'partial', events: read.events.length, error: stopped };
    return { name: read.name, status: 'ok', events: read.events.length };
  }
  const more = fatal.length > 1 ? ` (and ${fatal.length - 1} more file${fatal.length > 2 ? 's' : ''})` : '';
  return { name: read.name, status: 'error', events: read.events.length, error: `${fatal[0]}${more}` };
}

function identify(ctx: ParseContext, state: DeviceState): DeviceIdentity {
  const okta = state.okta[0];
  return {
    serial: ctx.serial ?? state.jamf?.serial ?? okta?.serial ?? null,
    hostname: ctx.hostname ?? state.jamf?.name ?? okta?.displayName ?? null,
    user: ctx.user ?? state.jamf?.email ?? state.jamf?.username ?? null,
  };
}

export interface SourceReads {
  jamf: JamfRead;
  okta: OktaRead;
  device: DeviceRead;
}

/**
 * One analysis from the three sources, however they were read: the Mac's clock offset measured and
 * applied to its events, every source sorted and merged into one UTC timeline. Hypotheses come later.
 */
export function assembleAnalysis(ctx: ParseContext, reads: SourceReads, notes: string[]): Analysis {
  const { jamf, okta, device } = reads;
  const state: DeviceState = { okta: okta.devices, probes: device.probes };
  if (jamf.state) state.jamf = jamf.state;
  const clock = measureClockOffset(device.probes, ctx.collectedAtMs);
  applyMeasuredOffset(device.events, clock);

  const all = [jamf, okta, device];
  const allNotes = [...notes, ...all.flatMap((r) => r.reports.flatMap((report) => report.messages()))];
  if (clock.note) allNotes.push(`clock: ${clock.note}`);
  const { exactOffsetMs: _exact, ...clockReading } = clock;
  return {
    device: identify(ctx, state),
    collectedAtMs: ctx.collectedAtMs ?? null,
    sources: all.map(summarize),
    clock: clockReading,
    timeline: mergeSortedRuns(all.map((r) => sortRun(r.events))),
    hypotheses: [],
    state,
    notes: allNotes,
  };
}
