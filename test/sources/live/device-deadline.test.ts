/**
 * The Mac's collection at the source deadline (issue 17, item 15): a plain sentence, never the raw
 * "The operation was aborted due to timeout", and what the Mac answered before the deadline is kept.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDir } from '../../../src/emulators/index.js';
import { runLive } from '../../../src/sources/live/run-live.js';
import { collectDevice } from '../../../src/sources/mac/ssh/collect.js';
import { openRecordedTransport } from '../../../src/sources/mac/ssh/recorded-transport.js';
import type { CommandResult, ProbeTransport } from '../../../src/sources/mac/ssh/transport.js';
import type { DeviceSourceRunner } from '../../../src/sources/mac/live.js';
import { probeOutputsOf } from '../../../src/sources/mac/recorded-outputs.js';

/** A Mac that answers its first `answered` commands from a recording, then never answers until aborted. */
function stallingMac(answered: number): ProbeTransport {
  const recorded = openRecordedTransport(join(scenarioDir('clock-skew'), 'device'));
  let n = 0;
  return {
    run(command, signal) {
      if (n++ < answered) return recorded.run(command, signal);
      return new Promise<CommandResult>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
    },
    close: () => recorded.close(),
  };
}

async function liveWithDevice(answered: number) {
  const untilMs = Date.parse('2026-11-20T15:00:00Z');
  return runLive({
    settings: { sources: {} },
    query: { serial: 'C02TEST', sinceMs: untilMs - 3_600_000, untilMs },
    identity: { hostname: undefined, user: undefined, deviceTimeZone: undefined },
    deadlineMs: 300,
    device: { run: (signal, collectedAt) => collectDevice(stallingMac(answered), { since: '1h', signal, onCollectedAt: collectedAt }) } satisfies DeviceSourceRunner,
  });
}

describe('the Mac at the source deadline', () => {
  it('keeps the outputs that came before it and is partial, with a plain line', async () => {
    const result = await liveWithDevice(3);
    const device = result.analysis.sources.find((s) => s.name === 'device')!;
    // The recording has no profiles-status (a note); date -u and sntp answered.
    expect(probeOutputsOf(result.documents).map((p) => p.name)).toEqual(['date-utc', 'sntp']);
    expect(device.status).toBe('partial');
    expect(device.error).toMatch(/^device: stopped at the source deadline: 14 of 17 commands not run or not finished \(okta-mtls-cert, keychain-info, app-sso-platform, …\)/);
    expect(JSON.stringify(result.analysis)).not.toMatch(/aborted due to timeout/);
  });

  it('with nothing answered, the source failed with the same plain line', async () => {
    const result = await liveWithDevice(0);
    const device = result.analysis.sources.find((s) => s.name === 'device')!;
    expect(device.status).toBe('error');
    expect(device.error).toMatch(/stopped at the source deadline: 17 of 17 commands/);
    expect(JSON.stringify(result.analysis)).not.toMatch(/aborted due to timeout/);
  });

  it('a cancel (the user quitting) still stops the whole collection', async () => {
    const controller = new AbortController();
    const collecting = collectDevice(stallingMac(1), { since: '1h', signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled')), 20);
    await expect(collecting).rejects.toThrow('cancelled');
  });
});
