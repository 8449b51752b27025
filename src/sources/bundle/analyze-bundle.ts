import type { Analysis, DeviceIdentity, SourceSummary } from '../../model/analysis.js';
import type { ParseContext } from '../../model/context.js';
import type { DeviceState, JamfDeviceState, OktaDeviceRecord, ProbeFacts } from '../../model/device-state.js';
import type { SourceName, TimelineEvent } from '../../model/event.js';
import type { FileReport } from '../../model/file-report.js';
import { parseDeviceLogFile } from '../../parse/macos/log-file.js';
import { parseJamfComputerFile } from '../../parse/jamf/computer.js';
import { parseJamfHistoryFile } from '../../parse/jamf/history.js';
import { parseJamfMdmCommandsFile } from '../../parse/jamf/mdm-commands.js';
import { parseOktaDevicesFile, parseOktaLogFiles } from '../../parse/okta/index.js';
import { parseProbeFile } from '../../parse/probes/index.js';
import { applyMeasuredOffset, measureClockOffset } from '../../time/clock-offset.js';
import { mergeSortedRuns, sortRun } from '../../timeline/merge.js';
import { readBundleLayout, type BundleLayout } from './layout.js';
import { readBundleMeta } from './meta.js';

/** What one source produced from its files. */
interface SourceRead {
  name: SourceName;
  present: boolean;
  events: TimelineEvent[];
  reports: FileReport[];
}

async function readOkta(layout: BundleLayout, ctx: ParseContext): Promise<SourceRead & { devices: OktaDeviceRecord[] }> {
  const [logs, devices] = await Promise.all([
    parseOktaLogFiles(layout.okta.logs, ctx),
    layout.okta.devices ? parseOktaDevicesFile(layout.okta.devices.path, layout.okta.devices.rel, ctx) : undefined,
  ]);
  return {
    name: 'okta',
    present: layout.okta.logs.length > 0 || devices !== undefined,
    events: devices ? [...logs.events, ...devices.events] : logs.events,
    reports: devices ? [...logs.reports, devices.report] : logs.reports,
    devices: devices?.records ?? [],
  };
}

async function readJamf(layout: BundleLayout, ctx: ParseContext): Promise<SourceRead & { state: JamfDeviceState | undefined }> {
  const { computer, mdmCommands, history } = layout.jamf;
  const [c, m, h] = await Promise.all([
    computer ? parseJamfComputerFile(computer.path, computer.rel, ctx) : undefined,
    mdmCommands ? parseJamfMdmCommandsFile(mdmCommands.path, mdmCommands.rel, ctx) : undefined,
    history ? parseJamfHistoryFile(history.path, history.rel, ctx) : undefined,
  ]);
  const parts = [c, m, h].filter((p) => p !== undefined);
  return {
    name: 'jamf',
    present: parts.length > 0,
    events: parts.flatMap((p) => p.events),
    reports: parts.map((p) => p.report),
    state: c?.state,
  };
}

async function readDevice(layout: BundleLayout, ctx: ParseContext): Promise<SourceRead & { probes: ProbeFacts }> {
  const [logs, probes] = await Promise.all([
    Promise.all(layout.device.logs.map((f) => parseDeviceLogFile(f.path, f.rel, ctx))),
    Promise.all(layout.device.probes.map((f) => parseProbeFile(f.path, f.rel, f.name, ctx))),
  ]);
  const events = logs.flatMap((l) => l.events);
  for (const p of probes) if (p.event) events.push(p.event);
  return {
    name: 'device',
    present: logs.length + probes.length > 0,
    events,
    reports: [...logs.map((l) => l.report), ...probes.map((p) => p.report)],
    probes: Object.assign({}, ...probes.map((p) => p.facts)) as ProbeFacts,
  };
}

function summarize(read: SourceRead): SourceSummary {
  if (!read.present) return { name: read.name, status: 'missing', events: 0 };
  const fatal = read.reports.map((r) => r.fatal).filter((f): f is string => f !== undefined);
  if (fatal.length === 0) return { name: read.name, status: 'ok', events: read.events.length };
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

/**
 * Reads an evidence bundle into one analysis: the three sources in parallel, the Mac's clock offset
 * measured and applied to its events, every source sorted and merged into one UTC timeline.
 */
export async function analyzeBundle(dir: string): Promise<Analysis> {
  const layout = await readBundleLayout(dir);
  const meta = await readBundleMeta(layout.meta?.path);
  const ctx = meta.ctx;
  const [jamf, okta, device] = await Promise.all([readJamf(layout, ctx), readOkta(layout, ctx), readDevice(layout, ctx)]);

  const state: DeviceState = { okta: okta.devices, probes: device.probes };
  if (jamf.state) state.jamf = jamf.state;
  const clock = measureClockOffset(device.probes, ctx.collectedAtMs);
  applyMeasuredOffset(device.events, clock);

  const reads = [jamf, okta, device];
  const notes = [
    ...meta.notes,
    ...reads.flatMap((r) => r.reports.flatMap((report) => report.messages())),
    ...layout.ignored.map((rel) => `${rel}: not a bundle file; ignored`),
  ];
  if (clock.note) notes.push(`clock: ${clock.note}`);
  const { exactOffsetMs: _exact, ...clockReading } = clock;
  return {
    device: identify(ctx, state),
    collectedAtMs: ctx.collectedAtMs ?? null,
    sources: reads.map(summarize),
    clock: clockReading,
    timeline: mergeSortedRuns(reads.map((r) => sortRun(r.events))),
    hypotheses: [],
    state,
    notes,
  };
}
