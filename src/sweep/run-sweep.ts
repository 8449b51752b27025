import { ChangeLog, markLeads, type MarkedChange } from './changes.js';
import { summarizeInventory, type InventorySummary } from './inventory.js';
import { MAX_SERIALS, SignatureAggregator, type Signature } from './signatures.js';
import type { FleetReader, FleetSink, InventoryReader, StreamCoverage } from './types.js';

export const DEFAULT_LOOKBACK_MS = 24 * 3_600_000;

export interface SweepOptions {
  sinceMs: number;
  untilMs: number;
  /** How far before the window changes are looked for (default 24 h). */
  lookbackMs?: number | undefined;
  fleet: FleetReader;
  inventory?: InventoryReader | undefined;
  signal: AbortSignal;
}

export type SweepSourceStatus = 'ok' | 'partial' | 'error' | 'missing';

export interface SweepSource {
  name: string;
  role: 'idp' | 'mdm';
  status: SweepSourceStatus;
  events: number;
  requests: number;
  /** Records that could not be read (counted, not guessed at). */
  skipped?: number;
  /** What was read completely: failures from `since` through `through`, changes likewise. */
  covered?: { failures: { sinceMs: number; throughMs: number }; changes: { sinceMs: number; throughMs: number } };
  error?: string;
}

export interface SweepResult {
  sinceMs: number;
  untilMs: number;
  lookbackMs: number;
  bucketMs: number;
  sources: SweepSource[];
  signatures: Signature[];
  changes: MarkedChange[];
  inventory: InventorySummary | null;
  /** Failures not grouped (too many distinct signatures) and changes not kept. */
  overflow: { failures: number; changes: number };
}

function idpSource(name: string, failures: StreamCoverage, changes: StreamCoverage): SweepSource {
  const error = failures.error ?? changes.error;
  const complete = failures.complete && changes.complete;
  const status: SweepSourceStatus = complete ? 'ok' : failures.events + changes.events > 0 || failures.pages + changes.pages > 0 ? 'partial' : 'error';
  return {
    name,
    role: 'idp',
    status,
    events: failures.events + changes.events,
    requests: failures.requests + changes.requests,
    skipped: failures.skipped + changes.skipped,
    covered: {
      failures: { sinceMs: failures.sinceMs, throughMs: failures.throughMs },
      changes: { sinceMs: changes.sinceMs, throughMs: changes.throughMs },
    },
    ...(error !== undefined ? { error } : {}),
  };
}

/** The devices of a signature to look up: those whose serial the events gave, then the rest resolved by the identity provider. */
async function serialsFor(s: Signature, fleet: FleetReader, signal: AbortSignal): Promise<string[]> {
  const serials: string[] = [];
  const unresolved: string[] = [];
  for (const [device, serial] of s.deviceSerials) {
    if (serial !== null) serials.push(serial);
    else if (!device.startsWith('serial:')) unresolved.push(device);
  }
  if (unresolved.length > 0) serials.push(...(await fleet.serialsOf(unresolved, signal)).values());
  return [...new Set(serials)];
}

async function inventoryOf(s: Signature, fleet: FleetReader, inventory: InventoryReader, signal: AbortSignal): Promise<{ summary: InventorySummary; source: SweepSource }> {
  const devices = Math.min(s.devices, MAX_SERIALS);
  try {
    const serials = await serialsFor(s, fleet, signal);
    const { records, requests } = await inventory.bySerials(serials, signal);
    return {
      summary: summarizeInventory(0, inventory.name, devices, serials, records),
      source: { name: inventory.name, role: 'mdm', status: 'ok', events: records.length, requests },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const summary = { ...summarizeInventory(0, inventory.name, devices, [], []), error: message };
    return { summary, source: { name: inventory.name, role: 'mdm', status: 'error', events: 0, requests: 0, error: message } };
  }
}

/**
 * The organisation view: admin changes from the look-back through the window, then every failure of
 * the window, aggregated as they arrive; leads marked; the MDM's state of the largest signature's
 * devices. A source that stops early leaves a partial result that says what it covers.
 */
export async function runSweep(opts: SweepOptions): Promise<SweepResult> {
  const lookbackMs = opts.lookbackMs ?? DEFAULT_LOOKBACK_MS;
  const aggregator = new SignatureAggregator(opts.sinceMs, opts.untilMs);
  const log = new ChangeLog();
  const sink: FleetSink = { failure: (o) => aggregator.add(o), change: (c) => log.add(c) };
  const changes = await opts.fleet.readChanges(opts.sinceMs - lookbackMs, opts.untilMs, sink, opts.signal);
  const failures = await opts.fleet.readFailures(opts.sinceMs, opts.untilMs, sink, opts.signal);
  const signatures = aggregator.signatures();
  const sources: SweepSource[] = [idpSource(opts.fleet.name, failures, changes)];
  let inventory: InventorySummary | null = null;
  const largest = signatures[0];
  if (opts.inventory && largest && !opts.signal.aborted) {
    const got = await inventoryOf(largest, opts.fleet, opts.inventory, opts.signal);
    inventory = got.summary;
    sources.push(got.source);
  } else if (opts.inventory) {
    sources.push({ name: opts.inventory.name, role: 'mdm', status: 'ok', events: 0, requests: 0 });
  }
  return {
    sinceMs: opts.sinceMs,
    untilMs: opts.untilMs,
    lookbackMs,
    bucketMs: aggregator.bucketMs,
    sources,
    signatures,
    changes: markLeads(log.changes(), signatures),
    inventory,
    overflow: { failures: aggregator.overflow, changes: log.dropped },
  };
}
