import type { Coverage } from '../../core/coverage.js';
import type { LiveCapability, LiveQuery } from '../../core/live.js';
import { streamKinds } from '../coverage.js';
import { failedReport, stoppedReport } from '../source-read.js';
import { MAC_SOURCE } from './kinds.js';
import { readDeviceCapture, type CapturedOutputs } from './read-capture.js';
import type { MacState } from './state.js';

/** Outputs gathered from the Mac, and when (the local clock at the midpoint of its `date -u`). */
export interface DeviceCaptureResult extends CapturedOutputs {
  collectedAtMs: number;
  notes: string[];
  /** The collection stopped early (its deadline): the source is partial. */
  stopped?: string | undefined;
}

/** The Mac's side: over SSH, or recorded outputs in the demo. */
export interface DeviceSourceRunner {
  /** Calls `collectedAt` as soon as the collection time is known, so other sources can normalise. */
  run(signal: AbortSignal, collectedAt: (ms: number) => void): Promise<DeviceCaptureResult>;
}

/** The window each `log show` was asked for: the query's, as the Mac's clock reads it. */
function liveLogWindows(capture: CapturedOutputs, query: LiveQuery): Coverage[] {
  return capture.logs.map((l) => ({
    source: MAC_SOURCE.id,
    role: MAC_SOURCE.role,
    stream: 'endpoint.log',
    kinds: streamKinds(MAC_SOURCE.kinds, 'endpoint.log'),
    file: l.rel,
    fromMs: query.sinceMs,
    untilMs: query.untilMs,
    complete: true,
  }));
}

/**
 * The Mac live, through its runner (SSH, or the demo's recording): it measures the collection time the
 * other sources normalise with, keeps each output as a document for `collect`, and reads the outputs
 * with the bundle's parsers.
 */
export const macLive: LiveCapability<MacState, DeviceSourceRunner> = {
  async connect(runner) {
    return {
      measuresCollectionTime: true,
      async read(query, run) {
        const result = await runner.run(run.signal, run.collectedAt);
        run.collectedAt(result.collectedAtMs);
        run.notes.push(...result.notes);
        for (const output of [...result.logs, ...result.probes]) run.documents.push({ rel: output.rel, text: output.text });
        const read = await readDeviceCapture(result, await run.context, liveLogWindows(result, query));
        if (read.events.length > 0) run.progress.events?.(MAC_SOURCE.id, read.events);
        // Nothing came back at all (unreachable, refused, the deadline): the source failed; say why once.
        const why = result.stopped ?? result.notes[0]?.replace(/^device: /, '');
        if (!read.present && why !== undefined) return { ...read, present: true, reports: [...read.reports, failedReport(MAC_SOURCE.id, why)] };
        if (result.stopped !== undefined) read.reports.push(stoppedReport(MAC_SOURCE.id, result.stopped));
        return read;
      },
    };
  },
};
