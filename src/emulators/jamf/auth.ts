// Jamf Pro tokens: API-client credentials (OAuth), user tokens from Basic auth, keep-alive and invalidation.
import { basicCredentials, credentialFor, emptyReply, formFields, jsonReply, randomId, sameSecret, type Exchange, type Reply } from '../http-util.js';
import { TokenRegistry } from '../token-registry.js';
import type { JamfCredentials } from '../types.js';
import { apiError, invalidToken } from './errors.js';

interface JamfGrant {
  kind: 'client' | 'user';
  subject: string;
  expiresAtMs: number;
}

export type TokenCheck = { ok: true; grant: JamfGrant } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

function tokenEndpointError(error: string, description: string): Reply {
  return jsonReply(400, { error, error_description: description, error_uri: 'https://datatracker.ietf.org/doc/html/rfc6749#section-5.2' });
}

export class JamfAuth {
  private readonly registry = new TokenRegistry<JamfGrant>();
  private readonly ttlSeconds: number;

  constructor(private readonly credentials: JamfCredentials) {
    this.ttlSeconds = credentials.tokenTtlSeconds ?? 1200;
  }

  /** POST /api/v1/oauth/token and /api/oauth/token (form client_credentials). */
  async clientToken(ex: Exchange): Promise<Reply> {
    const form = formFields(ex);
    const grantType = form?.get('grant_type');
    if (!form || !grantType) return tokenEndpointError('invalid_request', 'OAuth 2.0 Parameter: grant_type');
    if (grantType !== 'client_credentials') return tokenEndpointError('unsupported_grant_type', 'OAuth 2.0 Parameter: grant_type');
    const id = form.get('client_id') ?? '';
    const secret = form.get('client_secret') ?? '';
    const client = this.credentials.apiClients.find((c) => c.clientId === id);
    if (!client || !sameSecret(client.clientSecret, secret)) return tokenEndpointError('invalid_client', 'Client authentication failed');
    const token = await this.issue('client', id);
    return jsonReply(200, { access_token: token, token_type: 'Bearer', scope: 'api-role:1', expires_in: this.ttlSeconds });
  }

  /** POST /api/v1/auth/token with Basic credentials. */
  async userToken(ex: Exchange): Promise<Reply> {
    const basic = basicCredentials(ex.headers);
    const user = basic && this.credentials.users.find((u) => u.username === basic.username);
    if (!basic || !user || !sameSecret(user.password, basic.password)) return apiError(401, 'INVALID_CREDENTIALS', 'Unauthorized');
    return this.userTokenReply(user.username);
  }

  /** POST /api/v1/auth/keep-alive: a new user token; the old one stops working. */
  async keepAlive(ex: Exchange): Promise<Reply> {
    const check = this.check(ex);
    if (!check.ok) return invalidToken();
    if (check.grant.kind !== 'user') return apiError(401, 'INVALID_TOKEN', 'keep-alive is only supported for user bearer tokens');
    this.registry.revoke(credentialFor(ex.headers, 'Bearer')!);
    return this.userTokenReply(check.grant.subject);
  }

  /** POST /api/v1/auth/invalidate-token. */
  invalidate(ex: Exchange): Reply {
    if (!this.check(ex).ok) return invalidToken();
    this.registry.revoke(credentialFor(ex.headers, 'Bearer')!);
    return emptyReply(204);
  }

  /** GET /api/v1/auth: who the token belongs to. */
  whoAmI(grant: JamfGrant): Reply {
    return jsonReply(200, {
      account: { id: '1', username: grant.subject, accessLevel: 'FullAccess', privilegeSet: 'CUSTOM', privileges: ['Read Computers'] },
      accountGroups: [],
      sites: [],
      authenticationType: grant.kind === 'user' ? 'JSS' : 'CLIENT_CREDENTIALS',
    });
  }

  /** The bearer token of a request, if this server issued it and it is still valid. */
  check(ex: Exchange): TokenCheck {
    const token = credentialFor(ex.headers, 'Bearer');
    if (token === undefined) return { ok: false, reason: 'missing' };
    const grant = this.registry.find(token);
    if (!grant) return { ok: false, reason: 'invalid' };
    if (grant.expiresAtMs <= Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, grant };
  }

  private async userTokenReply(username: string): Promise<Reply> {
    const token = await this.issue('user', username);
    return jsonReply(200, { token, expires: new Date(this.registry.find(token)!.expiresAtMs).toISOString() });
  }

  private issue(kind: JamfGrant['kind'], subject: string): Promise<string> {
    const claims =
      kind === 'client'
        ? { 'subject-type': 'REGISTERED_CLIENT_ID', 'authentication-type': 'CLIENT_CREDENTIALS', scope: ['api-role:1'] }
        : { 'subject-type': 'JSS_USER_ID', 'authentication-type': 'JSS', groups: [] };
    return this.registry.issue({ ...claims, 'token-uuid': randomId(16) }, subject, { kind, subject, expiresAtMs: Date.now() + this.ttlSeconds * 1000 });
  }
}
