import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { sanitizeLine } from '../text/sanitize.js';
import { isDuration } from '../time/duration.js';
import { runAnalyze } from './analyze.js';
import { UsageError } from './usage-error.js';

function fail(message: string, code: number): never {
  // Messages quote paths and file contents: one sanitised line.
  process.stderr.write(`trustline: ${sanitizeLine(message.replace(/\s+/g, ' ').trim(), 600)}\n`);
  process.exit(code);
}

function parseDuration(value: string): string {
  if (!isDuration(value)) throw new InvalidArgumentError('expected a duration such as 30s or 2m');
  return value;
}

const program = new Command('trustline')
  .description('Incident console for Mac sign-in and device-trust failures (Jamf Pro, Okta, macOS logs).')
  .exitOverride()
  // Errors are printed once, as one line, below; help text still goes where commander sends it.
  .configureOutput({ outputError: () => undefined })
  .showSuggestionAfterError(false);

program
  .command('analyze')
  .description('headless analysis: merge the evidence into one UTC timeline and print it')
  .requiredOption('--bundle <dir>', 'evidence bundle directory (see README, "Evidence bundle")')
  .addOption(new Option('--json', 'print the analysis as JSON (DESIGN.md contract)').conflicts('md'))
  .addOption(new Option('--md', 'print a Markdown report (the default)').conflicts('json'))
  .option('--rules <dir>', 'directory of organisation hypothesis packs (adds to or overrides the built-in pack)')
  .option('--window <duration>', 'cross-source correlation window, e.g. 30s (default from the packs)', parseDuration)
  .action(async (opts: { bundle: string; json?: boolean; md?: boolean; rules?: string; window?: string }) => {
    await runAnalyze({ bundle: opts.bundle, format: opts.json ? 'json' : 'md', rules: opts.rules, window: opts.window });
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
  if (error instanceof UsageError) fail(error.message, error.exitCode);
  throw error;
}
