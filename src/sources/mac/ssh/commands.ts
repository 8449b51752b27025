/**
 * The allow-list: the only commands trustline runs on a Mac, as templates with typed, validated
 * parameters. Every program is named by its full path (zsh, the Mac's default login shell, has a
 * builtin `log`); every word is POSIX-quoted for the remote shell. The runbook shows exactly the
 * string that runs (`display`), so the two can never drift apart.
 *
 * A RemoteCommand is a value only `remoteCommand` builds; the transports refuse anything else.
 */
import { PROBE_NAMES, type ProbeName } from '../probes/index.js';
import { SshError } from './errors.js';
import { isValidHostname } from './destination.js';
import { hasUnsafeCharacter } from '../../../text/sanitize.js';
import { shJoin } from './posix-quote.js';

export const LOG_NAMES = ['log-trust', 'log-sso', 'log-mdm', 'log-clock', 'log-push'] as const;
export type LogName = (typeof LOG_NAMES)[number];
export type CommandName = ProbeName | LogName;
export const COMMAND_NAMES: readonly CommandName[] = [...PROBE_NAMES, ...LOG_NAMES];

type NoParams = Record<never, never>;
export interface LogParams {
  /** How far back to read, `log show --last`: a whole number and s, m, h or d; at most 7 days. */
  last?: string;
}
export interface CommandParams {
  sntp: { server?: string };
  'date-utc': NoParams;
  'profiles-status': NoParams;
  /** `commonName`: the text `security -c` looks for in certificate common names. */
  'okta-mtls-cert': { commonName?: string };
  /** `keychain`: a keychain name or path. */
  'keychain-info': { keychain?: string };
  'app-sso-platform': NoParams;
  timeserver: NoParams;
  'app-sso-extensions': NoParams;
  'scutil-proxy': NoParams;
  systemextensions: NoParams;
  'sw-vers': NoParams;
  'okta-verify-version': NoParams;
  'log-trust': LogParams;
  'log-sso': LogParams;
  'log-mdm': LogParams;
  'log-clock': LogParams;
  'log-push': LogParams;
}

/** Which output stream holds the evidence (security show-keychain-info writes to stderr). */
export type Capture = 'stdout' | 'stderr' | 'stdout+stderr';

declare const allowListed: unique symbol;

export interface RemoteCommand {
  readonly name: CommandName;
  readonly kind: 'probe' | 'log';
  readonly argv: readonly string[];
  /** The program the command is about (argv[0], or the one a wrapper runs): what a "missing" message names. */
  readonly program: string;
  /** The command line sent to the Mac, POSIX-quoted; also what the runbook shows. */
  readonly display: string;
  readonly capture: Capture;
  /** This command's deadline and output cap (the transport's own limits can only lower them). */
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  /** Where the output goes in an evidence bundle: device/NAME.ndjson or device/probes/NAME.txt. */
  readonly rel: string;
  readonly [allowListed]: true;
}

/** Returns why a parameter value is refused, or undefined when it is fine. */
type Check = (value: string) => string | undefined;

interface Template {
  kind: 'probe' | 'log';
  capture: Capture;
  timeoutMs: number;
  maxOutputBytes: number;
  defaults: Readonly<Record<string, string>>;
  checks: Readonly<Record<string, Check>>;
  argv(params: Readonly<Record<string, string>>): string[];
  /** Set when argv wraps the program (the console-user wrapper). */
  program?: string;
}

const MAX_LAST_SECONDS = 7 * 86_400;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

const checkLast: Check = (value) => {
  const m = /^([1-9][0-9]{0,6})([smhd])$/.exec(value);
  if (!m) return 'expected a whole number and s, m, h or d, such as 2h';
  return Number(m[1]) * UNIT_SECONDS[m[2]!]! > MAX_LAST_SECONDS ? 'at most 7 days' : undefined;
};

const checkHost: Check = (value) => (isValidHostname(value) ? undefined : 'not a DNS name or an IP address');


/** Free text (quoted as one word, so quotes and `$()` are plain data): printable, bounded, no leading dash. */
function printableText(max: number): Check {
  return (value) => {
    if (value === '' || value.length > max) return `1 to ${max} characters`;
    if (value.startsWith('-')) return 'must not start with "-"';
    // Control, line-separator and bidi characters: never useful in a parameter, confusing when displayed.
    return hasUnsafeCharacter(value) ? 'control or format characters are not allowed' : undefined;
  };
}

const checkKeychain: Check = (value) =>
  /^[A-Za-z0-9/][A-Za-z0-9._ /-]{0,127}$/.test(value) ? undefined : 'a keychain name or path (letters, digits, . _ - / and spaces)';

/**
 * Predicates are constants: no parameter is ever spliced into an NSPredicate. Each selects what the
 * log classifier (sources/mac/log/classify.ts) turns into evidence, and little else: trust evaluation,
 * TLS from the network stack and CFNetwork (error codes, client identity), network extensions
 * (content filters, TLS-inspecting proxies); SSO; MDM; the clock.
 */
const LOG_PREDICATES: Record<LogName, string> = {
  'log-trust': [
    'subsystem == "com.apple.securityd" OR process == "trustd"',
    '(subsystem == "com.apple.network" AND (category == "boringssl" OR eventMessage CONTAINS[c] "tls"))',
    '(subsystem == "com.apple.CFNetwork" AND (eventMessage CONTAINS[c] "trust" OR eventMessage CONTAINS "error code" OR eventMessage CONTAINS "client identity"))',
    'subsystem == "com.apple.networkextension"',
  ].join(' OR '),
  'log-sso': 'subsystem == "com.apple.AppSSO" OR subsystem BEGINSWITH "com.okta" OR process BEGINSWITH "Okta"',
  'log-mdm': 'subsystem == "com.apple.ManagedClient" OR process == "mdmclient"',
  'log-clock': 'process == "timed" OR subsystem == "com.apple.timed"',
  // Push delivery: the APNs daemon, and the MDM client's answers to pushed commands (Acknowledged,
  // NotNow, pushes rejected for a wrong magic string).
  'log-push': 'process == "apsd" OR subsystem == "com.apple.apsd" OR (process == "mdmclient" AND (eventMessage CONTAINS[c] "push" OR eventMessage CONTAINS "Received HTTP response"))',
};

/** Probes answer in seconds and print little; log reads may run long and print a lot. */
const PROBE_LIMITS = { timeoutMs: 20_000, maxOutputBytes: 1024 * 1024 } as const;
const LOG_LIMITS = { timeoutMs: 120_000, maxOutputBytes: 32 * 1024 * 1024 } as const;

/**
 * Runs an app-sso command as the user logged in at the Mac's console: app-sso run as root prints
 * (null) for every per-user section. The first line says whose output follows (`Console user: alice`,
 * or `none` when no one is logged in, and nothing runs). The script is a constant: no parameter
 * is spliced into it.
 */
function asConsoleUser(argv: readonly string[]): string[] {
  const run = shJoin(argv);
  const script = [
    'u=$(/usr/bin/stat -f %Su /dev/console)',
    'case "$u" in ""|root|loginwindow|_mbsetupuser) echo "Console user: none"; exit 0;; esac',
    'echo "Console user: $u"',
    `if [ "$(/usr/bin/id -un)" = "$u" ]; then exec ${run}; fi`,
    `exec /usr/bin/sudo -n /bin/launchctl asuser "$(/usr/bin/id -u "$u")" /usr/bin/sudo -n -u "$u" ${run}`,
  ].join('; ');
  return ['/bin/sh', '-c', script];
}

function probe(capture: Capture, argv: (p: Readonly<Record<string, string>>) => string[], params: Record<string, [string, Check]> = {}): Template {
  const defaults = Object.fromEntries(Object.entries(params).map(([k, [d]]) => [k, d]));
  const checks = Object.fromEntries(Object.entries(params).map(([k, [, c]]) => [k, c]));
  return { kind: 'probe', capture, ...PROBE_LIMITS, defaults, checks, argv };
}

function logShow(name: LogName): Template {
  return {
    kind: 'log',
    capture: 'stdout',
    ...LOG_LIMITS,
    defaults: { last: '1h' },
    checks: { last: checkLast },
    argv: (p) => ['/usr/bin/log', 'show', '--style', 'ndjson', '--info', '--last', p.last!, '--predicate', LOG_PREDICATES[name]],
  };
}

const TEMPLATES: Record<CommandName, Template> = {
  sntp: probe('stdout+stderr', (p) => ['/usr/bin/sntp', p.server!], { server: ['time.apple.com', checkHost] }),
  'date-utc': probe('stdout', () => ['/bin/date', '-u', '+%Y-%m-%dT%H:%M:%SZ']),
  'profiles-status': probe('stdout', () => ['/usr/bin/profiles', 'status', '-type', 'enrollment']),
  'okta-mtls-cert': probe('stdout', (p) => ['/usr/bin/security', 'find-certificate', '-a', '-c', p.commonName!, '-Z', '-p'], {
    commonName: ['Okta MTLS', printableText(128)],
  }),
  'keychain-info': probe('stderr', (p) => ['/usr/bin/security', 'show-keychain-info', p.keychain!], {
    keychain: ['okta.keychain', checkKeychain],
  }),
  'app-sso-platform': { ...probe('stdout', () => asConsoleUser(['/usr/bin/app-sso', 'platform', '-s'])), program: '/usr/bin/app-sso' },
  timeserver: probe('stdout', () => ['/usr/sbin/systemsetup', '-getnetworktimeserver']),
  'app-sso-extensions': { ...probe('stdout', () => asConsoleUser(['/usr/bin/app-sso', '-l', '-j'])), program: '/usr/bin/app-sso' },
  'scutil-proxy': probe('stdout', () => ['/usr/sbin/scutil', '--proxy']),
  systemextensions: probe('stdout', () => ['/usr/bin/systemextensionsctl', 'list']),
  'sw-vers': probe('stdout', () => ['/usr/bin/sw_vers']),
  // defaults reports a missing app on stderr: capture both.
  'okta-verify-version': probe('stdout+stderr', () => ['/usr/bin/defaults', 'read', '/Applications/Okta Verify.app/Contents/Info', 'CFBundleShortVersionString']),
  'log-trust': logShow('log-trust'),
  'log-sso': logShow('log-sso'),
  'log-mdm': logShow('log-mdm'),
  'log-clock': logShow('log-clock'),
  'log-push': logShow('log-push'),
};

const issued = new WeakSet<object>();

export function isLogName(name: CommandName): name is LogName {
  return (LOG_NAMES as readonly string[]).includes(name);
}

/** Where a command's output goes in a bundle. */
export function bundleRel(name: CommandName): string {
  return isLogName(name) ? `device/${name}.ndjson` : `device/probes/${name}.txt`;
}

/** Builds an allow-listed command; throws SshError ('invalid-option') for an unknown name or a bad parameter. */
export function remoteCommand<N extends CommandName>(name: N, params?: CommandParams[N]): RemoteCommand {
  const template: Template | undefined = Object.hasOwn(TEMPLATES, name) ? TEMPLATES[name] : undefined;
  if (!template) throw new SshError('invalid-option', `${JSON.stringify(String(name))} is not an allow-listed command`);
  const values: Record<string, string> = { ...template.defaults };
  for (const [key, value] of Object.entries(params ?? {}) as [string, unknown][]) {
    if (value === undefined) continue;
    const check = Object.hasOwn(template.checks, key) ? template.checks[key] : undefined;
    if (!check) throw new SshError('invalid-option', `${name}: unknown parameter ${JSON.stringify(key)}`);
    const problem = typeof value === 'string' ? check(value) : 'expected text';
    if (problem) throw new SshError('invalid-option', `${name}: ${key}: ${problem}`);
    values[key] = value as string;
  }
  const argv = Object.freeze(template.argv(values));
  const command = Object.freeze({
    name,
    kind: template.kind,
    argv,
    program: template.program ?? argv[0]!,
    display: shJoin(argv),
    capture: template.capture,
    timeoutMs: template.timeoutMs,
    maxOutputBytes: template.maxOutputBytes,
    rel: bundleRel(name),
  }) as unknown as RemoteCommand; // the brand is a type-level mark; `issued` is its run-time proof
  issued.add(command);
  return command;
}

/** True only for values remoteCommand built (not for look-alike objects). */
export function isRemoteCommand(value: unknown): value is RemoteCommand {
  return typeof value === 'object' && value !== null && issued.has(value);
}

/** The evidence text of a command's answer: the stream its template names. */
export function capturedText(command: RemoteCommand, output: { stdout: string; stderr: string }): string {
  if (command.capture === 'stdout') return output.stdout;
  if (command.capture === 'stderr') return output.stderr;
  return output.stdout + output.stderr;
}

/**
 * The command a runbook step shows, keyed by probe name (the probes and the log reads),
 * with default parameters: exactly what the device source runs.
 */
export const PROBE_COMMANDS: Readonly<Record<string, string>> = Object.freeze(
  // No prototype: `'toString' in PROBE_COMMANDS` must be false for a pack naming an unknown probe.
  Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(COMMAND_NAMES.map((name) => [name, remoteCommand(name).display]))),
);
