import { describe, expect, it } from 'vitest';
import { pointer, readClassicEpoch, readClassicInstant, readZonedTime, type Skip } from '../../../src/sources/jamf/fields.js';
import { expiryPhrase, expirySeverity } from '../../../src/sources/jamf/event.js';
import { summarizeHtmlPage, xmlRootOf } from '../../../src/text/html-page.js';

const DAY = 86_400_000;

describe('pointer', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    expect(pointer('', 'results', 0, 'general')).toBe('/results/0/general');
    expect(pointer('/a', 'x/y~z')).toBe('/a/x~1y~0z');
  });
});

describe('readZonedTime', () => {
  it('separates absent, never, malformed and real instants', () => {
    const skips: Skip[] = [];
    const obj = { a: null, b: '', c: '1970-01-01T00:00:00Z', d: '2026-11-20T14:30:00Z', e: '2026-11-20T14:30:00', f: true };
    expect(readZonedTime(obj, 'a', '/a', skips).state).toBe('absent');
    expect(readZonedTime(obj, 'b', '/b', skips).state).toBe('absent');
    expect(readZonedTime(obj, 'missing', '/m', skips).state).toBe('absent');
    expect(readZonedTime(obj, 'c', '/c', skips)).toEqual({ state: 'never', at: '/c', text: '1970-01-01T00:00:00Z' });
    expect(readZonedTime(obj, 'd', '/d', skips)).toEqual({ state: 'ok', at: '/d', text: '2026-11-20T14:30:00Z', instant: { epochMs: 1_795_185_000_000 } });
    // A zone-less time is not an RFC 3339 instant.
    expect(readZonedTime(obj, 'e', '/e', skips).state).toBe('malformed');
    expect(readZonedTime(obj, 'f', '/f', skips).state).toBe('malformed');
    expect(skips).toEqual([
      { at: '/e', reason: 'unreadable date "2026-11-20T14:30:00"' },
      { at: '/f', reason: 'unreadable date true' },
    ]);
  });
});

describe('Classic epochs', () => {
  it('reads integer milliseconds, digit strings, zero as never, and rejects the rest', () => {
    expect(readClassicEpoch({ x_epoch: 1_795_185_000_000 }, 'x')).toEqual({ state: 'ok', epochMs: 1_795_185_000_000 });
    expect(readClassicEpoch({ x_epoch: '1795185000000' }, 'x')).toEqual({ state: 'ok', epochMs: 1_795_185_000_000 });
    expect(readClassicEpoch({ x_epoch: 0 }, 'x')).toEqual({ state: 'never' });
    expect(readClassicEpoch({}, 'x')).toEqual({ state: 'absent' });
    expect(readClassicEpoch({ x_epoch: 1.5 }, 'x').state).toBe('malformed');
    expect(readClassicEpoch({ x_epoch: -1 }, 'x').state).toBe('malformed');
  });

  it('tries stems in order and takes the _utc text as the original', () => {
    const entry = { failed_epoch: 0, issued_epoch: 1_795_162_500_000, issued_utc: '2026-11-20T00:15:00.000-0800' };
    expect(readClassicInstant(entry, ['failed', 'issued'])).toEqual({
      state: 'ok',
      stem: 'issued',
      epochMs: 1_795_162_500_000,
      originalTime: '2026-11-20T00:15:00.000-0800',
    });
    expect(readClassicInstant({ a_epoch: 'x', b_epoch: 5 }, ['a', 'b'])).toEqual({ state: 'malformed', stem: 'a', value: 'x' });
    expect(readClassicInstant({}, ['a'])).toEqual({ state: 'none' });
  });
});

describe('expiry judgement', () => {
  const now = 1_795_185_000_000;
  it('is an error once expired, a warning within 30 days, info beyond', () => {
    expect(expirySeverity(now, now)).toBe('error');
    expect(expirySeverity(now + 30 * DAY, now)).toBe('warn');
    expect(expirySeverity(now + 30 * DAY + 1, now)).toBe('info');
    expect(expirySeverity(now - DAY, undefined)).toBe('info');
    expect(expiryPhrase(now + 2 * DAY + 5, now)).toBe('expires in 2 days');
    expect(expiryPhrase(now + 3_600_000, now)).toBe('expires within a day');
    expect(expiryPhrase(now - 1, now)).toBe('expired');
  });
});

describe('markup sniffing', () => {
  it('summarises a Restlet status page and a timeout page', () => {
    const restlet = '<html><head><title>Status page</title></head><body><p style="x">Not Found</p><p>The server has not found anything matching the request URI</p><p>more</p></body></html>';
    expect(summarizeHtmlPage(restlet)).toBe('Not Found: The server has not found anything matching the request URI');
    expect(summarizeHtmlPage('<html><head><title>Jamf Cloud - Timeout</title><style>p{}</style></head><body></body></html>')).toBe('Jamf Cloud - Timeout');
    expect(summarizeHtmlPage('<html><body>\u001b[31m</body></html>')).toBeUndefined();
  });

  it('names the root of an XML document', () => {
    expect(xmlRootOf('\uFEFF<?xml version="1.0"?>\n<!-- c --><computer_history><a/></computer_history>')).toBe('computer_history');
    expect(xmlRootOf('<html></html>')).toBeUndefined();
  });
});
