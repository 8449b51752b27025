import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDir } from '../../src/emulators/index.js';
import type { JsonValue } from '../../src/io/json-file.js';
import { oktaFailure } from '../../src/sources/okta/fleet-events.js';
import { keyScope } from '../../src/store/scope.js';
import { fleetHeadline, fleetLines } from '../../src/store/selectors/fleet.js';
import { runSweep, type SweepResult } from '../../src/sweep/run-sweep.js';
import type { FailureObservation, FleetReader, StreamCoverage } from '../../src/sweep/types.js';
import { loadScenario, storeFor } from '../helpers/console-fixtures.js';
import { renderTui } from '../helpers/render-tui.js';
import { cellWidth } from '../../src/ui/text/cells.js';

const scenario = await loadScenario('okta-policy-regression');
const logs = JSON.parse(readFileSync(join(scenarioDir('okta-policy-regression'), 'okta', 'logs-20261120.json'), 'utf8')) as JsonValue[];
const SINCE = Date.parse('2026-11-20T10:00:00Z');
const UNTIL = Date.parse('2026-11-20T15:00:00Z');

/** A sweep whose failures are this scenario's own plus the same denials on `others` more Macs (other users). */
async function sweepWith(others: number): Promise<SweepResult> {
  const own = logs.map(oktaFailure).filter((o): o is FailureObservation => o !== undefined && (o.outcome === 'DENY' || o.outcome === 'FAILURE'));
  const copies = Array.from({ length: others }, (_, n) => own.map((o) => ({ ...o, id: `${o.id}-${n}`, user: `other${n}@example.com`, device: `guoOther${n}` }))).flat();
  const cover = (events: number): StreamCoverage => ({ sinceMs: SINCE, throughMs: UNTIL, complete: true, pages: 1, events, requests: 1, skipped: 0 });
  const fleet: FleetReader = {
    name: 'okta',
    readFailures: async (_s, _u, sink) => {
      for (const o of [...own, ...copies]) sink.failure(o);
      return cover(own.length + copies.length);
    },
    readChanges: async () => cover(0),
    serialsOf: async () => new Map(),
  };
  return runSweep({ sinceMs: SINCE, untilMs: UNTIL, fleet, signal: new AbortController().signal });
}

describe('the Fleet view', () => {
  it('puts a header line up when this Mac’s denial is seen on other Macs, and none when it is its own', async () => {
    const store = storeFor(scenario);
    store.getState().setFleet({ state: 'ok', result: await sweepWith(0) });
    expect(fleetHeadline(store.getState())).toBeNull();
    store.getState().setFleet({ state: 'ok', result: await sweepWith(36) });
    expect(fleetHeadline(store.getState())).toBe('same denial: 37 Macs, 37 users since 14:02Z (f: fleet)');
  });

  it('opens with f, scrolls with j, closes with f or Esc; says why when there is no sweep', async () => {
    const store = storeFor(scenario);
    store.getState().toggleFleet();
    expect(store.getState().overlay).toBeNull();
    expect(store.getState().message).toMatch(/^no Fleet view/);
    store.getState().setFleet({ state: 'ok', result: await sweepWith(36) });
    const tui = await renderTui(store, { columns: 100, rows: 30 });
    expect(tui.lines()[2]).toContain('same denial: 37 Macs, 37 users since 14:02Z');
    await tui.press('f');
    expect(keyScope(store.getState())).toBe('fleet');
    expect(tui.frame()).toContain('Failure signatures, largest first');
    expect(tui.frame()).toMatch(/▶ 0 .* 74 ev 37 Macs 37 users from 14:02Z +policy\.evaluate_sign_on DENY/);
    await tui.press('j');
    expect(store.getState().overlay).toEqual({ kind: 'fleet', offset: 1 });
    await tui.press('f');
    expect(store.getState().overlay).toBeNull();
    await tui.press('f', 'escape');
    expect(store.getState().overlay).toBeNull();
    tui.unmount();
    expect(fleetLines(store.getState()).length).toBeGreaterThan(3);
  });

  it('fits the terminal with the header line and the view open, at 80x24, 120x40 and 60x20', async () => {
    const result = await sweepWith(36);
    for (const [columns, rows] of [[80, 24], [120, 40], [60, 20]] as const) {
      for (const open of [false, true]) {
        const store = storeFor(scenario);
        store.getState().setFleet({ state: 'ok', result });
        if (open) store.getState().toggleFleet();
        const tui = await renderTui(store, { columns, rows });
        const lines = tui.lines();
        expect(lines.length).toBeLessThanOrEqual(rows - 1);
        for (const line of lines) expect(cellWidth(line), line).toBeLessThanOrEqual(columns);
        expect(tui.frame()).toContain(open ? 'Fleet 1-' : 'same denial');
        tui.unmount();
      }
    }
  }, 30_000);
});
