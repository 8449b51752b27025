import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/model/analysis.js';
import { buildIncidentReport } from '../../src/report/incident.js';
import { analyzeJsonChunks } from '../../src/report/json-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { handAnalysis, sourceSummary } from '../helpers/analysis.js';

const HOSTILE = 'x\u001b]0;pwned\u0007\u009b31m\u202e|y';

function analysis(events: number): Analysis {
  return handAnalysis({
    device: { serial: HOSTILE, hostname: null, user: null },
    collectedAtMs: null,
    sources: [sourceSummary('device', 'error', events, `device/x.log: ${HOSTILE}`)],
    clock: { deviceOffsetMs: -1500, basis: 'date', applied: false, note: 'small' },
    timeline: Array.from({ length: events }, (_, i) => ({
      id: `device:x:${i}`,
      epochMs: Date.UTC(2026, 10, 20) + i,
      originalTime: HOSTILE,
      source: 'device' as const,
      kind: 'device.log',
      generic: 'endpoint.log',
      severity: i % 3 === 0 ? ('error' as const) : ('info' as const),
      summary: HOSTILE,
      keys: {},
      raw: { file: 'device/x.log', line: i + 1 },
      fields: {},
    })),
    notes: [HOSTILE],
  });
}

describe('analyze JSON', () => {
  it('is valid JSON across chunk boundaries and keeps every event', () => {
    const text = [...analyzeJsonChunks(analysis(4500))].join('');
    const parsed = JSON.parse(text) as { timeline: { id: string; time: string }[] };
    expect(parsed.timeline).toHaveLength(4500);
    expect(parsed.timeline[4499]!.id).toBe('device:x:4499');
    expect(parsed.timeline[1]!.time).toBe('2026-11-20T00:00:00.001Z');
  });

  it('carries no raw control character from external strings', () => {
    const text = [...analyzeJsonChunks(analysis(2))].join('');
    const decoded = JSON.stringify(JSON.parse(text));
    expect(/[\u0000-\u001f\u007f-\u009f\u202e]/.test(JSON.parse(text).device.serial)).toBe(false);
    expect(decoded).toContain('^[]0;pwned^G');
  });
});

describe('Markdown report', () => {
  it('escapes table pipes, links, HTML and control characters, and quotes the timeline around the errors only', () => {
    const md = renderMarkdown(buildIncidentReport({ analysis: analysis(300), probes: [], nowMs: Date.UTC(2026, 10, 21) }));
    expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(md)).toBe(false);
    expect(md).toContain('\\|y');
    expect(md).toContain('Events within a minute of the errors');
    expect(md).toContain('260 more events in that window are not shown.');
    expect(md).toContain('Mac clock behind true time by 1.500 s (basis: date); not applied (small).');
    expect(md).toContain('Incident report generated 2026-11-21T00:00:00.000Z.');
  });
});
