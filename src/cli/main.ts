import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { constants } from 'node:os';
import { runExitCleanups } from '../io/exit-cleanup.js';
import { HttpError } from '../net/errors.js';
import { safeLine, safeText } from '../text/boundary.js';
import { durationMs, isDuration } from '../time/duration.js';
// Each command's module loads when the command runs (start-up: README, figure 5); only what parses the
// command line and maps errors to exit codes is imported here.
import type { ConsoleCommandFlags } from './console-command.js';
import type { DemoFlags } from './demo.js';
import { DEFAULT_SCENARIO } from './demo-scenario.js';
import { DEFAULT_SINCE, deviceIdFlags, deviceKeyFlags, hasDeviceKey, refuseLiveOptions, type LiveFlags } from './live-flags.js';
import { DocumentError } from '../config/document-error.js';
import { BundleError } from '../sources/bundle/layout.js';
import type { SweepFlags } from './sweep.js';
import { UsageError } from './usage-error.js';

/**
 * The exit status of an error that ends a command: the one table of them. Usage errors carry their own
 * (2, or 1 for evidence that cannot be read); a config, pack, theme or key file that does not fit its
 * schema, or a CA file that cannot be used, is a usage error (2); a bundle that cannot be read is 1.
 * Anything else is a bug (70).
 */
function exitCodeOf(error: unknown): number | undefined {
  if (error instanceof UsageError) return error.exitCode;
  if (error instanceof DocumentError) return 2;
  if (error instanceof BundleError) return 1;
  // A CA file that cannot be used is configuration, found when the first client starts.
  if (error instanceof HttpError && error.kind === 'config') return 2;
  return undefined;
}

function fail(message: string, code: number): never {
  // Messages quote paths and file contents: one sanitised line.
  process.stderr.write(`trustline: ${safeLine(message.replace(/\s+/g, ' ').trim(), 600)}\n`);
  process.exit(code);
}

// A reader that stopped reading (`analyze … | head`) is not an error: stop quietly, as `cat` would.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// Ctrl-C or a kill during `analyze --host` / `collect` still stops the SSH ControlMaster and removes
// its directory (the console adds its own terminal handling on top).
process.on('exit', runExitCleanups);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    runExitCleanups();
    process.exit(128 + constants.signals[signal]);
  });
}

function parseDuration(value: string): string {
  if (!isDuration(value) || durationMs(value) <= 0) throw new InvalidArgumentError('expected a duration longer than zero, such as 30s or 2m');
  return value;
}

/** The version in package.json: two folders up both from src/cli and from the bundle in bin/build. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

const program = new Command('trustline')
  .description('Incident console for Mac sign-in and device-trust failures (Jamf Pro, Okta, macOS logs).')
  .usage('[options] [command]')
  .version(packageVersion(), '-V, --version', 'print the version')
  .enablePositionalOptions()
  .exitOverride()
  // Errors are printed once, as one line, below; help text still goes where commander sends it.
  .configureOutput({ outputError: () => undefined })
  .showSuggestionAfterError(false);

interface AnalyzeFlags extends Partial<LiveFlags> {
  bundle?: string;
  json?: boolean;
  md?: boolean;
  report?: boolean;
  redact: boolean;
  rules?: string;
  window?: string;
}

const NO_REDACT = 'reports: show serials, UDIDs, host names, e-mail addresses and user names as collected (default: stable pseudonyms)';

/** `--bundle` excludes every key that finds a Mac. */
const DEVICE_KEY_ATTRIBUTES = ['serial', 'hostname', ...deviceIdFlags().map((f) => f.attribute)];

const liveOptions = (command: Command): Command =>
  deviceIdFlags()
    .reduce(
      (c, f) => c.option(`${f.flag} <id>`, `find the Mac by ${f.help}`),
      command
        .option('--user <login>', "find the Mac by its user's Okta login or e-mail, e.g. alice@example.com; the System Log is read for every user the Mac has")
        .option('--hostname <name>', "find the Mac by its host name (Jamf's computer name; `.local` is ignored) or Okta display name"),
    )
    .option('--since <when>', `start of the window: a duration before --until (e.g. 2h) or an ISO time (default ${DEFAULT_SINCE})`)
    .option('--until <when>', 'end of the window: an ISO time (default now)')
    .option('--profile <name>', 'config profile with the Okta and Jamf endpoints (see README, "Configuration")')
    .option('--host <[user@]host[:port]>', 'the Mac over SSH (system OpenSSH: your ~/.ssh/config, agent and ProxyJump apply)')
    .option('--jump <[user@]host[:port]>', 'SSH jump host(s), comma-separated (ssh -J)')
    .option('--ssh-config <file>', 'SSH client config file (ssh -F)');

liveOptions(
  program
    .command('analyze')
    .description('headless analysis: merge the evidence into one UTC timeline, rank hypotheses, print the result')
    .addOption(new Option('--bundle <dir>', 'evidence bundle directory (see README, "Evidence bundle")').conflicts(DEVICE_KEY_ATTRIBUTES))
    .option('--serial <serial>', "the Mac's serial number: fetch live from Jamf and Okta (or --user, --hostname, …)"),
)
  .addOption(new Option('--json', 'print the analysis as JSON (the contract: src/cli/CONTRACT.md)').conflicts('md'))
  .addOption(new Option('--md', 'print the Markdown incident report (the default)').conflicts('json'))
  .option('--report', 'with --json: the incident report form (the contract keys, pseudonymised, plus "report")')
  .option('--no-redact', NO_REDACT)
  .option('--rules <dir>', 'directory of organisation hypothesis packs (adds to or overrides the built-in pack)')
  .option('--window <duration>', 'cross-source correlation window, e.g. 30s (default from the packs)', parseDuration)
  .action(async (opts: AnalyzeFlags) => {
    const out = { format: opts.json ? ('json' as const) : ('md' as const), report: opts.report === true, redact: opts.redact };
    const packs = { rules: opts.rules, window: opts.window };
    if (opts.report === true && !opts.json) throw new UsageError('--report needs --json (--md is always the report)');
    if (opts.bundle !== undefined) refuseLiveOptions(opts, ['user', 'since', 'until', 'profile', 'host', 'jump', 'sshConfig']);
    if (opts.bundle !== undefined) await (await import('./analyze.js')).runAnalyzeBundle(opts.bundle, out, packs);
    else if (hasDeviceKey(opts)) await (await import('./analyze.js')).runAnalyzeLive(opts, out, packs);
    else throw new UsageError(`analyze needs --bundle DIR, or the Mac: ${deviceKeyFlags()}`);
  });

liveOptions(
  program
    .command('collect')
    .description('fetch the evidence live and write it as a bundle, for handoff and replay with analyze --bundle')
    .option('--serial <serial>', "the Mac's serial number (or --user, --hostname, …)")
    .requiredOption('--out <dir>', 'new directory for the bundle'),
).action(async (opts: LiveFlags & { out: string }) => {
  await (await import('./collect.js')).runCollect(opts, opts.out);
});

program
  .command('sweep')
  .description('the organisation view: failure signatures across all devices from the Okta System Log, what changed before them, Jamf state of the largest')
  .option('--since <when>', `start of the window: a duration before --until (e.g. 4h) or an ISO time (default ${DEFAULT_SINCE})`)
  .option('--until <when>', 'end of the window: an ISO time (default now)')
  .option('--lookback <duration>', 'how far before the window to look for changes (default 24h)')
  .option('--share <fraction>', "the most of each Okta rate-limit window's remaining requests to spend, e.g. 0.5 or 50% (default 0.5)")
  .option('--profile <name>', 'config profile with the Okta and Jamf endpoints (see README, "Configuration")')
  .addOption(new Option('--json', 'print the sweep as JSON (DESIGN.md contract)').conflicts('md'))
  .addOption(new Option('--md', 'print the sweep as Markdown (the default)').conflicts('json'))
  .action(async (opts: SweepFlags) => {
    await (await import('./sweep.js')).runSweepCommand(opts);
  });

const consoleOptions = (command: Command): Command =>
  command
    .option('--guided', 'guided walkthrough for engineers new to the rotation')
    .option('--theme <name>', 'colour theme: dark, light, high-contrast, no-color, or a theme file')
    .option('--no-redact', `the export key (x) and the report without a terminal: ${NO_REDACT.replace(/^reports: /, '')}`);

consoleOptions(
  program
    .command('demo')
    .description('the console on a recorded incident: built-in Jamf and Okta emulators on loopback, the real clients')
    .option('--scenario <name>', `which incident (default ${DEFAULT_SCENARIO}); --list shows them`)
    .option('--list', 'list the scenarios'),
).action(async (opts: DemoFlags) => {
  // The demo and its emulators load only for `trustline demo`.
  await (await import('./demo.js')).runDemo(opts);
});

// `trustline --bundle DIR` or `trustline --serial …`: the console itself.
consoleOptions(
  liveOptions(
    program
      .addOption(new Option('--bundle <dir>', 'open the console on a collected bundle (replay)').conflicts(DEVICE_KEY_ATTRIBUTES))
      .option('--serial <serial>', "open the console on the Mac's evidence, fetched live"),
  ),
)
  .option('--rules <dir>', 'directory of organisation hypothesis packs')
  .option('--window <duration>', 'cross-source correlation window, e.g. 30s', parseDuration)
  // A word that is not a command would otherwise read as a stray argument.
  .argument('[command]')
  .action(async (command: string | undefined, opts: ConsoleCommandFlags) => {
    if (command !== undefined) throw new UsageError(`unknown command '${command}'`);
    await (await import('./console-command.js')).runConsoleCommand(opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help (asked for, or shown because no command was given) has been printed already.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') process.exit(0);
    if (error.code === 'commander.help') process.exit(2);
    fail(error.message.replace(/^error: /, ''), 2);
  }
  const code = exitCodeOf(error);
  if (code !== undefined) fail(error instanceof Error ? error.message : String(error), code);
  // A bug: one line still, masked like every other line; TRUSTLINE_DEBUG=1 adds the stack.
  const detail = error instanceof Error ? (process.env['TRUSTLINE_DEBUG'] === '1' ? (error.stack ?? error.message) : error.message) : String(error);
  if (process.env['TRUSTLINE_DEBUG'] === '1') process.stderr.write(`${safeText(detail)}\n`);
  fail(`internal error: ${detail.split('\n')[0] ?? ''}`, 70);
}
