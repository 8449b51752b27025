import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/model/event.js';
import { measureClockOffset } from '../../src/sources/mac/clock.js';
import { applyClockOffset, applyMeasuredOffset } from '../../src/time/clock-offset.js';

const COLLECTED_AT_MS = Date.UTC(2026, 10, 20, 14, 31, 34);

function event(epochMs: number, deviceClock: boolean | undefined, micros?: number): TimelineEvent {
  const e: TimelineEvent = {
    id: `e${epochMs}`,
    epochMs,
    originalTime: 'x',
    generic: 'endpoint.log',
    source: 'device',
    kind: 'device.log',
    severity: 'info',
    summary: '',
    keys: {},
    raw: { file: 'device/system.ndjson' },
    fields: {},
  };
  if (deviceClock !== undefined) e.deviceClock = deviceClock;
  if (micros !== undefined) e.micros = micros;
  return e;
}

describe('measureClockOffset', () => {
  it('negates the sntp correction: sntp -94.2 s means the Mac is 94200 ms ahead', () => {
    const clock = measureClockOffset({ sntp: { offsetSeconds: -94.2, errorSeconds: 0.05, server: 'time.apple.com' } }, COLLECTED_AT_MS);
    expect(clock).toEqual({ deviceOffsetMs: 94200, basis: 'sntp', applied: true });
  });

  it('rounds sntp microseconds for the report and keeps them for the correction', () => {
    const clock = measureClockOffset({ sntp: { offsetSeconds: -94.218342, errorSeconds: 0.05, server: undefined } }, undefined);
    expect(clock).toEqual({ deviceOffsetMs: 94218, basis: 'sntp', applied: true, exactOffsetMs: 94218.342 });
  });

  it('gives a Mac behind true time a negative offset, and never -0', () => {
    expect(measureClockOffset({ sntp: { offsetSeconds: 0.007475, errorSeconds: 0.02, server: undefined } }, undefined)).toMatchObject({
      deviceOffsetMs: -7,
      exactOffsetMs: -7.475,
    });
    const zero = measureClockOffset({ sntp: { offsetSeconds: 0, errorSeconds: 0.02, server: undefined } }, undefined);
    expect(Object.is(zero.deviceOffsetMs, 0)).toBe(true);
    expect(zero.applied).toBe(true);
  });

  it('prefers sntp over date', () => {
    const clock = measureClockOffset(
      { sntp: { offsetSeconds: -1.5, errorSeconds: 0.05, server: undefined }, dateUtcMs: COLLECTED_AT_MS + 120_000 },
      COLLECTED_AT_MS,
    );
    expect(clock).toMatchObject({ deviceOffsetMs: 1500, basis: 'sntp', applied: true });
  });

  it('measures date -u against the collection time: 2 minutes ahead is +120000, applied', () => {
    const clock = measureClockOffset({ dateUtcMs: COLLECTED_AT_MS + 120_000 }, COLLECTED_AT_MS);
    expect(clock).toMatchObject({ deviceOffsetMs: 120_000, basis: 'date', applied: true });
    expect(measureClockOffset({ dateUtcMs: COLLECTED_AT_MS - 90_000 }, COLLECTED_AT_MS)).toMatchObject({ deviceOffsetMs: -90_000, applied: true });
  });

  it('reports but does not apply a date offset within ±2 s', () => {
    const clock = measureClockOffset({ dateUtcMs: COLLECTED_AT_MS + 1000 }, COLLECTED_AT_MS);
    expect(clock.deviceOffsetMs).toBe(1000);
    expect(clock.basis).toBe('date');
    expect(clock.applied).toBe(false);
    expect(clock.note).toContain('one-second resolution');
    expect(measureClockOffset({ dateUtcMs: COLLECTED_AT_MS - 2000 }, COLLECTED_AT_MS).applied).toBe(false);
    expect(measureClockOffset({ dateUtcMs: COLLECTED_AT_MS + 3000 }, COLLECTED_AT_MS).applied).toBe(true);
  });

  it('has no basis without probes, or with date but no collection time', () => {
    expect(measureClockOffset({}, COLLECTED_AT_MS)).toEqual({ deviceOffsetMs: null, basis: null, applied: false });
    expect(measureClockOffset({ dateUtcMs: COLLECTED_AT_MS }, undefined)).toMatchObject({ deviceOffsetMs: null, basis: null, applied: false });
  });
});

describe('applyClockOffset', () => {
  it('moves only device-clock events back by the offset', () => {
    const events = [event(1_000_000, true), event(1_000_000, false), event(1_000_000, undefined)];
    applyClockOffset(events, 94_200);
    expect(events.map((e) => e.epochMs)).toEqual([905_800, 1_000_000, 1_000_000]);
  });

  it('moves sub-millisecond offset digits into micros, borrowing across milliseconds', () => {
    const events = [event(1_000_000, true, 100), event(1_000_000, true, 900), event(1_000_000, true)];
    applyClockOffset(events, 94_218.342);
    expect(events.map((e) => [e.epochMs, e.micros])).toEqual([
      [905_781, 758],
      [905_782, 558],
      [905_782, undefined],
    ]);
  });

  it('moves a Mac that runs behind forward', () => {
    const events = [event(1_000_000, true, 0)];
    applyClockOffset(events, -7.475);
    expect([events[0]!.epochMs, events[0]!.micros]).toEqual([1_000_007, 475]);
  });

  it('keeps the order of device events with micros', () => {
    const events = [event(1_000_000, true, 999), event(1_000_001, true, 0)];
    applyClockOffset(events, 0.5);
    const [a, b] = events;
    expect(a!.epochMs * 1000 + a!.micros!).toBeLessThan(b!.epochMs * 1000 + b!.micros!);
  });
});

describe('applyMeasuredOffset', () => {
  it('applies an applied measurement with its exact offset', () => {
    const events = [event(1_000_000, true, 0)];
    const clock = measureClockOffset({ sntp: { offsetSeconds: -94.218342, errorSeconds: 0.05, server: undefined } }, undefined);
    expect(applyMeasuredOffset(events, clock)).toBe(true);
    expect([events[0]!.epochMs, events[0]!.micros]).toEqual([905_781, 658]);
  });

  it('leaves events alone when the measurement is not applied', () => {
    const events = [event(1_000_000, true)];
    const clock = measureClockOffset({ dateUtcMs: COLLECTED_AT_MS + 1000 }, COLLECTED_AT_MS);
    expect(applyMeasuredOffset(events, clock)).toBe(false);
    expect(events[0]!.epochMs).toBe(1_000_000);
  });
});
