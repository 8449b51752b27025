import { canSweep, openSweepSources, DEFAULT_RATE_SHARE } from '../sources/sweep-sources.js';
import { sourceAdapters } from '../sources/registry.js';
import type { SourceRole } from '../core/roles.js';
import { deadlineSignal } from '../net/deadline.js';
import type { LiveSettings } from '../config/credentials.js';
import { DEFAULT_LOOKBACK_MS, runSweep, type SweepResult } from '../sweep/run-sweep.js';
import { sweepJson } from '../sweep/sweep-json.js';
import { sweepMarkdown } from '../sweep/sweep-markdown.js';
import type { SweepProgress } from '../sweep/types.js';
import { safeText } from '../text/boundary.js';
import { safeJsonStringify } from '../text/json-safe.js';
import { durationMs, isDuration } from '../time/duration.js';
import { formatIsoUtc } from '../time/timestamp.js';
import { liveSettings, liveWindow } from './live-args.js';
import { printNotes } from './analyze.js';
import { UsageError } from './usage-error.js';

export interface SweepFlags {
  since?: string | undefined;
  until?: string | undefined;
  profile?: string | undefined;
  lookback?: string | undefined;
  share?: string | undefined;
  json?: boolean | undefined;
  md?: boolean | undefined;
}

/** A sweep of a whole organisation must still end: the window's pages, its retries and waits for the rate limit. */
const SWEEP_DEADLINE_MS = 30 * 60_000;

function rateShare(text: string | undefined): number {
  if (text === undefined) return DEFAULT_RATE_SHARE;
  const value = Number(text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : text);
  if (!Number.isFinite(value) || value <= 0 || value > 1) throw new UsageError(`--share ${text}: expected a fraction of the rate limit, e.g. 0.5 or 50%`);
  return value;
}

/** One line of progress on a terminal's stderr, rewritten in place; nothing when stderr is a file or a pipe. */
function progressLine(): { update: (p: SweepProgress) => void; done: () => void } {
  if (process.stderr.isTTY !== true) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update: (p) => {
      const through = p.throughMs !== undefined ? `, through ${formatIsoUtc(p.throughMs).slice(0, 16)}Z` : '';
      process.stderr.write(`\r\u001b[2Ktrustline: sweep ${p.stream}: page ${p.pages}, ${p.events} events${through}`);
      shown = true;
    },
    done: () => {
      if (shown) process.stderr.write('\r\u001b[2K');
    },
  };
}

/** The sources that take part in a sweep in one role, in registry order. */
function sweepers(role: SourceRole) {
  return sourceAdapters().filter((a) => a.role === role && a.live?.sweep !== undefined);
}

/** Why there is nothing to sweep: which log a sweep reads and the variable that configures it. */
function noFleetSource(): UsageError {
  const idp = sweepers('idp')[0];
  const what = idp ? `the ${idp.shows.split(':')[0]!}` : 'an identity provider log';
  const url = idp?.config?.env.find((name) => name.endsWith('_URL'));
  return new UsageError(`sweep reads ${what}: set ${url ?? 'its URL'} and its credentials (see README, "Configuration")`);
}

/**
 * A sweep of the configured identity provider (and MDM, when configured) over a window: the sweep command's and
 * the console's Fleet view. A source that is not configured shows as missing.
 */
export async function sweepLive(
  settings: LiveSettings,
  opts: { sinceMs: number; untilMs: number; lookbackMs?: number; rateShare?: number },
  signal: AbortSignal,
  progress?: (p: SweepProgress) => void,
): Promise<SweepResult> {
  const sources = await openSweepSources(settings, { ...(opts.rateShare !== undefined ? { rateShare: opts.rateShare } : {}), ...(progress ? { progress } : {}) });
  try {
    if (!sources.fleet) throw noFleetSource();
    const result = await runSweep({ sinceMs: opts.sinceMs, untilMs: opts.untilMs, lookbackMs: opts.lookbackMs, fleet: sources.fleet, inventory: sources.inventory, signal });
    const mdm = sweepers('mdm')[0];
    if (!sources.inventory && mdm) result.sources.push({ name: mdm.id, role: 'mdm', status: 'missing', events: 0, requests: 0 });
    return result;
  } finally {
    await sources.close();
  }
}

/**
 * `trustline sweep`: failure signatures across the organisation and what changed before them, from
 * the Okta System Log (and, for the largest signature's Macs, Jamf), on a share of the rate limit.
 * Exit 0 whenever a result could be printed, partial ones included (their sources say what they cover).
 */
export async function runSweepCommand(flags: SweepFlags): Promise<void> {
  const window = liveWindow(flags, Date.now());
  if (flags.lookback !== undefined && !isDuration(flags.lookback)) throw new UsageError(`--lookback ${flags.lookback}: expected a duration such as 24h`);
  const lookbackMs = flags.lookback !== undefined ? durationMs(flags.lookback) : DEFAULT_LOOKBACK_MS;
  const share = rateShare(flags.share);
  // The sweep needs an identity provider's log in particular (checked below), not just any source.
  const { settings } = await liveSettings(flags.profile, true);
  if (!canSweep(settings)) throw noFleetSource();
  const progress = progressLine();
  let result;
  try {
    result = await sweepLive(settings, { ...window, lookbackMs, rateShare: share }, deadlineSignal(SWEEP_DEADLINE_MS), progress.update);
  } finally {
    progress.done();
  }
  printNotes(result.sources.filter((s) => s.error !== undefined).map((s) => `${s.name}: ${s.error}`));
  if (flags.json) process.stdout.write(`${safeJsonStringify(sweepJson(result))}\n`);
  else process.stdout.write(safeText(sweepMarkdown(result)));
}
