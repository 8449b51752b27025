import type { Analysis, SourceSummary } from '../../model/analysis.js';
import type { ParseContext } from '../../model/context.js';
import { compareEvents, type TimelineEvent } from '../../model/event.js';
import { applyClockOffset } from '../../time/clock-offset.js';
import { partitionPoint } from '../../timeline/partition-point.js';
import { factInput } from '../assemble.js';
import { fileCoverage } from '../coverage.js';
import { measureClockOffset } from './clock.js';
import { deriveMacFacts } from './facts.js';
import { MAC_SOURCE } from './kinds.js';
import { parseDeviceLogText } from './log/log-file.js';
import { parseProbeText, type ProbeName } from './probes/index.js';
import type { MacState } from './state.js';

/** One output captured from the Mac after the analysis was made (a runbook step run from the console). */
export type DeviceOutput = { kind: 'probe'; name: ProbeName; rel: string; text: string } | { kind: 'log'; rel: string; text: string };

/** Copies of the Mac-stamped events, shifted: events already handed out are never changed. */
function shifted(events: readonly TimelineEvent[], offsetMs: number): TimelineEvent[] {
  const copies = events.map((e) => (e.deviceClock === true ? { ...e } : e));
  applyClockOffset(copies, offsetMs);
  return copies;
}

const PROBE_KIND = 'device.probe.';
const isProbeEvent = (e: TimelineEvent): boolean => e.source === MAC_SOURCE.id && e.kind.startsWith(PROBE_KIND);

/**
 * The kept events and the fresh ones in one order: kept events still in order take the fresh ones each
 * after the kept events at its instant (a binary search and one copy: no sort of the whole timeline);
 * kept events a first clock reading just moved are sorted again with them.
 */
function joined(kept: readonly TimelineEvent[], keptInOrder: boolean, fresh: readonly TimelineEvent[]): TimelineEvent[] {
  if (!keptInOrder) return [...kept, ...fresh].sort(compareEvents);
  const add = [...fresh].sort(compareEvents);
  const out = new Array<TimelineEvent>(kept.length + add.length);
  let k = 0;
  let o = 0;
  for (const e of add) {
    const at = partitionPoint(k, kept.length, (i) => compareEvents(kept[i]!, e) <= 0);
    while (k < at) out[o++] = kept[k++]!;
    out[o++] = e;
  }
  while (k < kept.length) out[o++] = kept[k++]!;
  return out;
}

/**
 * A new analysis with one more device output in it, parsed like a bundle file: its events replace
 * those from an earlier run of the same output, its probe facts join the device state, and the
 * clock correction holds for it (or, for a first clock reading, is measured and applied to copies of
 * every device event). The Mac's facts are derived again. Hypotheses are left to the caller to re-rank,
 * with `added`: the events the output put on the timeline.
 */
export async function addDeviceOutput(analysis: Analysis, output: DeviceOutput, ctx: ParseContext): Promise<{ analysis: Analysis; added: TimelineEvent[] }> {
  const parsed =
    output.kind === 'probe'
      ? (() => {
          const r = parseProbeText(output.text, output.rel, output.name, ctx);
          return { events: r.event ? [r.event] : [], report: r.report, facts: r.facts };
        })()
      : await parseDeviceLogText(output.text, output.rel, ctx).then((r) => ({ events: r.events, report: r.report, facts: {} }));

  const before = analysis.state[MAC_SOURCE.id] as MacState | undefined;
  const probes = { ...before?.probes, ...parsed.facts };
  let clock = analysis.clock;
  // An earlier run of this output (its read is in the coverage) is replaced: only then is the timeline filtered.
  const mac = MAC_SOURCE.id;
  const earlier = analysis.coverage.some((c) => c.source === mac && c.file === output.rel);
  let kept = earlier ? analysis.timeline.filter((e) => e.raw.file !== output.rel) : analysis.timeline;
  const replaced = analysis.timeline.length - kept.length;
  const deviceCount = analysis.sources.find((s) => s.name === mac)?.events ?? 0;
  let probeEvents = (before?.probeEvents ?? analysis.timeline.filter(isProbeEvent)).filter((e) => e.raw.file !== output.rel);
  let keptInOrder = true;
  let fresh = parsed.events;
  if (clock.applied && clock.deviceOffsetMs !== null) {
    fresh = shifted(fresh, clock.deviceOffsetMs);
  } else {
    const measured = measureClockOffset(probes, ctx.collectedAtMs);
    if (measured.applied && measured.deviceOffsetMs !== null) {
      const offset = measured.exactOffsetMs ?? measured.deviceOffsetMs;
      kept = kept.map((e) => (e.source === MAC_SOURCE.id ? shifted([e], offset)[0]! : e));
      keptInOrder = false;
      fresh = shifted(fresh, offset);
    }
    const { exactOffsetMs: _exact, ...reading } = measured;
    if (measured.basis !== null) clock = reading;
  }
  const timeline = joined(kept, keptInOrder, fresh);
  // Moved by a first clock reading: the probe outputs' events are the shifted copies.
  probeEvents = keptInOrder ? joined(probeEvents, true, fresh.filter(isProbeEvent)) : timeline.filter(isProbeEvent);
  const sources: SourceSummary[] = analysis.sources.map((s) =>
    s.name === MAC_SOURCE.id ? { ...s, status: s.status === 'missing' ? 'ok' : s.status, events: deviceCount - replaced + fresh.length } : s,
  );
  const state: MacState = { probes, clock, probeEvents };
  const stream = output.kind === 'probe' ? `endpoint.probe.${output.name}` : 'endpoint.log';
  const covered = fileCoverage({ source: MAC_SOURCE, stream, events: fresh, reports: [parsed.report], file: output.rel, snapshot: output.kind === 'probe' });
  const next: Analysis = {
    ...analysis,
    sources,
    clock,
    timeline,
    state: { ...analysis.state, [MAC_SOURCE.id]: state },
    coverage: [...analysis.coverage.filter((c) => !(c.source === MAC_SOURCE.id && c.file === output.rel)), covered],
    // The Mac's facts come from its state and its probe outputs' events.
    facts: analysis.facts.replacing(deriveMacFacts(factInput({ state, present: true }, probeEvents, ctx.collectedAtMs))),
    notes: [...analysis.notes, ...parsed.report.messages()],
  };
  return { analysis: next, added: fresh };
}
