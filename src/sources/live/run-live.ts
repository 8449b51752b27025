import type { LiveSettings } from '../../config/credentials.js';
import { deadlineSignal } from '../../net/deadline.js';
import type { Analysis } from '../../model/analysis.js';
import type { ParseContext } from '../../model/context.js';
import type { Coverage } from '../../core/coverage.js';
import { streamKinds } from '../coverage.js';
import { MAC_SOURCE } from '../mac/kinds.js';
import { DEFAULT_HTTP_SETTINGS, HttpClient, type HttpSettings } from '../../net/http-client.js';
import { SOURCE_DEADLINE } from '../../net/errors.js';
import { assembleAnalysis } from '../assemble.js';
import { readDeviceCapture, type CapturedOutputs } from '../mac/read-capture.js';
import { JamfApi } from '../jamf/jamf-api.js';
import { JamfAuthorizer } from '../jamf/jamf-auth.js';
import { fetchJamfEvidence } from '../jamf/jamf-source.js';
import { OktaApi } from '../okta/okta-api.js';
import { OktaAuthorizer } from '../okta/okta-auth.js';
import { fetchOktaEvidence } from '../okta/okta-source.js';
import type { SourceRead } from '../../core/adapter.js';
import { failedReport, stoppedReport } from '../source-read.js';
import { jamfAdapter } from '../jamf/adapter.js';
import { oktaAdapter } from '../okta/adapter.js';
import { macAdapter } from '../mac/adapter.js';
import type { CollectedDocument, LiveProgress, LiveQuery } from './live-types.js';

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

export interface LiveOptions {
  settings: LiveSettings;
  query: LiveQuery;
  /** Context fields known up front (hostname, user, the Mac's zone). */
  identity: Pick<ParseContext, 'hostname' | 'user' | 'deviceTimeZone'>;
  device?: DeviceSourceRunner | undefined;
  /** Each source gives up after this long; the others carry on. */
  deadlineMs?: number;
  signal?: AbortSignal;
  progress?: LiveProgress;
  http?: HttpSettings;
  /** System Log page size (default the API's maximum, 1000). */
  oktaPageLimit?: number;
  /** System Log text kept before the read stops, partial (default MAX_LOG_TEXT, 128 Mi characters). */
  oktaMaxLogText?: number;
  /** Notes the run starts with (how the Mac was resolved). */
  notes?: readonly string[];
}

export interface LiveResult {
  analysis: Analysis;
  ctx: ParseContext;
  /** Raw API documents and device outputs, for `collect`. */
  documents: CollectedDocument[];
  device: DeviceCaptureResult | undefined;
}

export const DEFAULT_SOURCE_DEADLINE_MS = 120_000;

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

function missing<T extends SourceRead>(read: T): T {
  return { ...read, present: false };
}

/** An error as one plain line: a deadline or cancel that reaches here as the bare abort reason reads like the HTTP ones. */
function plainMessage(error: unknown): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError') return SOURCE_DEADLINE;
  if (name === 'AbortError') return 'cancelled';
  return error instanceof Error ? error.message : String(error);
}

function failed<T extends SourceRead>(read: T, name: string, error: unknown): T {
  const message = plainMessage(error);
  return { ...read, present: true, reports: [...read.reports, failedReport(name, message)] };
}

/**
 * Fetches every configured source at once into one analysis: Jamf and Okta over HTTP, the Mac through
 * its runner. One failing source becomes that source's error; the others are unaffected. The slowest
 * source bounds the run.
 */
export async function runLive(opts: LiveOptions): Promise<LiveResult> {
  const { settings, query, progress = {} } = opts;
  const http = await HttpClient.create({ ...(opts.http ?? DEFAULT_HTTP_SETTINGS), caFile: settings.caFile });
  const base: ParseContext = { ...opts.identity, collectedAtMs: query.untilMs, serial: query.serial };
  let setCollectedAt: (ms: number) => void = () => undefined;
  const context = opts.device
    ? new Promise<ParseContext>((resolve) => {
        setCollectedAt = (ms) => resolve({ ...base, collectedAtMs: ms });
      })
    : Promise.resolve(base);
  const deadline = (): AbortSignal => deadlineSignal(opts.deadlineMs ?? DEFAULT_SOURCE_DEADLINE_MS, opts.signal);
  const jamfDocs: CollectedDocument[] = [];
  const oktaDocs: CollectedDocument[] = [];
  const empty = (name: string): SourceRead => ({ name, present: false, events: [], reports: [], state: undefined, coverage: [] });
  const emptyJamf = empty('jamf');
  const emptyOkta = empty('okta');
  const emptyDevice = empty('device');

  const jamf = settings.jamf
    ? fetchJamfEvidence(
        new JamfApi(http, settings.jamf.url, new JamfAuthorizer(http, settings.jamf.url, settings.jamf.auth)),
        query,
        { context, signal: deadline(), progress, documents: jamfDocs },
      ).catch((error: unknown) => failed(emptyJamf, 'jamf', error))
    : Promise.resolve(missing(emptyJamf));
  const okta = settings.okta
    ? fetchOktaEvidence(
        new OktaApi(http, settings.okta.url, new OktaAuthorizer(http, settings.okta.url, settings.okta.auth)),
        query,
        { context, signal: deadline(), progress, documents: oktaDocs },
        { pageLimit: opts.oktaPageLimit, maxLogText: opts.oktaMaxLogText },
      ).catch((error: unknown) => failed(emptyOkta, 'okta', error))
    : Promise.resolve(missing(emptyOkta));

  let capture: DeviceCaptureResult | undefined;
  const device = opts.device
    ? opts.device
        .run(deadline(), (ms) => setCollectedAt(ms))
        .then(async (result) => {
          capture = result;
          setCollectedAt(result.collectedAtMs);
          const read = await readDeviceCapture(result, await context, liveLogWindows(result, query));
          if (read.events.length > 0) progress.events?.('device', read.events);
          // Nothing came back at all (unreachable, refused, the deadline): the source failed; say why once.
          const why = result.stopped ?? result.notes[0]?.replace(/^device: /, '');
          if (!read.present && why !== undefined) return failed(read, 'device', why);
          if (result.stopped !== undefined) read.reports.push(stoppedReport('device', result.stopped));
          return read;
        })
        .catch((error: unknown) => {
          setCollectedAt(query.untilMs);
          return failed(emptyDevice, 'device', error);
        })
    : Promise.resolve(missing(emptyDevice));

  try {
    const [j, o, d] = await Promise.all([jamf, okta, device]);
    const ctx = await context;
    const notes = [...(opts.notes ?? []), ...(capture?.notes ?? [])];
    return { analysis: assembleAnalysis(ctx, [{ adapter: jamfAdapter, read: j }, { adapter: oktaAdapter, read: o }, { adapter: macAdapter, read: d }], notes), ctx, documents: [...jamfDocs, ...oktaDocs], device: capture };
  } finally {
    await http.close();
  }
}
