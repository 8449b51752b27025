import type { JsonValue } from '../../io/json-file.js';
import { isJsonObject } from '../../io/json-file.js';
import { objectAt, stringAt } from '../../io/json-access.js';
import { HttpError } from '../../net/errors.js';
import type { ChangeObservation, FailureObservation, FleetReader, FleetSink, StreamCoverage, SweepProgress } from '../../sweep/types.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import type { OktaApi } from './okta-api.js';
import { oktaChange, oktaFailure } from './fleet-events.js';
import { oktaUrl } from './okta-source.js';

/**
 * Failures and denials of device trust, sign-on and app policies, OAuth grants and device assurance,
 * filtered by Okta (only these events cross the wire). Password typos (user.session.start) are left out:
 * they are everyday noise, not an incident's signature.
 */
export const FAILURE_FILTER =
  '(outcome.result eq "FAILURE" or outcome.result eq "DENY") and (eventType sw "policy." or eventType sw "device." or ' +
  'eventType sw "pki.cert." or eventType sw "app.oauth2." or eventType eq "user.authentication.authenticate" or ' +
  'eventType eq "user.credential.enroll")';

/** Admin changes that can break sign-in for many Macs at once. */
export const CHANGE_FILTER =
  'eventType sw "policy.rule." or eventType sw "policy.lifecycle." or eventType eq "device.assurance.policy.add" or ' +
  'eventType eq "device.assurance.policy.update" or eventType eq "device.assurance.policy.delete" or ' +
  'eventType sw "security.authenticator.lifecycle." or eventType sw "application.lifecycle." or eventType sw "pki.ca."';

/** Device ids per Devices API search (an `or` of `id eq` terms; the URL stays short). */
const DEVICE_BATCH = 20;

export interface OktaFleetOptions {
  pageLimit?: number;
  /** Stop after this many pages per stream and say so (default 2,000: two million events). */
  maxPages?: number;
  progress?: (p: SweepProgress) => void;
}

/**
 * The Okta side of a sweep: bounded System Log queries (since and until, ascending: ordered by
 * `published`, finite) filtered on the server, paged with the `next` links verbatim, on the API's
 * rate budget (which holds the sweep to its share). A failure stops the stream and leaves coverage up
 * to the last event read.
 */
export class OktaFleetReader implements FleetReader {
  readonly name = 'okta';

  constructor(
    private readonly api: OktaApi,
    private readonly opts: OktaFleetOptions = {},
  ) {}

  readFailures(sinceMs: number, untilMs: number, sink: FleetSink, signal: AbortSignal): Promise<StreamCoverage> {
    return this.read('failures', FAILURE_FILTER, sinceMs, untilMs, signal, (v) => {
      const o: FailureObservation | undefined = oktaFailure(v);
      if (o) sink.failure(o);
      return o?.timeMs;
    });
  }

  readChanges(sinceMs: number, untilMs: number, sink: FleetSink, signal: AbortSignal): Promise<StreamCoverage> {
    return this.read('changes', CHANGE_FILTER, sinceMs, untilMs, signal, (v) => {
      const c: ChangeObservation | undefined = oktaChange(v);
      if (c) sink.change(c);
      return c?.timeMs;
    });
  }

  async serialsOf(deviceIds: readonly string[], signal: AbortSignal): Promise<Map<string, string>> {
    const serials = new Map<string, string>();
    for (let i = 0; i < deviceIds.length; i += DEVICE_BATCH) {
      const batch = deviceIds.slice(i, i + DEVICE_BATCH);
      const search = batch.map((id) => `id eq "${id.replace(/["\\]/g, '')}"`).join(' or ');
      let url: URL | undefined = oktaUrl(this.api.base, '/api/v1/devices', { search, limit: String(DEVICE_BATCH) });
      for (let n = 0; url && n < 2; n++) {
        const page = await this.api.page(url, 'devices', signal);
        for (const item of page.items) {
          if (!isJsonObject(item)) continue;
          const id = stringAt(item, 'id');
          const serial = stringAt(objectAt(item, 'profile'), 'serialNumber');
          if (id !== undefined && serial !== undefined) serials.set(id, serial);
        }
        url = page.next;
      }
      this.opts.progress?.({ stream: 'devices', pages: i / DEVICE_BATCH + 1, events: serials.size });
    }
    return serials;
  }

  private async read(
    stream: string,
    filter: string,
    sinceMs: number,
    untilMs: number,
    signal: AbortSignal,
    take: (item: JsonValue) => number | undefined,
  ): Promise<StreamCoverage> {
    const limit = this.opts.pageLimit ?? 1000;
    const maxPages = this.opts.maxPages ?? 2000;
    const requestsBefore = this.api.requests.logs;
    const cover: StreamCoverage = { sinceMs, throughMs: sinceMs, complete: false, pages: 0, events: 0, requests: 0, skipped: 0 };
    let url: URL | undefined = oktaUrl(this.api.base, '/api/v1/logs', {
      since: formatIsoUtc(sinceMs),
      until: formatIsoUtc(untilMs),
      limit: String(limit),
      sortOrder: 'ASCENDING',
      filter,
    });
    // One page ahead: the next request is on its way while this page is parsed and aggregated.
    // A next link already requested would count its events again: it is not followed.
    const requested = new Set<string>(url ? [url.href] : []);
    let pending = url ? this.api.answer(url, 'logs', signal) : undefined;
    try {
      while (pending) {
        const answer = await pending;
        cover.pages++;
        url = answer.next;
        pending = url && cover.pages < maxPages && !requested.has(url.href) ? this.api.answer(url, 'logs', signal) : undefined;
        if (url) requested.add(url.href);
        // A failure of the page ahead surfaces when it is awaited, after this page is counted.
        pending?.catch(() => undefined);
        for (const item of answer.items()) {
          const at = take(item);
          if (at === undefined) cover.skipped++;
          else {
            cover.events++;
            // Bounded queries come in `published` order: everything before the newest read is in.
            cover.throughMs = Math.max(cover.throughMs, at);
          }
        }
        this.opts.progress?.({ stream, pages: cover.pages, events: cover.events, throughMs: cover.throughMs });
      }
      if (url && cover.pages < maxPages) cover.error = `${stream}: a next link repeats a page already read (Okta gave the same cursor again); not followed. Run again later`;
      else if (url) cover.error = `stopped after ${maxPages} pages of ${stream}; narrow the window with --since/--until`;
      else {
        cover.complete = true;
        cover.throughMs = untilMs;
      }
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      cover.error = `${stream}: ${error.message}`;
    }
    cover.requests = this.api.requests.logs - requestsBefore;
    return cover;
  }
}
