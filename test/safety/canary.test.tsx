import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { resolveLiveSettings } from '../../src/config/credentials.js';
import { appendJournalEntry } from '../../src/io/journal-file.js';
import { makeReport } from '../../src/report/make-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { writeReportFile } from '../../src/report/report-file.js';
import { remoteCommand } from '../../src/sources/mac/ssh/commands.js';
import { planSsh, sshArgs } from '../../src/sources/mac/ssh/ssh-transport.js';
import { runbookSteps } from '../../src/store/selectors/runbook.js';
import { buildChild } from '../helpers/build-child.js';
import { fixedTransport, loadBundle, storeFor } from '../helpers/console-fixtures.js';
import { renderTui } from '../helpers/render-tui.js';
import { runCliAsync, type CliResult } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-files.js';
import { CANARY, expectNoCanary, expectNoCanaryInFiles, fakeSsh, startEchoServer, tokenScript } from './canary-env.js';

/**
 * How the canary is covered: secrets set in the config file, in the environment and printed by a
 * tokenCommand go through every path that writes something — the CLI's live analyze (JSON, report,
 * Markdown) and collect against an API that echoes credentials back, with TRUSTLINE_DEBUG=1,
 * NODE_DEBUG=execa and a fake `ssh` recording its argv and environment; the console (every frame, event details, a probe
 * run, the exported report, the journal); a crash with the secret in its message and stack. None of
 * them may show a canary, in any form (as is, base64, URL-encoded).
 */
const FULL = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));

function expectClean(r: CliResult, what: string): void {
  expectNoCanary(r.stdout, `${what} stdout`);
  expectNoCanary(r.stderr, `${what} stderr`);
}

function writeConfig(home: string, yaml: string): string {
  const path = join(home, 'trustline', 'config.yaml');
  mkdirSync(join(home, 'trustline'), { recursive: true });
  writeFileSync(path, yaml);
  return path;
}

describe('a canary secret in the config, the environment and a tokenCommand', () => {
  it('never leaves the CLI: live analyze, the report, collect, debug output, ssh argv and environment', async () => {
    const echo = await startEchoServer();
    try {
      const ssh = fakeSsh();
      const cmd = tokenScript(CANARY.command);
      const work = tempDir();
      const home = join(work, 'config');
      const state = join(work, 'state');
      const reports = join(work, 'reports');
      const common = { XDG_STATE_HOME: state, TRUSTLINE_DEBUG: '1', NODE_DEBUG: 'execa', TRUSTLINE_REPORT_DIR: reports, PATH: `${ssh.bin}:${process.env['PATH'] ?? ''}` };
      // Run A: the Okta token in the config file, the Jamf client secret in the environment.
      const configA = writeConfig(join(home, 'a'), `profiles:\n  default:\n    okta: { url: "${echo.url}", token: ${CANARY.config} }\n    jamf: { url: "${echo.url}", clientId: trustline-test }\n`);
      const envA = { ...common, XDG_CONFIG_HOME: join(home, 'a'), TRUSTLINE_JAMF_CLIENT_SECRET: CANARY.env };
      // Run B: both secrets from a tokenCommand.
      const configB = writeConfig(
        join(home, 'b'),
        `profiles:\n  default:\n    okta: { url: "${echo.url}", tokenCommand: "${cmd.command.replace(/"/g, '\\"')}" }\n    jamf: { url: "${echo.url}", user: svc, passwordCommand: "${cmd.command.replace(/"/g, '\\"')}" }\n`,
      );
      const envB = { ...common, XDG_CONFIG_HOME: join(home, 'b') };
      const live = ['--serial', 'C02FX1TLQ6L4', '--host', 'mac.example.internal', '--since', '1h'];
      for (const [name, env] of [['A', envA], ['B', envB]] as const) {
        for (const format of [['--json'], ['--json', '--report'], ['--md']]) {
          const r = await runCliAsync(['analyze', ...live, ...format], env);
          expect(r.status, r.stderr).toBe(0);
          expect(r.stdout).toMatch(/refused the credentials|[Ii]nvalid/);
          expectClean(r, `${name}: analyze ${format.join(' ')}`);
        }
        const collected = await runCliAsync(['collect', ...live, '--out', join(work, `bundle-${name}`)], env);
        expectClean(collected, `${name}: collect`);
        const replay = await runCliAsync(['analyze', '--bundle', join(work, `bundle-${name}`), '--md'], env);
        expectClean(replay, `${name}: replay`);
        // A tokenCommand that fails after printing the secret: one line, no output quoted.
        const failing = tokenScript(CANARY.command, 3);
        writeConfig(join(home, `fail-${name}`), `profiles:\n  default:\n    okta: { url: "${echo.url}", tokenCommand: "${failing.command.replace(/"/g, '\\"')}" }\n`);
        // Without run A's Jamf secret: the sources' configs are resolved in registry order, and a Jamf secret without its URL would be the error.
        const failed = await runCliAsync(['analyze', ...live, '--json'], { ...common, XDG_CONFIG_HOME: join(home, `fail-${name}`) });
        expect(failed.status).toBe(2);
        expect(failed.stderr).toMatch(/^trustline: okta\.tokenCommand: ".*node" failed with exit status 3\n$/);
        expectClean(failed, `${name}: failing tokenCommand`);
      }
      // The secrets did reach the server (so the echo had something to leak) ...
      const sent = echo.requests.join('\n');
      expect(sent).toContain(CANARY.config);
      expect(sent).toContain(CANARY.env);
      expect(sent).toContain(Buffer.from(`svc:${CANARY.command}`).toString('base64'));
      // ... and nowhere else: no file written (journal, bundles, reports, key), no ssh argv or environment.
      // (bundles, pseudonym keys, the other configs: the two with the canary in them are its source)
      expect(expectNoCanaryInFiles(work, [configA, configB])).toBeGreaterThanOrEqual(6);
      const calls = readFileSync(ssh.record, 'utf8');
      expect(calls).toContain('argv: -n -T');
      expectNoCanary(calls, 'ssh argv and environment');
      expectNoCanary(readFileSync(cmd.record, 'utf8'), 'tokenCommand argv');
    } finally {
      await echo.close();
    }
  }, 120_000);

  it('never reaches the console: frames, event details, a probe run, the exported report, the journal', async () => {
    const cmd = tokenScript(CANARY.command);
    await resolveLiveSettings({ profiles: { default: { okta: { url: 'https://example.okta.com', token: CANARY.config } } } }, { TRUSTLINE_JAMF_URL: 'https://example.jamfcloud.com', TRUSTLINE_JAMF_CLIENT_ID: 'c', TRUSTLINE_JAMF_CLIENT_SECRET: CANARY.env });
    await resolveLiveSettings({ profiles: { default: { okta: { url: 'https://example.okta.com', tokenCommand: cmd.command } } } }, {});
    // A bundle whose evidence quotes the secrets: in log lines, headers, URLs, a probe output.
    const dir = join(tempDir(), 'bundle');
    cpSync(FULL, dir, { recursive: true });
    writeFileSync(
      join(dir, 'device', 'leaky.log'),
      [
        `Nov 20 06:03:49 alice-mbp curl[99]: Authorization: Bearer ${CANARY.config}`,
        `Nov 20 06:03:50 alice-mbp agent[98]: retrying with token ${CANARY.env} for https://svc:${CANARY.command}@jamf.example.com/`,
        `Nov 20 06:03:51 alice-mbp agent[98]: client_secret=${CANARY.env}&grant_type=client_credentials`,
      ].join('\n') + '\n',
    );
    writeFileSync(join(dir, 'device', 'probes', 'timeserver.txt'), `Network Time Server: ${CANARY.command}\n`);
    const loaded = await loadBundle(dir);
    const journal = join(tempDir(), 'journal.ndjson');
    const reports = tempDir();
    const store = storeFor(loaded, {
      transport: fixedTransport({ stdout: `-94.2 +/- 0.05 ${CANARY.config} 17.253.6.253\n`, stderr: CANARY.env }),
      journal: (entry) => appendJournalEntry(journal, entry),
      exportReport: async (snapshot) => {
        const made = await makeReport(snapshot.analysis, { redact: false, journal: snapshot.journalEntries, outputs: snapshot.outputs, env: {} });
        return writeReportFile(renderMarkdown(made.report), made.report, { TRUSTLINE_REPORT_DIR: reports });
      },
    });
    const tui = await renderTui(store, { columns: 120, rows: 45 });
    try {
      const frames: string[] = [tui.raw()];
      for (const e of store.getState().analysis.timeline) {
        if (!/leaky|timeserver/.test(e.raw.file)) continue;
        store.getState().jumpToEvent(e.id);
        store.getState().activate();
        await tui.press();
        frames.push(tui.raw());
        store.getState().escape();
      }
      expect(frames.join('\n')).toContain('Authorization: Bearer [redacted]');
      const sntp = runbookSteps(store.getState()).find((s) => s.probe !== undefined)!;
      store.setState({ selectedStep: sntp.key });
      store.getState().requestRun();
      await store.getState().confirmRun();
      await tui.press('x');
      await vi.waitFor(() => expect(store.getState().message).toMatch(/^report written to /));
      await tui.press();
      frames.push(tui.raw());
      for (const [i, frame] of frames.entries()) expectNoCanary(frame, `frame ${i}`);
      expect(expectNoCanaryInFiles(reports) + expectNoCanaryInFiles(join(journal, '..'))).toBe(2);
    } finally {
      tui.unmount();
    }
  }, 30_000);

  it('never reaches a crash line or its TRUSTLINE_DEBUG stack', async () => {
    const child = await buildChild('safety/crash-child.ts');
    const r = spawnSync(process.execPath, [child], { encoding: 'utf8', env: { ...process.env, CANARY: CANARY.config, TRUSTLINE_DEBUG: '1' } });
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(/^trustline: internal error: token \[redacted\] rejected\^\[\]0;title\^G \(Authorization: Bearer \[redacted\]\)\n/);
    expect(r.stderr).toMatch(/\n {4}at /);
    expectNoCanary(r.stderr + r.stdout, 'crash output');
  });

  it('is never in the argv the SSH transport builds', () => {
    const plan = planSsh({ host: 'admin@mac.example.internal:2222', jump: 'bastion.example.com', sshConfigFile: '/etc/ssh/ssh_config' });
    for (const name of ['sntp', 'log-trust', 'app-sso-platform'] as const) {
      const argv = [...sshArgs(plan, '/tmp/trustline-ssh-x/cm', { remote: remoteCommand(name).display }), ...sshArgs(plan, '/tmp/trustline-ssh-x/cm', { control: 'exit' })];
      expect(argv).toContain('--');
      expectNoCanary(argv.join('\u0000'), `ssh argv for ${name}`);
    }
  });
});
