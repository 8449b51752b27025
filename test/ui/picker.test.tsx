import { describe, expect, it } from 'vitest';
import { emptyAnalysis } from '../../src/cli/console.js';
import { candidateColumns } from '../../src/core/identity-text.js';
import { buildIdentity, type MacRecord } from '../../src/core/identity.js';
import { createConsoleStore } from '../../src/store/create-console-store.js';
import { builtinModel } from '../helpers/console-fixtures.js';
import { renderTui } from '../helpers/render-tui.js';

const LABELS = new Map([['jamf', 'Jamf Pro'], ['okta', 'Okta']]);

function mac(n: number): MacRecord[] {
  const serial = `C02LAB${String(n).padStart(2, '0')}Q6L4`;
  const common = { serial, users: ['carol@example.com'], model: 'MacBook Pro (14-inch, 2023)', os: 'macOS 15.6.1' };
  return [
    { ...common, source: 'jamf', id: String(500 + n), hostname: `carol-mac-${n}`, lastSeenMs: Date.UTC(2026, 10, 8 + n, 10), management: 'managed' },
    { ...common, source: 'okta', id: `guo${n}`, hostname: `Carol's Mac ${n}`, lastSeenMs: Date.UTC(2026, 10, 9 + n, 11), management: 'managed' },
  ];
}

async function pickerStore(count: number, picks: number[]) {
  const ctx = { serial: undefined, hostname: undefined, user: 'carol@example.com', deviceTimeZone: undefined, collectedAtMs: Date.UTC(2026, 10, 20, 14, 30) };
  const candidates = Array.from({ length: count }, (_, n) => candidateColumns(buildIdentity(mac(n), { user: 'carol@example.com' }, LABELS), LABELS));
  return createConsoleStore({ analysis: emptyAnalysis(ctx), ctx, active: await builtinModel(), candidates, onPick: (i) => picks.push(i) });
}

describe('the Mac picker (several Macs match)', () => {
  it('opens on the candidates with serial, host name, model, OS, each system\'s last contact and management state', async () => {
    const tui = await renderTui(await pickerStore(3, []), { columns: 200, rows: 24 });
    const frame = tui.frame();
    expect(frame).toContain('Several Macs match (3). Which one?');
    expect(frame).toMatch(/C02LAB01Q6L4 +carol-mac-1 +MacBook Pro \(14-inch, 2023\) +macOS 15\.6\.1 +last seen: Jamf Pro 2026-11-09 10:00Z, Okta 2026-11-10 11:00Z +Jamf Pro managed, Okta managed/);
    tui.unmount();
  });

  it('j/k move, Enter picks exactly one Mac and closes the picker; nothing is picked before', async () => {
    const picks: number[] = [];
    const store = await pickerStore(3, picks);
    const tui = await renderTui(store, { columns: 160, rows: 24 });
    await tui.press('j', 'j', 'j', 'k');
    expect(picks).toEqual([]);
    expect(store.getState().overlay).toEqual({ kind: 'picker', cursor: 1 });
    await tui.press('enter');
    expect(picks).toEqual([1]);
    expect(store.getState().overlay).toBeNull();
    expect(tui.frame()).not.toContain('Which one?');
    await tui.press('enter');
    expect(picks).toEqual([1]);
    tui.unmount();
  });

  it('q quits from the picker', async () => {
    const tui = await renderTui(await pickerStore(2, []), { columns: 80, rows: 24 });
    await tui.press('q');
    expect(tui.quits()).toBe(1);
    tui.unmount();
  });

  it('twelve candidates in an 80x24 terminal: the cursor row stays on screen', async () => {
    const store = await pickerStore(12, []);
    const tui = await renderTui(store, { columns: 80, rows: 24 });
    await tui.press(...Array<string>(11).fill('j'));
    expect(tui.frame()).toContain('C02LAB11Q6L4');
    expect(tui.lines().length).toBeLessThanOrEqual(24);
    tui.unmount();
  });
});
