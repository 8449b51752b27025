import { describe, expect, it } from 'vitest';
import { parseSntp } from '../../../../src/sources/mac/probes/sntp.js';
import { probeFixture } from './fixture.js';
import { reading } from './reading.js';

describe('parseSntp', () => {
  it('reads the macOS short form after the version banner', () => {
    const r = reading(parseSntp(probeFixture('sntp', 'short')));
    expect(r.facts.sntp).toEqual({ offsetSeconds: 0.007475, errorSeconds: 0.021068, server: 'time.apple.com' });
    expect(r.fields).toMatchObject({ serverAddress: '17.253.6.253', deviceOffsetMs: -7 });
    expect(r.severity).toBe('info');
    expect(r.summary).toBe('Mac clock 0.007 s behind time.apple.com (sntp +0.007475 +/- 0.021068 s)');
    expect(r.deviceStamp).toBeUndefined();
  });

  it('reads the upstream long form, skipping the KoD db noise, with its timestamp', () => {
    const r = reading(parseSntp(probeFixture('sntp', 'long')));
    expect(r.facts.sntp).toEqual({ offsetSeconds: 0.006611, errorSeconds: 0.041061, server: 'time.apple.com' });
    expect(r.fields).toMatchObject({ serverAddress: '17.253.6.253', stratum: 1 });
    expect(r.deviceStamp).toEqual({
      epochMs: Date.UTC(2026, 10, 20, 14, 31, 33, 642),
      micros: 222,
      text: '2026-11-20 14:31:33.642222 (+0000)',
    });
  });

  it('reports a Mac 94.2 s ahead as an error with a positive device offset', () => {
    const r = reading(parseSntp(probeFixture('sntp', 'ahead-94s')));
    expect(r.facts.sntp?.offsetSeconds).toBe(-94.218342);
    expect(r.fields.deviceOffsetMs).toBe(94218);
    expect(r.severity).toBe('error');
    expect(r.summary).toContain('94.218 s ahead of time.apple.com');
  });

  it('takes the last result line when several servers answered', () => {
    const r = reading(parseSntp(probeFixture('sntp', 'two-servers')));
    expect(r.facts.sntp).toEqual({ offsetSeconds: -94.218342, errorSeconds: 0.05, server: 'time.apple.com' });
    // The long form's stamp is the Mac's local clock with its offset: 15:33:08 +0100.
    expect(r.deviceStamp?.epochMs).toBe(Date.UTC(2026, 10, 20, 14, 33, 8, 402));
  });

  it.each([
    ['+4.5 +/- 0.02 time.apple.com 17.253.6.253', 'info'],
    ['-5.000000 +/- 0.02 time.apple.com 17.253.6.253', 'warn'],
    ['+59.999999 +/- 0.02 time.apple.com 17.253.6.253', 'warn'],
    ['+60.000000 +/- 0.02 time.apple.com 17.253.6.253', 'error'],
  ])('grades %s as %s', (line, severity) => {
    expect(reading(parseSntp(line)).severity).toBe(severity);
  });

  it('accepts a result naming only an address', () => {
    const r = reading(parseSntp('-0.016695 +/- 0.007931 17.253.6.253\n'));
    expect(r.facts.sntp?.server).toBe('17.253.6.253');
    expect(r.fields.serverAddress).toBeNull();
  });

  it('turns "no servers can be used" into an error quoting the line', () => {
    expect(parseSntp(probeFixture('sntp', 'no-servers'))).toEqual({
      error: 'no sntp result: sntp: no servers can be used, exiting',
    });
  });

  it('reports empty output and sudo refusals as errors', () => {
    expect(parseSntp('')).toEqual({ error: 'no sntp result: empty output' });
    expect(parseSntp('Password:\nsudo: a password is required\n')).toEqual({
      error: 'no sntp result: sudo: a password is required',
    });
  });
});
