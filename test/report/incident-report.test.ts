import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeJsonChunks } from '../../src/report/json-report.js';
import { makeReport } from '../../src/report/make-report.js';
import { cell, fenced, renderMarkdown } from '../../src/report/markdown-report.js';
import { bundleProbeOutputs } from '../../src/sources/mac/recorded-outputs.js';
import { fileNamePart, reportFileName, writeReportFile } from '../../src/report/report-file.js';
import { rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import { builtinModel, loadBundle, makeEvent } from '../helpers/console-fixtures.js';
import { tempDir } from '../helpers/temp-files.js';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { sourceSummary } from '../helpers/analysis.js';
import type { Analysis } from '../../src/model/analysis.js';

const FULL = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));
const ENV = { TRUSTLINE_PSEUDONYM_KEY: 'incident-report-test-key-0001' };
const NOW = Date.UTC(2026, 10, 20, 15);
/** The fixture's identifiers (Okta's opaque object ids, such as guo7tlMbpAlice26x7d8, are not among them). */
const IDENTIFIERS = [/C02FX1TLQ6L4/, /\balice\b/i, /alice-mbp/i, /8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F/, /5E1A9C3B-7D2F-4B8E-9A61-C0FFEE2026AB/];

async function full() {
  const loaded = await loadBundle(FULL);
  const analysis = { ...loaded.analysis, hypotheses: rankAnalysis(loaded.analysis, await builtinModel()) };
  return { analysis, collected: await bundleProbeOutputs(FULL) };
}

/** When the leading hypothesis's first supporting event happened (the bundle holds no probe output among them). */
function firstSupport(analysis: Analysis): string {
  const ids = new Set(analysis.hypotheses[0]!.evidence.filter((e) => e.supports).map((e) => e.eventId));
  return new Date(Math.min(...analysis.timeline.filter((e) => ids.has(e.id)).map((e) => e.epochMs))).toISOString();
}

describe('the incident report', () => {
  it('has every section, in order, with the failure, the probes and their outputs', async () => {
    const { analysis, collected } = await full();
    const { report } = await makeReport(analysis, { redact: false, collected, nowMs: NOW, env: ENV });
    const md = renderMarkdown(report);
    const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections).toEqual(['Summary', 'Device', 'Sources', 'Clock', 'Hypotheses', 'Timeline around the failure (UTC)', 'Probes run', 'Still unknown', 'Reading notes']);
    // A 94 s clock, a policy DENY and failed SCEP installs: no cause is likely, the report says which two lead.
    const summary = /^No hypothesis is likely yet; leading: (.+)$/m.exec(md)?.[1] ?? '';
    expect(summary).toContain("The Mac's clock is off beyond tolerance (possible, ");
    expect(summary).toContain("An Okta policy blocks the non-interactive grant the Mac's SSO uses (possible, ");
    expect(summary).toContain(`The failure shows at ${firstSupport(analysis)}`);
    expect(md).toMatch(/\| 2026-11-20T14:02:12\.090Z \| okta \| error \| okta\.app\.oauth2\.token\.grant\.access_token \| .* \| evidence \|/);
    expect(md).toContain('### 6. sntp (collected with the evidence)');
    expect(md).toContain('-94.218342 +/- 0.050000 time.apple.com 17.253.6.253');
    expect(md).toContain('Reading: Mac clock 94.218 s ahead of time.apple.com');
    expect(report.excerpt.events.length).toBeLessThanOrEqual(40);
    expect(report.excerpt.events.filter((e) => e.evidence).length).toBeGreaterThan(3);
  });

  it('pseudonymises serials, UDIDs, host and user names and addresses everywhere, free text included', async () => {
    const { analysis, collected } = await full();
    const { report } = await makeReport(analysis, { redact: true, collected, nowMs: NOW, env: ENV });
    const md = renderMarkdown(report);
    for (const id of IDENTIFIERS) expect(md).not.toMatch(id);
    expect(md).toMatch(/^# trustline analysis: serial-[0-9a-f]{8}$/m);
    expect(md).toMatch(/· user-[0-9a-f]{8}@example\.invalid → Okta Verify/);
    expect(md).toContain('Serials, UDIDs, host names, e-mail addresses and user names are pseudonymised');
    const again = await makeReport(analysis, { redact: true, collected, nowMs: NOW, env: ENV });
    expect(renderMarkdown(again.report)).toBe(md);
  });

  it('in JSON: the contract keys exactly, pseudonymised consistently, and the report under "report"', async () => {
    const { analysis, collected } = await full();
    const made = await makeReport(analysis, { redact: true, collected, nowMs: NOW, env: ENV });
    const text = [...analyzeJsonChunks(analysis, { text: made.text, report: made.report })].join('');
    for (const id of IDENTIFIERS) expect(text).not.toMatch(id);
    const json = JSON.parse(text) as { device: { serial: string }; timeline: { id: string }[]; hypotheses: { evidence: { eventId: string }[] }[]; report: { device: { serial: string }; probes: unknown[]; summary: string; unknown: string[] } };
    expect(Object.keys(json)).toEqual(['device', 'sources', 'clock', 'timeline', 'hypotheses', 'report']);
    expect(json.device.serial).toBe(json.report.device.serial);
    expect(json.report.probes).toHaveLength(7);
    const ids = new Set(json.timeline.map((e) => e.id));
    for (const ev of json.hypotheses[0]!.evidence) expect(ids.has(ev.eventId)).toBe(true);
    // The plain contract is unchanged by any of this.
    const plain = JSON.parse([...analyzeJsonChunks(analysis)].join('')) as { device: { serial: string } };
    expect(plain.device.serial).toBe('C02FX1TLQ6L4');
  });

  it('lists probes run from the console with their journal record and output, and what stays unknown', async () => {
    const { analysis } = await full();
    const journal = [{ at: '2026-11-20T14:40:00.000Z', step: 'Measure the clock', command: '/usr/bin/sntp time.apple.com', exitCode: 0, outputSha256: 'ab'.repeat(32) }];
    const failed = { at: '2026-11-20T14:41:00.000Z', step: 'Read the keychain', command: '/usr/bin/security show-keychain-info okta.keychain', exitCode: null, outputSha256: 'cd'.repeat(32), error: 'cancelled' };
    const bare = { ...analysis, sources: analysis.sources.map((s) => (s.name === 'okta' ? sourceSummary('okta', 'missing') : s)) };
    const { report } = await makeReport(bare, { redact: false, journal: [...journal, failed], outputs: new Map([['ab'.repeat(32), '```\nsneaky fence\n']]), nowMs: NOW });
    const md = renderMarkdown(report);
    expect(md).toContain('### 1. sntp (run from the console at 2026-11-20T14:40:00.000Z, exit 0)');
    expect(md).toContain('````text\n```\nsneaky fence\n````');
    expect(md).toContain('### 2. keychain-info (run from the console at 2026-11-20T14:41:00.000Z, exit none)');
    expect(md).toContain('Failed: cancelled');
    expect(md).toContain(`Output not kept in this session (SHA-256 \`${'cd'.repeat(32)}\`).`);
    expect(report.unknown[0]).toBe('No okta evidence: everything only okta can show stays unknown.');
  });

  it("says where the failure shows by the time it happened, not by when a probe read it", async () => {
    const { analysis } = await full();
    const top = analysis.hypotheses[0]!;
    const probe = makeEvent({ epochMs: Date.UTC(2026, 10, 20, 14, 40), source: 'device', kind: 'device.probe.okta-mtls-cert', severity: 'error', summary: 'certificate expired' });
    const timeline = [...analysis.timeline, probe];
    const withProbe = { ...analysis, timeline, hypotheses: [{ ...top, evidence: [{ eventId: probe.id, supports: true, why: 'the probe says so' }, ...top.evidence] }, ...analysis.hypotheses.slice(1)] };
    const { report } = await makeReport(withProbe, { redact: false, nowMs: NOW });
    expect(report.summary).toContain(`The failure shows at ${firstSupport(analysis)}`);
    const onlyProbe = { ...withProbe, hypotheses: [{ ...top, evidence: [{ eventId: probe.id, supports: true, why: 'the probe says so' }] }] };
    const read = await makeReport(onlyProbe, { redact: false, nowMs: NOW });
    expect(read.report.summary).toContain('A reading taken at 2026-11-20T14:40:00.000Z shows the failure (device: certificate expired).');
    expect(read.report.summary).not.toContain('The failure shows at');
  });

  it('keeps Markdown from outside inert: no table breaks, links, images, HTML or fence escapes', () => {
    expect(cell('a | ![x](https://e/p.png) <img src=x> `code` [l](javascript:x)')).toBe('a \\| !\\[x\\](https://e/p.png) &lt;img src=x&gt; \\`code\\` \\[l\\](javascript:x)');
    expect(fenced('x ````` y')).toEqual(['``````', 'x ````` y', '``````']);
  });
});

describe('the report file', () => {
  it('goes to $TRUSTLINE_REPORT_DIR under a new, safe name, written whole and private', async () => {
    const { analysis } = await full();
    const { report } = await makeReport(analysis, { redact: true, nowMs: NOW, env: ENV });
    const dir = tempDir();
    const first = await writeReportFile('# r\n', report, { TRUSTLINE_REPORT_DIR: dir });
    const second = await writeReportFile('# r2\n', report, { TRUSTLINE_REPORT_DIR: dir });
    expect(first).toMatch(/\/trustline-report-serial-[0-9a-f]{8}-20261120T150000Z\.md$/);
    expect(second).toBe(first.replace(/\.md$/, '-2.md'));
    expect(readFileSync(first, 'utf8')).toBe('# r\n');
    expect(statSync(second).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toHaveLength(2);
    expect(fileNamePart('../../etc/passwd\u001b[2J')).toBe('etc_passwd_2J');
    expect(reportFileName({ ...report, device: { serial: null, hostname: null, user: null } })).toBe('trustline-report-device-20261120T150000Z.md');
  });
});
