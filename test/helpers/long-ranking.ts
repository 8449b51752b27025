import type { ActiveModel } from '../../src/diagnosis/rank-analysis.js';
import type { Analysis } from '../../src/model/analysis.js';
import type { TimelineEvent } from '../../src/model/event.js';
import { modelOf } from '../diagnosis/helpers.js';
import { handAnalysis } from './analysis.js';

const EVENTS = 20_000;
const FINDINGS = 300;
const id = (i: number): string => `f${String(i).padStart(3, '0')}`;

/**
 * An analysis whose ranking takes seconds (issue 17, item 4): an organisation pack of 300 findings
 * that match on text alone, over 20,000 events whose summaries are 20,000 characters long, so every
 * event test scans a long line until the work bound (2,000,000 tests) is reached.
 */
export function longRanking(): { analysis: Analysis; active: ActiveModel } {
  const pack = ['engine: 2', 'findings:'];
  for (let i = 0; i < FINDINGS; i++) pack.push(`  - { id: ${id(i)}, why: w, leak: 0.05, match: { text: "needle-${i}\\\\b" } }`);
  pack.push('causes:', `  - { id: a, title: A, explanation: A, prior: 0.1, produces: { ${id(0)}: 0.9 }, steps: [s], remedy: s }`);
  pack.push('steps:', '  - { id: s, title: S, checks: c, console: x, confirms: x, refutes: y }');
  const line = `AppSSOAgent: ${'x'.repeat(20_000)} registration`;
  const start = Date.UTC(2026, 10, 20, 12);
  const timeline: TimelineEvent[] = Array.from({ length: EVENTS }, (_, i) => ({
    id: `device:${i}`,
    epochMs: start + i * 10,
    originalTime: '',
    source: 'device',
    kind: 'device.sso.error',
    generic: 'endpoint.sso.error',
    severity: 'error',
    summary: line,
    keys: {},
    raw: { file: 'device/sso.log', line: i + 1 },
    fields: {},
  }));
  return { analysis: handAnalysis({ timeline }), active: { model: modelOf(pack.join('\n')), probeCommand: (name) => name, logProbes: [] } };
}
