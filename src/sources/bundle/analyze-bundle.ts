import type { Analysis } from '../../model/analysis.js';
import type { ParseContext } from '../../model/context.js';
import { parseDeviceLogFile } from '../mac/log/log-file.js';
import { parseJamfComputerFile } from '../jamf/computer.js';
import { parseJamfHistoryFile } from '../jamf/history.js';
import { parseJamfMdmCommandsFile } from '../jamf/mdm-commands.js';
import { parseOktaDevicesFile, parseOktaLogFiles } from '../okta/index.js';
import { parseProbeFile } from '../mac/probes/index.js';
import { assembleAnalysis } from '../assemble.js';
import { deviceRead } from '../mac/read-capture.js';
import type { DeviceRead, JamfRead, OktaRead } from '../source-read.js';
import { readBundleLayout, type BundleLayout } from './layout.js';
import { readBundleMeta } from './meta.js';

async function readOkta(layout: BundleLayout, ctx: ParseContext): Promise<OktaRead> {
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

async function readJamf(layout: BundleLayout, ctx: ParseContext): Promise<JamfRead> {
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

async function readDevice(layout: BundleLayout, ctx: ParseContext): Promise<DeviceRead> {
  const [logs, probes] = await Promise.all([
    Promise.all(layout.device.logs.map((f) => parseDeviceLogFile(f.path, f.rel, ctx))),
    Promise.all(layout.device.probes.map((f) => parseProbeFile(f.path, f.rel, f.name, ctx))),
  ]);
  return deviceRead(logs, probes);
}

/** Reads an evidence bundle into one analysis (the three sources in parallel). */
export async function analyzeBundle(dir: string): Promise<Analysis> {
  const layout = await readBundleLayout(dir);
  const meta = await readBundleMeta(layout.meta?.path);
  const ctx = meta.ctx;
  const [jamf, okta, device] = await Promise.all([readJamf(layout, ctx), readOkta(layout, ctx), readDevice(layout, ctx)]);
  const notes = [...meta.notes, ...layout.refused, ...layout.ignored.map((rel) => `${rel}: not a bundle file; ignored`)];
  return assembleAnalysis(ctx, { jamf, okta, device }, notes);
}
