import { UsageError } from './usage-error.js';

/** Flags every live command shares (`analyze --serial`, `collect`). */
export interface LiveFlags {
  serial?: string | undefined;
  user?: string | undefined;
  hostname?: string | undefined;
  oktaDeviceId?: string | undefined;
  jamfId?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  profile?: string | undefined;
  host?: string | undefined;
  jump?: string | undefined;
  sshConfig?: string | undefined;
}

export const DEFAULT_SINCE = '4h';

/** Whether any key that finds a Mac was given. */
export function hasDeviceKey(flags: Partial<LiveFlags>): boolean {
  return [flags.serial, flags.user, flags.hostname, flags.oktaDeviceId, flags.jamfId].some((k) => k !== undefined);
}

const FLAG: Record<Exclude<keyof LiveFlags, 'serial'>, string> = { hostname: '--hostname', oktaDeviceId: '--okta-device-id', jamfId: '--jamf-id', user: '--user', since: '--since', until: '--until', profile: '--profile', host: '--host', jump: '--jump', sshConfig: '--ssh-config' };

/** Live options a bundle run does not use are errors, not silently ignored. */
export function refuseLiveOptions(flags: Partial<LiveFlags>, unused: readonly (keyof typeof FLAG)[]): void {
  const given = unused.filter((k) => flags[k] !== undefined).map((k) => FLAG[k]);
  if (given.length > 0) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'applies' : 'apply'} to live runs (--serial), not to --bundle`);
}
