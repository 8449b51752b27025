import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, storeFor } from '../helpers/console-fixtures.js';
import { renderTui, type Tui } from '../helpers/render-tui.js';

const cert = await loadScenario('cert-chain-break');
let tui: Tui | undefined;
afterEach(() => tui?.unmount());

/** The text of each pane's first content row, by the pane's title, read off the frame. */
function firstRows(frame: string): Map<string, string> {
  const lines = frame.split('\n');
  const out = new Map<string, string>();
  lines.forEach((line, y) => {
    for (const m of line.matchAll(/[╭╔][─═] (?:▶ )?([A-Z][a-z]+)/g)) {
      const below = [...(lines[y + 1] ?? '')].slice(m.index + 1, m.index + 1 + 30).join('');
      out.set(m[1]!, below);
    }
  });
  return out;
}

describe.each([
  [80, 24],
  [120, 40],
])('a %ix%i console changing focus', (columns, rows) => {
  it('keeps every pane’s first row drawn (the selected event, the likely hypothesis, the first step)', async () => {
    tui = await renderTui(storeFor(cert), { columns, rows });
    for (const keys of [[], ['tab'], ['tab'], ['tab'], ['shift+tab'], ['j', 'tab', 'shift+tab']]) {
      await tui.press(...keys);
      const panes = firstRows(tui.frame());
      expect([...panes.keys()].sort()).toEqual(['Hypotheses', 'Runbook', 'Timeline']);
      for (const [title, row] of panes) expect(row.trim(), `${title} after ${keys.join(' ')}:\n${tui.frame()}`).not.toBe('');
    }
  });
});
