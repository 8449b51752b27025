import { isJsonObject, type JsonValue } from '../../io/json-file.js';
import { describeJamfErrorBody } from './document.js';
import { endpoint } from '../../net/endpoint.js';
import { HttpError } from '../../net/errors.js';
import type { HttpClient, HttpResponse } from '../../net/http-client.js';
import { jsonBody } from '../../net/json-body.js';
import { Semaphore } from '../../net/semaphore.js';
import type { JamfAuthorizer } from './jamf-auth.js';

/** Jamf's guidance: no more than five concurrent connections. */
export const JAMF_MAX_CONCURRENCY = 5;

export type JamfAnswer = { status: 200; json: JsonValue } | { status: 404 };

function describeJamfError(res: HttpResponse, path: string): HttpError {
  if (res.status === 401) return new HttpError('status', `Jamf refused the token on ${path} (HTTP 401)`, 401);
  let said: string | undefined;
  try {
    said = describeJamfErrorBody(jsonBody(res));
  } catch (error) {
    if (error instanceof HttpError) return new HttpError(error.kind, `${path}: ${error.message}`, res.status);
    throw error;
  }
  if (res.status === 403) {
    return new HttpError('status', `Jamf denied ${path} (${said ?? 'HTTP 403'}): the API role needs the Read Computers privilege`, 403);
  }
  if (res.status === 429) return new HttpError('status', `Jamf is throttling requests on ${path} (${said ?? 'HTTP 429'}); try again in a minute`, 429);
  return new HttpError('status', `${path}: ${said ?? `HTTP ${res.status}`}`, res.status);
}

/** GETs against Jamf Pro (both APIs): bearer token, five at a time, JSON checked, errors as one line. */
export class JamfApi {
  private readonly slots = new Semaphore(JAMF_MAX_CONCURRENCY);

  constructor(
    private readonly http: HttpClient,
    private readonly base: URL,
    private readonly auth: JamfAuthorizer,
  ) {}

  /** 404 is an answer (an older API version, an unknown serial); other failures throw. */
  async get(path: string, signal: AbortSignal): Promise<JamfAnswer> {
    const url = endpoint(this.base, path);
    const shown = url.pathname;
    for (let attempt = 0; ; attempt++) {
      const authorization = await this.auth.header(signal);
      const res = await this.slots.run(() =>
        this.http.send({ method: 'GET', url, headers: { accept: 'application/json', authorization }, signal }),
      );
      if (res.status === 401 && attempt === 0) {
        this.auth.invalidate();
        continue;
      }
      if (res.status === 404) return { status: 404 };
      if (res.status !== 200) throw describeJamfError(res, shown);
      const json = jsonBody(res);
      if (!isJsonObject(json) && !Array.isArray(json)) throw new HttpError('bad-json', `${shown}: not a JSON object`);
      return { status: 200, json };
    }
  }
}
