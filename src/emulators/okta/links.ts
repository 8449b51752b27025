// Okta's pagination links: one `link` header line for self and one for next, absolute on the request's host.
import type { Exchange } from '../http-util.js';

/** The `link` header values: self (the request as sent) and, when given, next (the same query with `after`). */
export function pageLinks(ex: Exchange, nextAfter: string | undefined): string[] {
  const links = [`<${ex.base}${ex.url.pathname}${ex.url.search}>; rel="self"`];
  if (nextAfter !== undefined) {
    const query = new URLSearchParams(ex.url.searchParams);
    query.set('after', nextAfter);
    links.push(`<${ex.base}${ex.url.pathname}?${query.toString()}>; rel="next"`);
  }
  return links;
}

/** `limit` as an integer in [min, max], its default when absent, or undefined when it is not one. */
export function limitParam(ex: Exchange, min: number, max: number, fallback: number): number | undefined {
  const text = ex.url.searchParams.get('limit');
  if (text === null || text === '') return fallback;
  if (!/^\d+$/.test(text)) return undefined;
  const limit = Number(text);
  return limit >= min && limit <= max ? limit : undefined;
}
