// The Jamf Pro emulator: tokens, computers-inventory (v1/v3/v4), MDM commands and Classic computerhistory.
import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { startEmulatorServer, type ApiProfile } from '../emulator-server.js';
import { emptyReply, jsonReply, type Exchange, type Reply } from '../http-util.js';
import type { Scenario } from '../scenario.js';
import type { Faults, JamfCredentials, RunningEmulator } from '../types.js';
import { JamfAuth } from './auth.js';
import { computerHistory, historyFrom, parseHistoryPath } from './classic.js';
import { apiError, cloudTimeoutPage, invalidToken, restletPage } from './errors.js';
import { getComputer, listComputers, type InventoryVersion } from './inventory.js';
import { listMdmCommands } from './mdm.js';

export interface JamfEmulatorOptions {
  scenario: Scenario;
  credentials: JamfCredentials;
  faults?: Faults;
  /** Inventory API versions the server has; the others answer 404. Default all three. */
  inventoryVersions?: InventoryVersion[];
}

const JAMF_PRO_VERSION = '11.30.1-t1784555528405';
const INVENTORY = /^\/api\/(v\d+)\/computers-inventory(-detail)?(?:\/([^/]+))?\/?$/;

const notFound = (): Reply => apiError(404, 'NOT_FOUND', 'Not Found');
const methodNotAllowed = (): Reply => apiError(405, 'METHOD_NOT_ALLOWED', 'Method Not Allowed');

export async function startJamfEmulator(opts: JamfEmulatorOptions): Promise<RunningEmulator> {
  const auth = new JamfAuth(opts.credentials);
  const versions = new Set<string>(opts.inventoryVersions ?? ['v1', 'v3', 'v4']);
  const { computers, mdmCommands } = opts.scenario.jamf;
  const history = historyFrom(opts.scenario.jamf.history, computers);
  const ingress = randomBytes(16).toString('hex');

  /** Token endpoints: POST, no bearer token needed (keep-alive and invalidate check their own). */
  const tokenRoutes: Record<string, (ex: Exchange) => Promise<Reply> | Reply> = {
    '/api/v1/oauth/token': (ex) => auth.clientToken(ex),
    '/api/oauth/token': (ex) => auth.clientToken(ex),
    '/api/v1/auth/token': (ex) => auth.userToken(ex),
    '/api/v1/auth/keep-alive': (ex) => auth.keepAlive(ex),
    '/api/v1/auth/invalidate-token': (ex) => auth.invalidate(ex),
  };

  function api(ex: Exchange): Reply {
    const check = auth.check(ex);
    if (!check.ok) return invalidToken();
    if (ex.method !== 'GET') return methodNotAllowed();
    const path = ex.url.pathname;
    if (path === '/api/v1/auth') return auth.whoAmI(check.grant);
    if (path === '/api/v1/jamf-pro-version') return jsonReply(200, { version: JAMF_PRO_VERSION });
    if (path === '/api/v2/mdm/commands') return listMdmCommands(ex, mdmCommands);
    const inventory = INVENTORY.exec(path);
    if (!inventory || !versions.has(inventory[1]!)) return notFound();
    const version = inventory[1] as InventoryVersion;
    const id = inventory[3];
    if (inventory[2] !== undefined) return id === undefined ? notFound() : getComputer(ex, computers, version, id, true);
    return id === undefined ? listComputers(ex, computers, version) : getComputer(ex, computers, version, id, false);
  }

  function classic(ex: Exchange): Reply {
    if (!auth.check(ex).ok) return restletPage(401);
    if (ex.method !== 'GET') return restletPage(400);
    const target = parseHistoryPath(ex.url.pathname);
    if (!target) return restletPage(404);
    return computerHistory(ex, history, target.lookup, target.value, target.subset);
  }

  const profile: ApiProfile = {
    handle: async (ex) => {
      const path = ex.url.pathname;
      const tokenRoute = tokenRoutes[path];
      if (tokenRoute) return ex.method === 'POST' ? tokenRoute(ex) : methodNotAllowed();
      if (path === '/api/v1/health-check') return emptyReply(204);
      if (path.startsWith('/api/')) return api(ex);
      if (path.startsWith('/JSSResource/')) return classic(ex);
      return restletPage(404);
    },
    faultReply: (fault, plan) => {
      if (fault === 'htmlBody') return cloudTimeoutPage();
      if (fault === 'serverErrors') {
        const status = plan.serverErrorStatus;
        return apiError(status, (STATUS_CODES[status] ?? 'Error').toUpperCase().replace(/\W+/g, '_'), STATUS_CODES[status] ?? 'Error');
      }
      const reply = apiError(429, 'TOO_MANY_REQUESTS', 'Too Many Requests');
      reply.headers['retry-after'] = String(plan.resetSeconds);
      return reply;
    },
    decorate: (reply) => {
      reply.headers['set-cookie'] = `jpro-ingress=${ingress}; Path=/; HttpOnly`;
    },
  };
  return startEmulatorServer(profile, opts.faults);
}
