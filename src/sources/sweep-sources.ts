import type { LiveSettings } from '../config/credentials.js';
import { DEFAULT_HTTP_SETTINGS, HttpClient, type HttpSettings } from '../net/http-client.js';
import type { FleetReader, InventoryReader, SweepProgress } from '../sweep/types.js';
import { JamfApi } from './jamf/jamf-api.js';
import { JamfAuthorizer } from './jamf/jamf-auth.js';
import { JamfInventoryBatch } from './jamf/jamf-inventory-batch.js';
import { OktaApi } from './okta/okta-api.js';
import { OktaAuthorizer } from './okta/okta-auth.js';
import { OktaFleetReader } from './okta/okta-fleet.js';

/** By default a sweep spends at most half of what Okta's headers say is left in each window. */
export const DEFAULT_RATE_SHARE = 0.5;

/**
 * A filtered System Log query over a whole organisation can take Okta up to its own 30-second query
 * timeout (then E0000009) before the first byte: wait a little longer than that for the headers.
 */
export const SWEEP_HTTP_SETTINGS: HttpSettings = { ...DEFAULT_HTTP_SETTINGS, headersTimeoutMs: 35_000 };

export interface SweepSourceOptions {
  /** Fraction (0..1] of each rate-limit window's remaining requests the sweep may spend. */
  rateShare?: number;
  pageLimit?: number;
  maxPages?: number;
  progress?: (p: SweepProgress) => void;
  http?: HttpSettings;
}

export interface SweepSources {
  /** The identity provider's fleet reader; undefined when none is configured. */
  fleet: FleetReader | undefined;
  inventory: InventoryReader | undefined;
  close(): Promise<void>;
}

/** The sweep's readers for the configured sources: Okta's System Log (idp) and Jamf's inventory (mdm), on one HTTP client. */
export async function openSweepSources(settings: LiveSettings, opts: SweepSourceOptions = {}): Promise<SweepSources> {
  const http = await HttpClient.create({ ...(opts.http ?? SWEEP_HTTP_SETTINGS), caFile: settings.caFile });
  const okta = settings.okta;
  const jamf = settings.jamf;
  const fleet = okta
    ? new OktaFleetReader(new OktaApi(http, okta.url, new OktaAuthorizer(http, okta.url, okta.auth), opts.rateShare ?? DEFAULT_RATE_SHARE), {
        ...(opts.pageLimit !== undefined ? { pageLimit: opts.pageLimit } : {}),
        ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
        ...(opts.progress ? { progress: opts.progress } : {}),
      })
    : undefined;
  const inventory = jamf ? new JamfInventoryBatch(new JamfApi(http, jamf.url, new JamfAuthorizer(http, jamf.url, jamf.auth))) : undefined;
  return { fleet, inventory, close: () => http.close() };
}
