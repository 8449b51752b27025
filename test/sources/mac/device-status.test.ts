/** The device source's status when some of its files fail (issue 17, item 19). */
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../../src/sources/bundle/analyze-bundle.js';
import { writeTree } from '../../helpers/temp-files.js';

const SW_VERS = 'ProductName:\t\tmacOS\nProductVersion:\t\t14.4.1\nBuildVersion:\t\t23E224\n';

describe('device source status', () => {
  it('is partial, not error, when one file is unreadable and the others were read (even without events)', async () => {
    // No meta.json: no collection time, so the probe yields facts but no timeline event.
    const dir = writeTree({ 'device/broken.log': '\u0000\u0001 not a log\n', 'device/probes/sw-vers.txt': SW_VERS });
    const analysis = await analyzeBundle(dir);
    const device = analysis.sources.find((s) => s.name === 'device')!;
    expect(device.events).toBe(0);
    expect(device.status).toBe('partial');
    expect(device.error).toContain('device/broken.log: no known log style');
  });

  it('is error when every file failed', async () => {
    const dir = writeTree({ 'device/broken.log': '\u0000\u0001 not a log\n', 'device/other.log': 'nothing here either\n' });
    const device = (await analyzeBundle(dir)).sources.find((s) => s.name === 'device')!;
    expect(device.status).toBe('error');
    expect(device.error).toBe('device/broken.log: no known log style (expected log show ndjson, json, default, compact or syslog style, or BSD syslog) (and 1 more file)');
  });
});
