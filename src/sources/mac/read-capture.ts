import type { SourceRead } from '../../core/adapter.js';
import type { Coverage } from '../../core/coverage.js';
import type { ParseContext } from '../../model/context.js';
import type { TimelineEvent } from '../../model/event.js';
import { applyMeasuredOffset } from '../../time/clock-offset.js';
import { fileCoverage } from '../coverage.js';
import { measureClockOffset } from './clock.js';
import { MAC_SOURCE } from './kinds.js';
import { parseDeviceLogText, type DeviceLogResult } from './log/log-file.js';
import { SeenRecords } from './log/seen-records.js';
import { parseProbeText, type ProbeFileResult, type ProbeName } from './probes/index.js';
import type { MacState, ProbeFacts } from './state.js';

/** Raw outputs from the Mac, each with the path a bundle keeps it under (device/NAME.ndjson, device/probes/NAME.txt). */
export interface CapturedOutputs {
  logs: { rel: string; text: string }[];
  probes: { name: ProbeName; rel: string; text: string }[];
}


/** Parses captured outputs with the same parsers, in the same order, as a bundle's device/ folder. */
export async function readDeviceCapture(capture: CapturedOutputs, ctx: ParseContext, recorded?: readonly Coverage[]): Promise<SourceRead<MacState>> {
  const byRel = <T extends { rel: string }>(list: T[]): T[] => [...list].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const seen = new SeenRecords();
  const logs: DeviceLogResult[] = [];
  for (const l of byRel(capture.logs)) logs.push(await parseDeviceLogText(l.text, l.rel, ctx, seen));
  const probes = byRel(capture.probes).map((p) => parseProbeText(p.text, p.rel, p.name, ctx));
  return deviceRead(logs, probes, ctx, recorded);
}

/**
 * The device source's read from its parsed log outputs and probe outputs: the clock offset measured
 * from the probes and applied to the Mac-stamped events before anyone else sees them.
 */
export function deviceRead(logs: DeviceLogResult[], probes: ProbeFileResult[], ctx: ParseContext, recorded?: readonly Coverage[]): SourceRead<MacState> {
  // One log is the usual case and can be a million events: take its array rather than copy it
  // (flatMap copies element by element; concat copies in bulk).
  const events = logs.length === 1 ? logs[0]!.events : ([] as TimelineEvent[]).concat(...logs.map((l) => l.events));
  for (const p of probes) if (p.event) events.push(p.event);
  const facts = Object.assign({}, ...probes.map((p) => p.facts)) as ProbeFacts;
  const clock = measureClockOffset(facts, ctx.collectedAtMs);
  applyMeasuredOffset(events, clock);
  const { exactOffsetMs: _exact, ...reading } = clock;
  const coverage: Coverage[] = [
    ...logs.map((l) => fileCoverage({ source: MAC_SOURCE, stream: 'endpoint.log', events: l.events, reports: [l.report], recorded, file: l.report.file })),
    ...probes.map((p) => fileCoverage({ source: MAC_SOURCE, stream: streamOf(p), events: p.event ? [p.event] : [], reports: [p.report], recorded, file: p.report.file, snapshot: true })),
  ];
  return {
    name: 'device',
    present: logs.length + probes.length > 0,
    events,
    reports: [...logs.map((l) => l.report), ...probes.map((p) => p.report)],
    state: { probes: facts, clock: reading, probeEvents: probes.flatMap((p) => (p.event ? [p.event] : [])) },
    coverage,
    clock: reading,
    usable: [...logs, ...probes].some((r) => r.report.fatal === undefined),
  };
}

function streamOf(p: ProbeFileResult): string {
  return `endpoint.probe.${p.report.file.replace(/^.*\/|\.txt$/g, '')}`;
}

