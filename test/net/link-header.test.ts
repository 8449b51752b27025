import { describe, expect, it } from 'vitest';
import { nextLink } from '../../src/net/link-header.js';

const base = new URL('https://example.okta.com/api/v1/logs?limit=2');

describe('nextLink', () => {
  it('finds rel="next" among separate link header lines and keeps the URL verbatim', () => {
    const next = nextLink(
      {
        link: [
          '<https://example.okta.com/api/v1/logs?limit=2>; rel="self"',
          '<https://example.okta.com/api/v1/logs?limit=2&after=1627500044869_1&until=2017-09-17T15%3A41%3A12.994Z>; rel="next"',
        ],
      },
      base,
    );
    expect(next?.href).toBe('https://example.okta.com/api/v1/logs?limit=2&after=1627500044869_1&until=2017-09-17T15%3A41%3A12.994Z');
  });

  it('reads links folded into one comma-separated line', () => {
    const next = nextLink({ link: '<https://x.test/a?after=1>; rel="self", <https://x.test/a?after=2>; rel="next"' }, base);
    expect(next?.searchParams.get('after')).toBe('2');
  });

  it('has no next on the last page', () => {
    expect(nextLink({ link: '<https://x.test/a>; rel="self"' }, base)).toBeUndefined();
    expect(nextLink({}, base)).toBeUndefined();
  });

  it('resolves a relative target against the request URL', () => {
    expect(nextLink({ link: '</api/v1/logs?after=3>; rel="next"' }, base)?.href).toBe('https://example.okta.com/api/v1/logs?after=3');
  });
});
