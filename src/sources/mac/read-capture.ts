import type { ParseContext } from '../../model/context.js';
import type { ProbeFacts } from '../../model/device-state.js';
import type { TimelineEvent } from '../../model/event.js';
import { parseDeviceLogText, type DeviceLogResult } from './log/log-file.js';
import { parseProbeText, type ProbeFileResult, type ProbeName } from './probes/index.js';
import type { DeviceRead } from '../source-read.js';

/** Raw outputs from the Mac, each with the path a bundle keeps it under (device/NAME.ndjson, device/probes/NAME.txt). */
export interface CapturedOutputs {
  logs: { rel: string; text: string }[];
  probes: { name: ProbeName; rel: string; text: string }[];
}

/** Parses captured outputs with the same parsers, in the same order, as a bundle's device/ folder. */
export async function readDeviceCapture(capture: CapturedOutputs, ctx: ParseContext): Promise<DeviceRead> {
  const byRel = <T extends { rel: string }>(list: T[]): T[] => [...list].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const logs = await Promise.all(byRel(capture.logs).map((l) => parseDeviceLogText(l.text, l.rel, ctx)));
  const probes = byRel(capture.probes).map((p) => parseProbeText(p.text, p.rel, p.name, ctx));
  return deviceRead(logs, probes);
}

/** The device source's read from its parsed log outputs and probe outputs. */
export function deviceRead(logs: DeviceLogResult[], probes: ProbeFileResult[]): DeviceRead {
  // One log is the usual case and can be a million events: take its array rather than copy it
  // (flatMap copies element by element; concat copies in bulk).
  const events = logs.length === 1 ? logs[0]!.events : ([] as TimelineEvent[]).concat(...logs.map((l) => l.events));
  for (const p of probes) if (p.event) events.push(p.event);
  return {
    name: 'device',
    present: logs.length + probes.length > 0,
    events,
    reports: [...logs.map((l) => l.report), ...probes.map((p) => p.report)],
    probes: Object.assign({}, ...probes.map((p) => p.facts)) as ProbeFacts,
  };
}
