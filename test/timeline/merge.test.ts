import { describe, expect, it } from 'vitest';
import type { SourceName, TimelineEvent } from '../../src/model/event.js';
import { mergeSortedRuns, sortRun } from '../../src/timeline/merge.js';

function ev(id: string, source: SourceName, epochMs: number, micros?: number): TimelineEvent {
  const e: TimelineEvent = { id, epochMs, originalTime: '', source, kind: 'k', generic: 'g', severity: 'info', summary: '', keys: {}, raw: { file: 'f' }, fields: {} };
  if (micros !== undefined) e.micros = micros;
  return e;
}

describe('mergeSortedRuns', () => {
  it('interleaves runs by instant, microseconds included', () => {
    const jamf = [ev('j1', 'jamf', 10), ev('j2', 'jamf', 30)];
    const okta = [ev('o1', 'okta', 20)];
    const device = [ev('d1', 'device', 10, 500), ev('d2', 'device', 25)];
    expect(mergeSortedRuns([jamf, okta, device]).map((e) => e.id)).toEqual(['j1', 'd1', 'o1', 'd2', 'j2']);
  });

  it('breaks ties by run order, then position within the run', () => {
    const a = [ev('a1', 'jamf', 5), ev('a2', 'jamf', 5)];
    const b = [ev('b1', 'okta', 5)];
    expect(mergeSortedRuns([a, b]).map((e) => e.id)).toEqual(['a1', 'a2', 'b1']);
    expect(mergeSortedRuns([b, a]).map((e) => e.id)).toEqual(['b1', 'a1', 'a2']);
  });

  it('handles empty runs', () => {
    expect(mergeSortedRuns([[], [ev('x', 'okta', 1)], []]).map((e) => e.id)).toEqual(['x']);
    expect(mergeSortedRuns([])).toEqual([]);
  });
});

describe('sortRun', () => {
  it('sorts stably: equal instants keep file order', () => {
    const run = [ev('late', 'device', 9), ev('first', 'device', 1), ev('second', 'device', 1)];
    expect(sortRun(run).map((e) => e.id)).toEqual(['first', 'second', 'late']);
  });
});
