import { readConfig, type Config } from '../config/config-file.js';
import { anySourceConfigured, resolveLiveSettings, type LiveSettings } from '../config/credentials.js';
import { sshDevice } from '../sources/mac/ssh-device.js';
import type { LiveQuery } from '../core/live.js';
import type { DeviceSourceRunner } from '../sources/mac/live.js';
import { sourceAdapters } from '../sources/registry.js';
import { SshError } from '../sources/mac/ssh/errors.js';
import { planSsh, type SshOptions } from '../sources/mac/ssh/ssh-transport.js';
import { durationMs, isDuration } from '../time/duration.js';
import { parseZonedTimestamp } from '../time/timestamp.js';
import { UsageError } from './usage-error.js';
import { DEFAULT_SINCE, deviceIdFlags, deviceKeyFlags, hasDeviceKey, idFlagValue, type LiveFlags } from './live-flags.js';
import type { DeviceKeys } from '../core/identity.js';

/** Apple serials are 10–14 letters and digits; allow a little more, nothing that could bend a query. */
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9-]{3,39}$/;
const USER = /^[^\s"\\\u0000-\u001f\u007f]{1,254}$/;
/** A host name, or an Okta display name (which may have spaces and an apostrophe). */
const HOSTNAME = /^[^\s"\\\u0000-\u001f\u007f](?:[^"\\\u0000-\u001f\u007f]{0,253}[^\s"\\\u0000-\u001f\u007f])?$/;

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

/** The keys given on the command line, checked (a bad key is a usage error before anything runs). */
export function deviceKeys(flags: LiveFlags): DeviceKeys {
  const { serial, user, hostname } = flags;
  if (!hasDeviceKey(flags)) throw new UsageError(`which Mac? give ${deviceKeyFlags()}`);
  if (serial !== undefined && !SERIAL.test(serial)) throw new UsageError(`--serial ${serial}: expected letters and digits, e.g. C02FX1TLQ6L4`);
  if (user !== undefined && !USER.test(user)) throw new UsageError('--user: expected a login such as alice@example.com');
  if (hostname !== undefined && !HOSTNAME.test(hostname)) throw new UsageError(`--hostname: expected a host name such as alice-mbp`);
  const ids: Record<string, string> = {};
  for (const f of deviceIdFlags()) {
    const value = idFlagValue(flags, f);
    if (value === undefined) continue;
    if (!f.pattern.test(value)) throw new UsageError(`${f.flag} ${value}: ${f.expected}`);
    ids[f.source] = value;
  }
  return {
    ...(serial !== undefined ? { serial: serial.toUpperCase() } : {}),
    ...(user !== undefined ? { user } : {}),
    ...(hostname !== undefined ? { hostname } : {}),
    ...(Object.keys(ids).length > 0 ? { ids } : {}),
  };
}

/** The window and the keys of a live run, before the Mac is resolved (the serial, when given, as the query's). */
export function liveQuery(flags: LiveFlags, nowMs: number): LiveQuery {
  const keys = deviceKeys(flags);
  return { serial: keys.serial, user: flags.user, ...(keys.ids ? { ids: keys.ids } : {}), ...liveWindow(flags, nowMs) };
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
export function deviceRunner(flags: LiveFlags, query: { sinceMs: number; untilMs: number }): DeviceSourceRunner | undefined {
  const ssh = sshOptions(flags);
  return ssh ? sshDevice(ssh, query) : undefined;
}

/** Config file (for packs and profiles) and the live settings it and the environment give. */
export async function liveSettings(profile: string | undefined, withDevice: boolean, env: NodeJS.ProcessEnv = process.env): Promise<{ config: Config; settings: LiveSettings }> {
  const config = await readConfig();
  const settings = await resolveLiveSettings(config, env, profile);
  if (!anySourceConfigured(settings) && !withDevice) {
    const urls = sourceAdapters().flatMap((a) => a.config?.env.filter((name) => name.endsWith('_URL')) ?? []);
    throw new UsageError(`no live source configured: set ${urls.join(' and/or ')} with credentials, or give --host (see README, "Configuration")`);
  }
  return { config, settings };
}
