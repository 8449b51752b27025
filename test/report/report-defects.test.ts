/** Report defects found on real-world bundles (issue 17, item 22). */
import { describe, expect, it } from 'vitest';
import type { Hypothesis } from '../../src/model/analysis.js';
import type { TimelineEvent } from '../../src/model/event.js';
import { buildIncidentReport } from '../../src/report/incident.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { probeRuns } from '../../src/report/probe-runs.js';
import { makeReport } from '../../src/report/make-report.js';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import { analyzeBundle } from '../../src/sources/bundle/analyze-bundle.js';
import { handAnalysis } from '../helpers/analysis.js';
import { builtinModel } from '../helpers/console-fixtures.js';
import { writeTree } from '../helpers/temp-files.js';

const T = Date.UTC(2026, 10, 20, 14, 2);
const ENV = { TRUSTLINE_PSEUDONYM_KEY: 'report-defects-test-key-000001' };

function event(id: string, source: TimelineEvent['source'], kind: string, severity: TimelineEvent['severity'], summary: string, at = T): TimelineEvent {
  return { id, epochMs: at, originalTime: new Date(at).toISOString(), source, kind, generic: kind, severity, summary, keys: {}, raw: { file: 'x', line: 1 }, fields: {} };
}

function hypothesis(id: string, evidence: Hypothesis['evidence']): Hypothesis {
  return { id, title: `cause ${id}`, score: 0.4, verdict: 'possible', evidence, explains: [], next: { stepId: 's', title: 'step', command: 'true', why: 'why' }, explanation: 'story', unknown: [] };
}

const DENY = event('okta:2D6FC3CC-3BFB-4AC1-8259-016CF6A5976C', 'okta', 'okta.policy.evaluate_sign_on', 'error', 'Sign-on policy DENY');
const JAMF = event('jamf:1283:state', 'jamf', 'jamf.computer.state', 'info', 'Jamf: managed, last check-in 2 h ago', T - 5_000);

describe('the incident report on real-world shapes', () => {
  it('marks no row `evidence` when the top hypothesis has none', () => {
    const analysis = handAnalysis({ timeline: [DENY, JAMF], hypotheses: [hypothesis('a', [])] });
    const report = buildIncidentReport({ analysis, probes: [], nowMs: T });
    expect(report.excerpt.events.map((e) => e.id)).toContain(DENY.id);
    expect(report.excerpt.events.filter((e) => e.evidence)).toEqual([]);
    expect(renderMarkdown(report).split('\n').filter((l) => l.startsWith('| 2026-') && l.endsWith('| evidence |'))).toEqual([]);
  });

  it('cites a record that speaks for and against one hypothesis once, with both', () => {
    const analysis = handAnalysis({
      timeline: [DENY, JAMF],
      hypotheses: [
        hypothesis('a', [
          { eventId: JAMF.id, supports: true, why: 'Jamf lists no Okta SCEP profile.' },
          { eventId: DENY.id, supports: true, why: 'Okta refused the device.' },
          { eventId: JAMF.id, supports: false, why: 'The Mac checked in within two weeks.' },
        ]),
      ],
    });
    const report = buildIncidentReport({ analysis, probes: [], nowMs: T });
    expect(report.hypotheses[0]!.evidence.map((e) => [e.eventId, e.supports, e.contradicts])).toEqual([
      [JAMF.id, ['Jamf lists no Okta SCEP profile.'], ['The Mac checked in within two weeks.']],
      [DENY.id, ['Okta refused the device.'], []],
    ]);
    const md = renderMarkdown(report);
    expect(md.split('\n').filter((l) => l.includes('jamf: Jamf: managed'))).toEqual([
      '- supports: Jamf lists no Okta SCEP profile.; contradicts: The Mac checked in within two weeks. (2026-11-20T14:01:55.000Z jamf: Jamf: managed, last check-in 2 h ago)',
    ]);
    expect(report.summary).toContain('cause a (possible, 0.40)');
  });

  it('keeps upper-case Okta event ids findable after pseudonymisation, and pseudonymises UUIDs in either case alike', async () => {
    const udid = '5E1A9C3B-7D2F-4B8E-9A61-C0FFEE2026AB';
    const text = event('device:x:1', 'device', 'device.other', 'info', `UDID ${udid} / ${udid.toLowerCase()}`);
    const analysis = handAnalysis({ timeline: [DENY, text], hypotheses: [hypothesis('a', [{ eventId: DENY.id, supports: true, why: 'Okta refused the device.' }])] });
    const { report } = await makeReport(analysis, { redact: true, nowMs: T, env: ENV });
    expect(report.hypotheses[0]!.evidence[0]!.eventId).toBe(DENY.id);
    expect(report.excerpt.events.map((e) => e.id)).toContain(DENY.id);
    const line = report.excerpt.events.find((e) => e.id === 'device:x:1')!.summary;
    expect(line).toMatch(/^UDID udid-[0-9a-f]{8} \/ udid-[0-9a-f]{8}$/);
    const [upper, lower] = line.match(/udid-[0-9a-f]{8}/g)!;
    expect(lower).toBe(upper);
  });

  it('shows the sntp command with the server the output names', () => {
    const sntp = { ...event('device:probe:sntp', 'device', 'device.probe.sntp', 'warn', 'Mac clock 94 s ahead of time.euro.apple.com'), fields: { server: 'time.euro.apple.com' } };
    const analysis = handAnalysis({ timeline: [sntp] });
    const [run] = probeRuns(analysis, [{ name: 'sntp', text: '-94.218342 +/- 0.050000 time.euro.apple.com 17.253.6.253\n' }]);
    expect(run!.command).toBe('/usr/bin/sntp time.euro.apple.com');
  });

  it("counts neither Jamf's pending ProfileList query as a failed profile installation nor its failed AD binding toward a TLS rejection", async () => {
    // Jamf's documented computerhistory example (test/fixtures/real-world/README.md): a pending ProfileList
    // and a failed "Install Configuration Profile AD Binding".
    const dir = writeTree({ 'meta.json': JSON.stringify({ serial: 'C02Q7KHTGFWF', collectedAt: '2017-07-08T00:00:00Z' }) });
    cpSync(fileURLToPath(new URL('../fixtures/real-world/jamf/sumo-docs-computerhistory-wrapped.json', import.meta.url)), join(dir, 'jamf/history.json'));
    const analysis = await analyzeBundle(dir);
    const summary = (id: string) => analysis.timeline.find((e) => e.id === id)?.summary ?? id;
    const hypotheses = rankAnalysis(analysis, await builtinModel());
    const cited = (cause: string, why: string) =>
      hypotheses.find((h) => h.id === cause)!.evidence.filter((e) => e.why === why && e.supports).map((e) => summary(e.eventId));
    const profileFailed = 'Jamf shows a profile installation that failed or is held back.';
    const anyFailed = 'An MDM command failed in Jamf.';
    expect(analysis.timeline.map((e) => e.summary).join('\n')).toMatch(/ProfileList/);
    expect(cited('not-managed-in-jamf', profileFailed).join('\n')).not.toMatch(/ProfileList/);
    expect(cited('not-managed-in-jamf', profileFailed).join('\n')).toMatch(/AD Binding/);
    expect(cited('cert-chain-break', anyFailed)).toEqual([]);
  });
});
