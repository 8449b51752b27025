import type { LiveSettings } from '../config/credentials.js';
import type { SweepReaders } from '../core/live.js';
import { DEFAULT_HTTP_SETTINGS, HttpClient, type HttpSettings } from '../net/http-client.js';
import type { FleetReader, InventoryReader, SweepProgress } from '../sweep/types.js';
import { sourceAdapters } from './registry.js';

/** By default a sweep spends at most half of what the identity provider's headers say is left in each window. */
export const DEFAULT_RATE_SHARE = 0.5;

/**
 * A filtered log query over a whole organisation can take the identity provider up to its own
 * 30-second query timeout before the first byte: wait a little longer than that for the headers.
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
  /** The MDM's batch inventory; undefined when none is configured. */
  inventory: InventoryReader | undefined;
  close(): Promise<void>;
}

/**
 * The sweep's readers from the configured sources that take part in a sweep (the first fleet reader
 * and the first inventory, in registry order), on one HTTP client.
 */
export async function openSweepSources(settings: LiveSettings, opts: SweepSourceOptions = {}): Promise<SweepSources> {
  const http = await HttpClient.create({ ...(opts.http ?? SWEEP_HTTP_SETTINGS), caFile: settings.caFile });
  const sweepOpts = {
    rateShare: opts.rateShare ?? DEFAULT_RATE_SHARE,
    ...(opts.pageLimit !== undefined ? { pageLimit: opts.pageLimit } : {}),
    ...(opts.maxPages !== undefined ? { maxPages: opts.maxPages } : {}),
    ...(opts.progress ? { progress: opts.progress } : {}),
  };
  const readers: SweepReaders[] = await Promise.all(
    sourceAdapters().flatMap((adapter) => {
      const configured = settings.sources[adapter.id];
      return adapter.live?.sweep && configured !== undefined ? [adapter.live.sweep(configured, { http }, sweepOpts)] : [];
    }),
  );
  return { fleet: readers.find((r) => r.fleet)?.fleet, inventory: readers.find((r) => r.inventory)?.inventory, close: () => http.close() };
}

/** Whether a configured source can read the organisation's failures (an identity provider's log). */
export function canSweep(settings: LiveSettings): boolean {
  return sourceAdapters().some((a) => a.role === 'idp' && a.live?.sweep !== undefined && settings.sources[a.id] !== undefined);
}
