import type { ParseContext } from '../../model/context.js';
import type { TimelineEvent } from '../../model/event.js';
import { OktaLogMerger } from './index.js';
import { sleep } from '../../net/retry.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import type { OktaApi } from './okta-api.js';
import { oktaUrl } from './okta-source.js';

export interface FollowOptions {
  filter: string;
  sinceMs: number;
  ctx: ParseContext;
  signal: AbortSignal;
  onEvents: (events: TimelineEvent[]) => void;
  /** Never poll more often than this (Okta asks pollers not to hammer the API). */
  minIntervalMs?: number;
  pageLimit?: number;
}

/**
 * Live follow of the System Log: a polling query (no `until`, ascending), whose `next` link is always
 * present. A full page is followed at once; a short one means we are caught up, so the next poll of
 * the stored `next` link waits for the interval and for the rate budget. New events only, once each.
 * Runs until the signal aborts; returns the last `next` link (the resume cursor).
 */
export async function followOktaLogs(api: OktaApi, opts: FollowOptions): Promise<URL | undefined> {
  const limit = opts.pageLimit ?? 1000;
  const merger = new OktaLogMerger(opts.ctx);
  let url: URL | undefined = oktaUrl(api.base, '/api/v1/logs', {
    since: formatIsoUtc(opts.sinceMs),
    limit: String(limit),
    sortOrder: 'ASCENDING',
    filter: opts.filter,
  });
  let polls = 0;
  while (url && !opts.signal.aborted) {
    let page;
    try {
      page = await api.page(url, 'logs', opts.signal);
    } catch (error) {
      if (opts.signal.aborted) break;
      throw error;
    }
    const before = merger.events.length;
    const sink = merger.page(`okta/follow-${String(++polls).padStart(4, '0')}.json`);
    page.items.forEach(sink.add);
    sink.finish();
    const fresh = merger.events.slice(before);
    if (fresh.length > 0) opts.onEvents(fresh);
    url = page.next ?? url;
    if (page.items.length < limit) {
      const wait = Math.max(opts.minIntervalMs ?? 15_000, api.pollDelayMs('logs'));
      try {
        await sleep(wait, opts.signal);
      } catch {
        break;
      }
    }
  }
  return url;
}
