import { describe, expect, it } from 'vitest';
import { parseTimeServer } from '../../../../src/sources/mac/probes/timeserver.js';
import { probeFixture } from './fixture.js';
import { reading } from './reading.js';

describe('parseTimeServer', () => {
  it('reads the configured server', () => {
    const r = reading(parseTimeServer(probeFixture('timeserver', 'apple')));
    expect(r.facts.timeServer).toEqual({ server: 'time.apple.com', adminRequired: false });
    expect(r.severity).toBe('info');
    expect(r.summary).toBe('Network time server: time.apple.com');
  });

  it('explains that systemsetup needs sudo', () => {
    const r = reading(parseTimeServer(probeFixture('timeserver', 'admin-required')));
    expect(r.facts.timeServer).toEqual({ server: undefined, adminRequired: true });
    expect(r.severity).toBe('warn');
    expect(r.summary).toContain('sudo');
  });

  it('warns when no server is configured', () => {
    const r = reading(parseTimeServer('Network Time Server: \n'));
    expect(r.facts.timeServer).toEqual({ server: undefined, adminRequired: false });
    expect(r.severity).toBe('warn');
  });

  it('fails on unrelated output', () => {
    expect(parseTimeServer('zsh: command not found: systemsetup\n')).toEqual({
      error: 'no network time server in output: zsh: command not found: systemsetup',
    });
  });
});
