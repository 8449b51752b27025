import type { JsonValue } from '../../io/json-file.js';
import { isJsonObject } from '../../io/json-file.js';
import { stringAt } from '../../io/json-access.js';
import { HttpError } from '../../net/errors.js';
import { headerValue, type HttpClient, type HttpResponse } from '../../net/http-client.js';
import { jsonBody } from '../../net/json-body.js';
import { nextLink } from '../../net/link-header.js';
import { sanitizeLine } from '../../text/sanitize.js';
import type { OktaAuthorizer } from './okta-auth.js';
import { RateBudget } from './rate-budget.js';

export type OktaBucket = 'logs' | 'devices' | 'users';

export interface OktaPage {
  items: JsonValue[];
  /** The server's `rel="next"` link, verbatim. */
  next: URL | undefined;
  /** The body's length in characters (what holding the page costs, roughly). */
  size: number;
}

function scopeOf(res: HttpResponse): string | undefined {
  const challenge = headerValue(res.headers, 'www-authenticate') ?? '';
  if (!/insufficient_scope/.test(challenge)) return undefined;
  return /scope="([^"]*)"/.exec(challenge)?.[1] ?? 'the required scope';
}

/** An Okta error response as one actionable line. */
function describeOktaError(res: HttpResponse, mode: 'ssws' | 'oauth', bucket: OktaBucket): HttpError {
  const scope = scopeOf(res);
  if (res.status === 403 && scope) {
    return new HttpError('status', `the service app lacks scope ${scope}: grant it on the app's Okta API Scopes tab`, 403);
  }
  let body: JsonValue | undefined;
  try {
    body = jsonBody(res);
  } catch (error) {
    if (error instanceof HttpError) return new HttpError(error.kind, error.message, res.status);
    throw error;
  }
  const object = isJsonObject(body) ? body : undefined;
  const code = stringAt(object, 'errorCode');
  const summary = sanitizeLine(stringAt(object, 'errorSummary') ?? '', 200);
  const said = code ? `${code} ${summary}`.trim() : `HTTP ${res.status}`;
  if (res.status === 401) {
    const fix =
      mode === 'ssws'
        ? 'check TRUSTLINE_OKTA_TOKEN (API tokens lapse after 30 days unused)'
        : 'the access token was refused; check the service app and its key';
    return new HttpError('status', `Okta refused the credentials (${said}): ${fix}`, 401);
  }
  if (res.status === 403) {
    const needs = bucket === 'logs' ? 'okta.logs.read' : bucket === 'users' ? 'okta.users.read' : 'okta.devices.read';
    return new HttpError('status', `Okta denied access (${said}): the admin role behind the credentials must allow ${needs}`, 403);
  }
  if (res.status === 429) {
    const reset = Number(headerValue(res.headers, 'x-rate-limit-reset'));
    const until = Number.isFinite(reset) ? ` until ${new Date(reset * 1000).toISOString().slice(11, 19)}Z` : '';
    return new HttpError('status', `rate limited by Okta (${said})${until}; try again later or raise the token's rate-limit share`, 429);
  }
  return new HttpError('status', `Okta answered HTTP ${res.status} (${said})`, res.status);
}

/**
 * GETs against Okta's management API: authorised, paced by the per-bucket rate budget (a 429 waits
 * for the reported reset), JSON checked, errors turned into one line.
 */
export class OktaApi {
  private readonly budgets: Record<OktaBucket, RateBudget>;
  /** Requests sent per bucket (each 429 retry included in the one it retried). */
  readonly requests: Record<OktaBucket, number> = { logs: 0, devices: 0, users: 0 };

  /** `rateShare`: the fraction of each window's remaining requests this client may spend (see RateBudget). */
  constructor(
    private readonly http: HttpClient,
    readonly base: URL,
    private readonly auth: OktaAuthorizer,
    rateShare?: number,
  ) {
    this.budgets = { logs: new RateBudget(Date.now, rateShare), devices: new RateBudget(Date.now, rateShare), users: new RateBudget(Date.now, rateShare) };
  }

  async page(url: URL, bucket: OktaBucket, signal: AbortSignal): Promise<OktaPage> {
    const answer = await this.answer(url, bucket, signal);
    return { items: answer.items(), next: answer.next, size: answer.size };
  }

  /**
   * One page whose body is parsed only when `items()` is called: the next link comes from the headers,
   * so a reader can ask for the next page before it parses this one.
   */
  async answer(url: URL, bucket: OktaBucket, signal: AbortSignal): Promise<{ next: URL | undefined; size: number; items: () => JsonValue[] }> {
    if (url.origin !== this.base.origin) {
      throw new HttpError('status', `Okta sent a next link to another host (${url.origin}); not followed`);
    }
    const budget = this.budgets[bucket];
    let res: HttpResponse | undefined;
    for (let attempt = 0; ; attempt++) {
      await budget.acquire(signal);
      this.requests[bucket]++;
      try {
        const headers = { accept: 'application/json', ...(await this.auth.headers('GET', url, signal)) };
        res = await this.http.send({ method: 'GET', url, headers, signal, rateLimitWaitMs: (r) => RateBudget.waitAfter429(r) });
      } finally {
        budget.release(res);
      }
      // An expired OAuth token: fetch a new one once.
      if (res.status === 401 && this.auth.mode === 'oauth' && attempt === 0) {
        this.auth.invalidate();
        res = undefined;
        continue;
      }
      break;
    }
    if (res.status !== 200) throw describeOktaError(res, this.auth.mode, bucket);
    const ok = res;
    return {
      next: nextLink(ok.headers, url),
      size: ok.text.length,
      items: () => {
        const body = jsonBody(ok);
        if (!Array.isArray(body)) throw new HttpError('bad-json', `Okta answered ${url.pathname} with ${typeof body === 'object' ? 'an object' : typeof body} instead of an array`);
        return body;
      },
    };
  }

  /** Milliseconds before the logs bucket allows another poll without touching its reserve. */
  pollDelayMs(bucket: OktaBucket): number {
    return this.budgets[bucket].waitMs();
  }
}
