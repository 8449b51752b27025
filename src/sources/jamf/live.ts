import type { LiveCapability, LiveNet } from '../../core/live.js';
import type { JamfSettings } from './config.js';
import { jamfIdentityResolver } from './identity-lookup.js';
import { JamfApi } from './jamf-api.js';
import { JamfAuthorizer } from './jamf-auth.js';
import { JamfInventoryBatch } from './jamf-inventory-batch.js';
import { fetchJamfEvidence } from './jamf-source.js';
import type { JamfDeviceState } from './state.js';

function jamfApi(settings: JamfSettings, { http }: LiveNet): JamfApi {
  return new JamfApi(http, settings.url, new JamfAuthorizer(http, settings.url, settings.auth));
}

/** Jamf Pro live: one API client (token, concurrency limit) for the computer lookup and the fetch; batch inventory for a sweep. */
export const jamfLive: LiveCapability<JamfDeviceState, JamfSettings> = {
  async connect(settings, net) {
    const api = jamfApi(settings, net);
    return { read: (query, run) => fetchJamfEvidence(api, query, run), resolver: jamfIdentityResolver(api) };
  },
  async sweep(settings, net) {
    return { inventory: new JamfInventoryBatch(jamfApi(settings, net)) };
  },
};
