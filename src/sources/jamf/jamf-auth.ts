import type { JamfAuth } from './config.js';
import { isJsonObject, type JsonValue } from '../../io/json-file.js';
import { numberAt, stringAt } from '../../io/json-access.js';
import { endpoint } from '../../net/endpoint.js';
import { HttpError } from '../../net/errors.js';
import type { HttpClient, HttpResponse } from '../../net/http-client.js';
import { jsonBody } from '../../net/json-body.js';
import { describeJamfErrorBody } from './document.js';
import { registerSecret } from '../../secrets/registry.js';
import { parseZonedTimestamp } from '../../time/timestamp.js';

interface BearerToken {
  value: string;
  expiresAtMs: number;
  lifetimeMs: number;
}

function bodyOf(res: HttpResponse): JsonValue | undefined {
  try {
    return jsonBody(res);
  } catch {
    return undefined;
  }
}

function refused(res: HttpResponse, auth: JamfAuth): HttpError {
  if (res.status !== 400 && res.status !== 401 && res.status !== 403) {
    try {
      const said = describeJamfErrorBody(jsonBody(res));
      return new HttpError('status', `Jamf token request failed: ${said ?? `HTTP ${res.status}`}`, res.status);
    } catch (error) {
      if (error instanceof HttpError) return new HttpError(error.kind, `Jamf token request failed: ${error.message}`, res.status);
      throw error;
    }
  }
  const body = bodyOf(res);
  const object = isJsonObject(body) ? body : undefined;
  const oauth = stringAt(object, 'error');
  const detail = oauth ?? `HTTP ${res.status}`;
  const fix =
    auth.kind === 'client'
      ? 'check TRUSTLINE_JAMF_CLIENT_ID and TRUSTLINE_JAMF_CLIENT_SECRET, and that the API client is enabled'
      : 'check TRUSTLINE_JAMF_USER and TRUSTLINE_JAMF_PASSWORD (SSO-only accounts cannot use the API)';
  return new HttpError('status', `Jamf refused the credentials (${detail}): ${fix}`, res.status);
}

/**
 * Bearer tokens for the Jamf Pro API: an API client's client-credentials grant (`/api/v1/oauth/token`,
 * falling back to `/api/oauth/token` on servers that only have the older path) or a user's legacy
 * token (`/api/v1/auth/token` with Basic). Renewed before expiry; one request in flight at a time.
 */
export class JamfAuthorizer {
  private token: BearerToken | undefined;
  private pending: Promise<BearerToken> | undefined;

  constructor(
    private readonly http: HttpClient,
    private readonly base: URL,
    private readonly auth: JamfAuth,
  ) {}

  async header(signal: AbortSignal): Promise<string> {
    const token = this.token;
    const margin = token ? Math.max(5_000, token.lifetimeMs / 10) : 0;
    if (!token || token.expiresAtMs - margin <= Date.now()) {
      this.pending ??= this.requestToken(signal).finally(() => {
        this.pending = undefined;
      });
      this.token = await this.pending;
    }
    return `Bearer ${this.token!.value}`;
  }

  invalidate(): void {
    this.token = undefined;
  }

  private async requestToken(signal: AbortSignal): Promise<BearerToken> {
    if (this.auth.kind === 'user') {
      const basic = Buffer.from(`${this.auth.username}:${this.auth.password}`).toString('base64');
      registerSecret(basic);
      const res = await this.http.send({
        method: 'POST',
        url: endpoint(this.base, '/api/v1/auth/token'),
        headers: { accept: 'application/json', authorization: `Basic ${basic}` },
        signal,
        idempotent: true,
      });
      if (res.status !== 200) throw refused(res, this.auth);
      const object = jsonBody(res);
      const value = isJsonObject(object) ? stringAt(object, 'token') : undefined;
      const expires = isJsonObject(object) ? stringAt(object, 'expires') : undefined;
      const expiresAtMs = expires ? parseZonedTimestamp(expires)?.epochMs : undefined;
      return this.keep(value, expiresAtMs ?? Date.now() + 20 * 60_000);
    }
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.auth.clientId, client_secret: this.auth.clientSecret }).toString();
    const headers = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
    const post = (path: string): Promise<HttpResponse> =>
      this.http.send({ method: 'POST', url: endpoint(this.base, path), headers, body, signal, idempotent: true });
    let res = await post('/api/v1/oauth/token');
    if (res.status === 404) res = await post('/api/oauth/token');
    if (res.status !== 200) throw refused(res, this.auth);
    const object = jsonBody(res);
    const value = isJsonObject(object) ? stringAt(object, 'access_token') : undefined;
    const lifetime = isJsonObject(object) ? numberAt(object, 'expires_in') : undefined;
    return this.keep(value, Date.now() + (lifetime ?? 60) * 1000);
  }

  private keep(value: string | undefined, expiresAtMs: number): BearerToken {
    if (!value) throw new HttpError('bad-json', 'Jamf token response has no token');
    registerSecret(value);
    return { value, expiresAtMs, lifetimeMs: Math.max(0, expiresAtMs - Date.now()) };
  }
}
