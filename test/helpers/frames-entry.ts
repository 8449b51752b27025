import { readFileSync } from 'node:fs';
import { analyzeBundle } from '../../src/sources/bundle/analyze-bundle.js';
import { createConsoleStore } from '../../src/store/create-console-store.js';
import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import { runConsole } from '../../src/ui/run-console.js';
import { parseThemeFile, toTheme } from '../../src/ui/theme/load-theme.js';
import { fakeStdin, FakeTerminal } from './fake-terminal.js';

/**
 * Bundled by test/ui/ink-frame-caches.test.ts (with and without the frame caches) and run as
 * `node ENTRY BUNDLE COLUMNS ROWS THEME.json`: opens the console on the bundle, goes through panes,
 * overlays, search, filters and zones, quits, and prints every byte the console wrote.
 */
const [bundle = '', columns = '80', rows = '24', themeFile = ''] = process.argv.slice(2);
const analysis = await analyzeBundle(bundle);
const store = createConsoleStore({
  analysis,
  active: await loadDiagnosisModel({}),
  ctx: { serial: 'C02', hostname: undefined, user: undefined, collectedAtMs: analysis.collectedAtMs ?? undefined, deviceTimeZone: 'America/Los_Angeles' },
  localTimeZone: 'Europe/Berlin',
});
const stdout = new FakeTerminal(Number(columns), Number(rows));
const stdin = fakeStdin();
const theme = toTheme(parseThemeFile(readFileSync(themeFile, 'utf8'), themeFile));
const running = runConsole({ store, theme, stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, env: {} });
await stdout.quiet(100);
for (const key of ['j', 'j', 'G', 'g', '\u0004', '/', 't', 'r', 'u', 's', 't', '\r', 'n', 'e', '1', 'v', 'v', 'z', 'z', '\t', 'j', '\t', 'j', '\r', 'j', '\u001b', '?', 'j', '?', '3', '3', 'k']) {
  stdin.write(key);
  await stdout.quiet(60);
}
stdin.write('q');
await running;
process.stdout.write(stdout.written.join(''));
