import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundleMeta } from '../../../src/sources/bundle/meta.js';
import { writeTree } from '../../helpers/temp-files.js';

async function meta(content: string) {
  const dir = writeTree({ 'meta.json': content });
  return readBundleMeta(join(dir, 'meta.json'));
}

describe('readBundleMeta', () => {
  it('reads every field into the parse context', async () => {
    const { ctx, notes } = await meta(
      '{"serial":" C02FX1TLQ6L4 ","hostname":"alice-mbp","user":"alice@example.com","collectedAt":"2026-11-20T14:30:00Z","deviceTimeZone":"America/Los_Angeles","extra":1}',
    );
    expect(notes).toEqual([]);
    expect(ctx).toEqual({
      serial: 'C02FX1TLQ6L4',
      hostname: 'alice-mbp',
      user: 'alice@example.com',
      collectedAtMs: Date.UTC(2026, 10, 20, 14, 30),
      deviceTimeZone: 'America/Los_Angeles',
    });
  });

  it('ignores a wrong field with a note and keeps the rest', async () => {
    const { ctx, notes } = await meta('{"serial":"C02","collectedAt":"20 Nov 2026","deviceTimeZone":"Mars/Olympus"}');
    expect(ctx.serial).toBe('C02');
    expect(ctx.collectedAtMs).toBeUndefined();
    expect(ctx.deviceTimeZone).toBeUndefined();
    expect(notes).toEqual([
      'meta.json: collectedAt "20 Nov 2026" is not an ISO 8601 UTC time; ignored',
      'meta.json: deviceTimeZone "Mars/Olympus" is not an IANA time zone; ignored',
    ]);
  });

  it('explains a meta.json that is not JSON or has the wrong types', async () => {
    expect((await meta('<html>oops</html>')).notes).toEqual(['meta.json: not JSON: looks like an HTML page (an error or login page?); ignored']);
    expect((await meta('{"serial": 42}')).notes[0]).toMatch(/^meta\.json: serial: .*; ignored$/);
  });
});
