import type { LiveCapability, LiveNet } from '../../core/live.js';
import type { OktaSettings } from './config.js';
import { oktaIdentityResolver } from './identity-lookup.js';
import { OktaApi } from './okta-api.js';
import { OktaAuthorizer } from './okta-auth.js';
import { OktaFleetReader } from './okta-fleet.js';
import { followOktaLogs } from './okta-follow.js';
import { fetchOktaEvidence, logFilter } from './okta-source.js';
import type { OktaState } from './state.js';

function oktaApi(settings: OktaSettings, { http }: LiveNet, rateShare?: number): OktaApi {
  return new OktaApi(http, settings.url, new OktaAuthorizer(http, settings.url, settings.auth), rateShare);
}

/**
 * Okta live: one API client (one rate budget per bucket) for the device lookup, the System Log fetch and
 * the follow-up; a sweep reads the organisation's System Log on its own share of the rate limit.
 */
export const oktaLive: LiveCapability<OktaState, OktaSettings> = {
  async connect(settings, net) {
    const api = oktaApi(settings, net);
    return {
      read: (query, run) => fetchOktaEvidence(api, query, run, { pageLimit: net.pageLimit, maxLogText: net.maxLogText }),
      resolver: oktaIdentityResolver(api),
      async follow({ state, users, sinceMs, ctx, signal, onEvents }) {
        const logins = new Set(users);
        const devices = state?.devices ?? [];
        for (const device of devices) for (const u of device.users) if (u.login) logins.add(u.login);
        const filter = logFilter(devices.map((d) => d.id), [...logins]);
        if (filter) await followOktaLogs(api, { filter, sinceMs, ctx, signal, onEvents });
      },
    };
  },
  async sweep(settings, net, opts) {
    const fleet = new OktaFleetReader(oktaApi(settings, net, opts.rateShare), {
      ...(opts.pageLimit !== undefined ? { pageLimit: opts.pageLimit } : {}),
      ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
      ...(opts.progress ? { progress: opts.progress } : {}),
    });
    return { fleet };
  },
};
