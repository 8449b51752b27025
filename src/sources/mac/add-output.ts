import type { Analysis, SourceSummary } from '../../model/analysis.js';
import type { ParseContext } from '../../model/context.js';
import { compareEvents, type TimelineEvent } from '../../model/event.js';
import { applyClockOffset } from '../../time/clock-offset.js';
import { mergeSortedRuns } from '../../timeline/merge.js';
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

/**
 * A new analysis with one more device output in it, parsed like a bundle file: its events replace
 * those from an earlier run of the same output, its probe facts join the device state, and the
 * clock correction holds for it (or, for a first clock reading, is measured and applied to copies of
 * every device event). The Mac's facts are derived again. Hypotheses are left to the caller to re-rank.
 */
export async function addDeviceOutput(analysis: Analysis, output: DeviceOutput, ctx: ParseContext): Promise<Analysis> {
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
  let kept = analysis.timeline.filter((e) => e.raw.file !== output.rel);
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
  // The kept events are still in order unless a first clock reading just moved the Mac's: then sort them all.
  const timeline = keptInOrder ? mergeSortedRuns([kept, [...fresh].sort(compareEvents)]) : [...kept, ...fresh].sort(compareEvents);
  const deviceEvents = timeline.filter((e) => e.source === MAC_SOURCE.id);
  const sources: SourceSummary[] = analysis.sources.map((s) =>
    s.name === MAC_SOURCE.id ? { ...s, status: s.status === 'missing' ? 'ok' : s.status, events: deviceEvents.length } : s,
  );
  const state: MacState = { probes, clock };
  const stream = output.kind === 'probe' ? `endpoint.probe.${output.name}` : 'endpoint.log';
  const covered = fileCoverage({ source: MAC_SOURCE, stream, events: fresh, reports: [parsed.report], file: output.rel, snapshot: output.kind === 'probe' });
  return {
    ...analysis,
    sources,
    clock,
    timeline,
    state: { ...analysis.state, [MAC_SOURCE.id]: state },
    coverage: [...analysis.coverage.filter((c) => !(c.source === MAC_SOURCE.id && c.file === output.rel)), covered],
    facts: analysis.facts.replacing(deriveMacFacts(factInput({ state, present: true }, deviceEvents, ctx.collectedAtMs))),
    notes: [...analysis.notes, ...parsed.report.messages()],
  };
}
