// The Okta emulator: org authorization server token endpoint plus /api/v1/logs, /api/v1/devices and /api/v1/users.
import { STATUS_CODES } from 'node:http';
import { startEmulatorServer, type ApiProfile } from '../emulator-server.js';
import { htmlReply, randomId, type Exchange, type Reply } from '../http-util.js';
import type { Scenario } from '../scenario.js';
import type { Faults, OktaCredentials, RunningEmulator } from '../types.js';
import { OktaResourceAuth } from './auth.js';
import { getDevice, listDevices } from './devices.js';
import { methodNotAllowed, notFound, oktaError, tooManyRequests } from './errors.js';
import { listLogs, type LogPaging } from './logs.js';
import { buildDirectory, listUserDevices, listUsers } from './users.js';
import { familyOf, RateLimiter, type EndpointFamily, type RateLimitOptions } from './rate-limit.js';
import { OktaTokenEndpoint, TOKEN_PATH } from './token-endpoint.js';
import { OktaTokenStore } from './tokens.js';

export interface OktaEmulatorOptions {
  scenario: Scenario;
  credentials: OktaCredentials;
  faults?: Faults;
  rateLimit?: RateLimitOptions;
  /** The server's "today" for the 180-day `since` check and the default query window; default the scenario's collectedAt. */
  nowMs?: () => number;
  /** Access-token lifetime; Okta fixes it at 3600 (shorter only to test expiry). */
  tokenTtlSeconds?: number;
  /** System Log paging faults and event sizes (a next link that repeats, large events). */
  logPaging?: LogPaging;
}

const SCOPES: Record<EndpointFamily, string | undefined> = { logs: 'okta.logs.read', devices: 'okta.devices.read', users: 'okta.users.read', other: undefined };

const ERROR_PAGE = (status: number): string =>
  `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${status} ${STATUS_CODES[status]}</title></head>\n` +
  `<body>\n<h1>${STATUS_CODES[status]}</h1>\n<p>The server encountered a temporary error and could not complete your request. ` +
  `Please try again in a few moments.</p>\n</body>\n</html>\n`;

function withHeaders(reply: Reply, headers: Reply['headers']): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers, 'content-type': 'application/json' } };
}

export async function startOktaEmulator(opts: OktaEmulatorOptions): Promise<RunningEmulator> {
  const collectedAtMs = Date.parse(opts.scenario.meta.collectedAt);
  const nowMs = opts.nowMs ?? (() => collectedAtMs);
  const tokens = new OktaTokenStore(opts.tokenTtlSeconds ?? 3600);
  const tokenEndpoint = new OktaTokenEndpoint(opts.credentials.oauthClients, tokens);
  const auth = new OktaResourceAuth(opts.credentials.apiTokens, tokens);
  const limiter = new RateLimiter(opts.rateLimit);
  const { events, devices } = opts.scenario.okta;
  const directory = buildDirectory(devices, events);

  function route(ex: Exchange): Reply {
    const path = ex.url.pathname;
    if (ex.method !== 'GET') return methodNotAllowed();
    if (path === '/api/v1/logs') return listLogs(ex, events, nowMs(), opts.logPaging);
    if (path === '/api/v1/devices') return listDevices(ex, devices);
    if (path === '/api/v1/users') return listUsers(ex, directory);
    const userDevices = /^\/api\/v1\/users\/([^/]+)\/devices$/.exec(path);
    if (userDevices) return listUserDevices(ex, directory, decodeURIComponent(userDevices[1]!));
    const device = /^\/api\/v1\/devices\/([^/]+)(\/users)?$/.exec(path);
    if (device) return getDevice(ex, devices, decodeURIComponent(device[1]!), device[2] !== undefined);
    return notFound(`${path} (${ex.method})`);
  }

  async function api(ex: Exchange): Promise<Reply> {
    const family = familyOf(ex.url.pathname);
    const who = await auth.authenticate(ex);
    if ('reply' in who) return withHeaders(who.reply, limiter.peek('anonymous', family));
    const denied = auth.authorize(who.principal, SCOPES[family], ex);
    if (denied) return withHeaders(denied, limiter.peek(who.principal.key, family));
    const rate = limiter.take(who.principal.key, family);
    if (!rate.allowed) return tooManyRequests(rate.headers);
    return withHeaders(route(ex), rate.headers);
  }

  const profile: ApiProfile = {
    handle: async (ex) => {
      if (ex.url.pathname === TOKEN_PATH) return tokenEndpoint.handle(ex);
      if (ex.url.pathname.startsWith('/api/v1/')) return api(ex);
      return notFound(`${ex.url.pathname} (${ex.method})`);
    },
    faultReply: (fault, plan, ex) => {
      if (fault === 'htmlBody') return htmlReply(502, ERROR_PAGE(502));
      if (fault === 'serverErrors') {
        const status = plan.serverErrorStatus;
        return oktaError(status, 'E0000009', STATUS_CODES[status] ?? 'Internal Server Error');
      }
      const family = familyOf(ex.url.pathname);
      return tooManyRequests({
        'x-rate-limit-limit': String(limiter.limit(family)),
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + plan.resetSeconds),
      });
    },
    decorate: (reply) => {
      reply.headers['x-okta-request-id'] = randomId(18);
    },
  };
  return startEmulatorServer(profile, opts.faults);
}
