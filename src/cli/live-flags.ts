import type { DeviceIdFlag } from '../core/adapter.js';
import { sourceAdapters } from '../sources/registry.js';
import { UsageError } from './usage-error.js';

/** Flags every live command shares (`analyze --serial`, `collect`). */
export interface LiveFlags {
  serial?: string | undefined;
  user?: string | undefined;
  hostname?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  profile?: string | undefined;
  host?: string | undefined;
  jump?: string | undefined;
  sshConfig?: string | undefined;
  /** Each source's device id flag (`DeviceIdFlag`), under its commander attribute name. */
  [deviceIdAttribute: string]: unknown;
}

export const DEFAULT_SINCE = '4h';

/** A source's device id flag and the attribute commander stores its value under (`--x-device-id` → `xDeviceId`). */
export interface SourceIdFlag extends DeviceIdFlag {
  source: string;
  attribute: string;
}

/** The flags that find the Mac by a source's own id, in registry order. */
export function deviceIdFlags(): SourceIdFlag[] {
  return sourceAdapters().flatMap((a) =>
    a.deviceIdFlag ? [{ ...a.deviceIdFlag, source: a.id, attribute: a.deviceIdFlag.flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) }] : [],
  );
}

/** Every flag that finds a Mac, for messages: `--serial, --user, --hostname, … or --x-id`. */
export function deviceKeyFlags(): string {
  const flags = ['--serial', '--user', '--hostname', ...deviceIdFlags().map((f) => f.flag)];
  return `${flags.slice(0, -1).join(', ')} or ${flags.at(-1)!}`;
}

/** The value given for a source's device id flag. */
export function idFlagValue(flags: Partial<LiveFlags>, f: SourceIdFlag): string | undefined {
  const value = flags[f.attribute];
  return typeof value === 'string' ? value : undefined;
}

/** Whether any key that finds a Mac was given. */
export function hasDeviceKey(flags: Partial<LiveFlags>): boolean {
  return [flags.serial, flags.user, flags.hostname].some((k) => k !== undefined) || deviceIdFlags().some((f) => idFlagValue(flags, f) !== undefined);
}

const FLAG = { user: '--user', since: '--since', until: '--until', profile: '--profile', host: '--host', jump: '--jump', sshConfig: '--ssh-config' } as const;

/** Live options a bundle run does not use are errors, not silently ignored. */
export function refuseLiveOptions(flags: Partial<LiveFlags>, unused: readonly (keyof typeof FLAG)[]): void {
  const given = unused.filter((k) => flags[k] !== undefined).map((k) => FLAG[k]);
  if (given.length > 0) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'applies' : 'apply'} to live runs (--serial), not to --bundle`);
}
