/**
 * Long triage work is bounded (issue 17, item 4): an organisation pack of many findings that match
 * on text alone would test every event once per finding. One judging pass tests at most
 * WORK_PER_EVENT events per event (at least WORK_FLOOR); the findings past the bound are unknown with
 * a reason, so the console gets back to its keys and signals instead of ranking for minutes.
 */
import { describe, expect, it } from 'vitest';
import { EventIndex } from '../../src/diagnosis/event-index.js';
import { FindingBook, OVER_WORK_BOUND, WORK_FLOOR, WORK_PER_EVENT } from '../../src/diagnosis/finding-book.js';
import { context, ev, modelOf } from '../diagnosis/helpers.js';

const EVENTS = 10_000;
const FINDINGS = 300;

/** Ids that sort as they count (the model keeps findings by id). */
const id = (i: number): string => `f${String(i).padStart(3, '0')}`;

function textOnlyPack(findings: number): string {
  const lines = ['engine: 2', 'findings:'];
  for (let i = 0; i < findings; i++) lines.push(`  - { id: ${id(i)}, why: w, leak: 0.05, match: { text: "needle-${i}\\\\b" } }`);
  lines.push('causes:', `  - { id: a, title: A, explanation: A, prior: 0.1, produces: { ${id(0)}: 0.9 }, steps: [s], remedy: s }`);
  lines.push('steps:', '  - { id: s, title: S, checks: c, console: x, confirms: x, refutes: y }');
  return lines.join('\n');
}

describe('the work bound of one judging pass', () => {
  it('scans findings until the bound, then leaves the rest unknown with why', () => {
    const events = Array.from({ length: EVENTS }, (_, i) => ev('device', 'device.sso.error', i, i === 5 ? 'needle-0 here' : `line ${i}`));
    const book = new FindingBook(modelOf(textOnlyPack(FINDINGS)), new EventIndex(events), context());
    const scanned = Math.floor(Math.max(WORK_FLOOR, WORK_PER_EVENT * EVENTS) / EVENTS);
    expect(scanned).toBeLessThan(FINDINGS);
    const states = [...Array(FINDINGS).keys()].map((i) => book.states.get(id(i))!);
    expect(states[0]).toMatchObject({ state: 'present' });
    const overBound = (s: (typeof states)[number]): boolean => s.state === 'unknown' && s.why === OVER_WORK_BOUND;
    expect(states.findIndex(overBound)).toBe(scanned);
    expect(states.slice(scanned)).toEqual(Array(FINDINGS - scanned).fill({ state: 'unknown', why: OVER_WORK_BOUND }));
  });

  it('a later pass (a live batch, a probe output) scans the findings the bound left, as its own bound allows', () => {
    const events = Array.from({ length: EVENTS }, (_, i) => ev('device', 'device.sso.error', i, `line ${i}`));
    const book = new FindingBook(modelOf(textOnlyPack(FINDINGS)), new EventIndex(events), context());
    const last = id(FINDINGS - 1);
    expect(book.states.get(last)).toMatchObject({ state: 'unknown' });
    book.update([], context());
    // Each pass has its own bound; the findings scanned before only look at new events, so the rest fit now.
    expect(book.states.get(last)).not.toMatchObject({ why: OVER_WORK_BOUND });
  });
});
