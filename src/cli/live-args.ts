import { readConfig, type Config } from '../config/config-file.js';
import { resolveLiveSettings, type LiveSettings } from '../config/credentials.js';
import { sshDevice } from '../sources/mac/ssh-device.js';
import type { LiveQuery } from '../sources/live/live-types.js';
import type { DeviceSourceRunner } from '../sources/live/run-live.js';
import { SshError } from '../sources/mac/ssh/errors.js';
import { planSsh, type SshOptions } from '../sources/mac/ssh/ssh-transport.js';
import { durationMs, isDuration } from '../time/duration.js';
import { parseZonedTimestamp } from '../time/timestamp.js';
import { UsageError } from './usage-error.js';

/** Flags every live command shares (`analyze --serial`, `collect`). */
export interface LiveFlags {
  serial: string;
  user?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  profile?: string | undefined;
  host?: string | undefined;
  jump?: string | undefined;
  sshConfig?: string | undefined;
}

export const DEFAULT_SINCE = '4h';

/** Apple serials are 10–14 letters and digits; allow a little more, nothing that could bend a query. */
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9-]{3,39}$/;
const USER = /^[^\s"\\\u0000-\u001f\u007f]{1,254}$/;

function instant(text: string, flag: string, nowMs: number): number {
  if (isDuration(text)) return nowMs - durationMs(text);
  const parsed = parseZonedTimestamp(text);
  if (!parsed) throw new UsageError(`${flag} ${text}: expected a duration such as 2h or an ISO 8601 time such as 2026-11-20T14:00:00Z`);
  return parsed.epochMs;
}

/** The window of a live command: `--until` defaults to now, `--since` to 4 hours before it. */
export function liveWindow(flags: Pick<LiveFlags, 'since' | 'until'>, nowMs: number): { sinceMs: number; untilMs: number } {
  const untilMs = flags.until ? instant(flags.until, '--until', nowMs) : nowMs;
  const sinceMs = instant(flags.since ?? DEFAULT_SINCE, '--since', untilMs);
  if (sinceMs >= untilMs) throw new UsageError('--since must be before --until');
  return { sinceMs, untilMs };
}

/** The window and device of a live run. */
export function liveQuery(flags: LiveFlags, nowMs: number): LiveQuery {
  if (!SERIAL.test(flags.serial)) throw new UsageError(`--serial ${flags.serial}: expected letters and digits, e.g. C02FX1TLQ6L4`);
  if (flags.user !== undefined && !USER.test(flags.user)) throw new UsageError('--user: expected a login such as alice@example.com');
  return { serial: flags.serial, user: flags.user, ...liveWindow(flags, nowMs) };
}

const FLAG: Record<Exclude<keyof LiveFlags, 'serial'>, string> = { user: '--user', since: '--since', until: '--until', profile: '--profile', host: '--host', jump: '--jump', sshConfig: '--ssh-config' };

/** Live options a bundle run does not use are errors, not silently ignored. */
export function refuseLiveOptions(flags: Partial<LiveFlags>, unused: readonly (keyof typeof FLAG)[]): void {
  const given = unused.filter((k) => flags[k] !== undefined).map((k) => FLAG[k]);
  if (given.length > 0) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'applies' : 'apply'} to live runs (--serial), not to --bundle`);
}

/**
 * SSH options from --host, --jump and --ssh-config, validated before anything runs (a bad destination
 * is a usage error); undefined without --host. `--jump` and `--ssh-config` only make sense with it.
 */
export function sshOptions(flags: Partial<LiveFlags>): SshOptions | undefined {
  if (!flags.host) {
    if (flags.jump || flags.sshConfig) throw new UsageError('--jump and --ssh-config need --host');
    return undefined;
  }
  const ssh: SshOptions = { host: flags.host };
  if (flags.jump) ssh.jump = flags.jump;
  if (flags.sshConfig) ssh.sshConfigFile = flags.sshConfig;
  try {
    planSsh(ssh);
  } catch (error) {
    if (error instanceof SshError) throw new UsageError(error.message, 2);
    throw error;
  }
  return ssh;
}

/** The Mac's side of a live run when --host is given. */
export function deviceRunner(flags: LiveFlags, query: LiveQuery): DeviceSourceRunner | undefined {
  const ssh = sshOptions(flags);
  return ssh ? sshDevice(ssh, query) : undefined;
}

/** Config file (for packs and profiles) and the live settings it and the environment give. */
export async function liveSettings(profile: string | undefined, withDevice: boolean, env: NodeJS.ProcessEnv = process.env): Promise<{ config: Config; settings: LiveSettings }> {
  const config = await readConfig();
  const settings = await resolveLiveSettings(config, env, profile);
  if (!settings.okta && !settings.jamf && !withDevice) {
    throw new UsageError('no live source configured: set TRUSTLINE_OKTA_URL and/or TRUSTLINE_JAMF_URL with credentials, or give --host (see README, "Configuration")');
  }
  return { config, settings };
}
