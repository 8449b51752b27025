import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDir } from '../../../src/emulators/index.js';
import { analyzeBundle } from '../../../src/sources/bundle/analyze-bundle.js';
import { readBundleMeta } from '../../../src/sources/bundle/meta.js';
import { addDeviceOutput } from '../../../src/sources/mac/add-output.js';
import { tempDir } from '../../helpers/temp-files.js';
import type { MacState } from '../../../src/sources/mac/state.js';

const SCENARIO = scenarioDir('clock-skew');

/** The clock-skew incident with its clock probes held back, as if nobody had run them yet. */
function bundleWithoutClockProbes(): string {
  const dir = join(tempDir(), 'bundle');
  cpSync(SCENARIO, dir, { recursive: true });
  for (const probe of ['sntp', 'date-utc']) rmSync(join(dir, 'device', 'probes', `${probe}.txt`));
  return dir;
}

describe('addDeviceOutput', () => {
  it('measures the clock from a first sntp reading and corrects every device event, like a bundle that had it', async () => {
    const dir = bundleWithoutClockProbes();
    const before = await analyzeBundle(dir);
    expect(before.clock.applied).toBe(false);
    const { ctx } = await readBundleMeta(join(dir, 'meta.json'));
    const text = readFileSync(join(SCENARIO, 'device', 'probes', 'sntp.txt'), 'utf8');
    const { analysis: after } = await addDeviceOutput(before, { kind: 'probe', name: 'sntp', rel: 'device/probes/sntp.txt', text }, ctx);

    const full = await analyzeBundle(SCENARIO);
    expect(after.clock).toEqual({ ...full.clock, note: full.clock.note });
    const times = (a: typeof after) => new Map(a.timeline.filter((e) => e.source === 'device').map((e) => [e.id, `${e.epochMs}.${e.micros ?? ''}`]));
    const expected = times(full);
    for (const [id, time] of times(after)) if (expected.has(id)) expect(time).toBe(expected.get(id));
    const probes = (a: typeof after) => (a.state['device'] as MacState).probes;
    expect(probes(after).sntp).toEqual(probes(full).sntp);
    expect(after.timeline.some((e) => e.id === 'device:probe:sntp')).toBe(true);
    expect(after.sources.find((s) => s.name === 'device')?.events).toBe(before.sources.find((s) => s.name === 'device')!.events + 1);

    // Running the same step again replaces its event instead of adding a second one.
    const { analysis: again } = await addDeviceOutput(after, { kind: 'probe', name: 'sntp', rel: 'device/probes/sntp.txt', text }, ctx);
    expect(again.timeline.map((e) => e.id)).toEqual(after.timeline.map((e) => e.id));
    expect(again.timeline.map((e) => e.epochMs)).toEqual(after.timeline.map((e) => e.epochMs));
  });

  it('corrects new log lines by the offset already applied', async () => {
    const full = await analyzeBundle(SCENARIO);
    expect(full.clock.applied).toBe(true);
    const { ctx } = await readBundleMeta(join(SCENARIO, 'meta.json'));
    const original = full.timeline.find((e) => e.raw.file === 'device/unified.ndjson')!;
    const line = readFileSync(join(SCENARIO, 'device', 'unified.ndjson'), 'utf8').split('\n')[original.raw.line! - 1]!;
    const { analysis: after } = await addDeviceOutput(full, { kind: 'log', rel: 'device/log-clock.ndjson', text: `${line}\n` }, ctx);
    const added = after.timeline.find((e) => e.raw.file === 'device/log-clock.ndjson')!;
    expect(added.epochMs).toBe(original.epochMs);
  });

  it('joins an output by merging it into the kept events: time order, device counts and the Mac facts as before', async () => {
    const full = await analyzeBundle(SCENARIO);
    const { ctx } = await readBundleMeta(join(SCENARIO, 'meta.json'));
    // A log read from another incident's Mac, reaching back into the timeline, and a probe run.
    const other = readFileSync(join(scenarioDir('okta-policy-regression'), 'device', 'unified.ndjson'), 'utf8');
    const { analysis: merged } = await addDeviceOutput(full, { kind: 'log', rel: 'device/log-other.ndjson', text: other }, ctx);
    const added = merged.timeline.filter((e) => e.raw.file === 'device/log-other.ndjson');
    expect(added.length).toBeGreaterThan(5);
    expect(added[0]!.epochMs).toBeLessThan(full.timeline.at(-1)!.epochMs);
    const inOrder = (a: typeof full) => expect(a.timeline.map((e) => e.id)).toEqual([...a.timeline].sort((x, y) => x.epochMs - y.epochMs || (x.micros ?? 0) - (y.micros ?? 0)).map((e) => e.id));
    inOrder(merged);
    expect(merged.timeline).toHaveLength(full.timeline.length + added.length);
    expect(merged.sources.find((s) => s.name === 'device')?.events).toBe(merged.timeline.filter((e) => e.source === 'device').length);

    const cert = readFileSync(new URL('../../fixtures/probes/okta-mtls-cert/valid.txt', import.meta.url), 'utf8');
    const { analysis: appended, added: probeAdded } = await addDeviceOutput(merged, { kind: 'probe', name: 'okta-mtls-cert', rel: 'device/probes/okta-mtls-cert.txt', text: cert }, ctx);
    inOrder(appended);
    expect(probeAdded.map((e) => e.id)).toEqual(['device:probe:okta-mtls-cert']);
    // The Mac's state keeps its probe outputs' events, so the next output need not search the timeline.
    expect(((appended.state['device'] as MacState).probeEvents ?? []).map((e) => e.id)).toEqual(appended.timeline.filter((e) => e.kind.startsWith('device.probe.')).map((e) => e.id));
    expect(appended.timeline.filter((e) => e.id !== 'device:probe:okta-mtls-cert').map((e) => e.id)).toEqual(merged.timeline.map((e) => e.id));
    expect(appended.sources.find((s) => s.name === 'device')?.events).toBe(appended.timeline.filter((e) => e.source === 'device').length);
    expect(appended.facts.get('endpoint.trust-cert.count')).toMatchObject({ state: 'known', value: 1 });
    expect(appended.facts.get('endpoint.clock.offset-seconds')).toEqual(full.facts.get('endpoint.clock.offset-seconds'));
  });
});
