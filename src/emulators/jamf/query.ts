// Query parameters the Jamf Pro API list endpoints share: RSQL `filter`, zero-based `page`, `page-size`.
import type { Exchange, Reply } from '../http-util.js';
import { apiError } from './errors.js';
import { parseRsql, RsqlError, selectors, type RsqlNode } from './rsql.js';

/** The parsed `filter` (undefined when absent or empty), or a 400 for bad syntax or a field the endpoint does not filter on. */
export function filterParam(ex: Exchange, allowed: ReadonlySet<string>): { filter: RsqlNode | undefined } | { reply: Reply } {
  const text = ex.url.searchParams.get('filter');
  if (text === null || text.trim() === '') return { filter: undefined };
  let filter: RsqlNode;
  try {
    filter = parseRsql(text);
  } catch (error) {
    if (error instanceof RsqlError) return { reply: apiError(400, 'INVALID_FILTER', `Invalid RSQL filter: ${error.message}`, 'filter') };
    throw error;
  }
  const unknown = selectors(filter).find((s) => !allowed.has(s));
  if (unknown !== undefined) return { reply: apiError(400, 'INVALID_FIELD', `Filtering on field ${unknown} is not supported`, 'filter') };
  return { filter };
}

/** One page of a list as `{totalCount, results}`, or a 400 for a bad `page` / `page-size`. */
export function pageOf<T>(ex: Exchange, items: readonly T[]): { totalCount: number; results: T[] } | Reply {
  const read = (name: string, fallback: number, min: number): number | undefined => {
    const text = ex.url.searchParams.get(name);
    if (text === null || text === '') return fallback;
    return /^\d+$/.test(text) && Number(text) >= min ? Number(text) : undefined;
  };
  const page = read('page', 0, 0);
  const size = read('page-size', 100, 1);
  if (page === undefined) return apiError(400, 'INVALID_FIELD', 'page must be a whole number from 0', 'page');
  if (size === undefined) return apiError(400, 'INVALID_FIELD', 'page-size must be a whole number from 1', 'page-size');
  return { totalCount: items.length, results: items.slice(page * size, page * size + size) };
}

/** `sort` as [field, direction] pairs (`a:asc,b:desc`), or undefined when malformed. */
export function sortParam(ex: Exchange, fallback: string): [string, 'asc' | 'desc'][] | undefined {
  const text = ex.url.searchParams.getAll('sort').join(',') || fallback;
  const pairs: [string, 'asc' | 'desc'][] = [];
  for (const part of text.split(',')) {
    const match = /^([A-Za-z0-9_.]+)(?::(asc|desc))?$/i.exec(part.trim());
    if (!match) return undefined;
    pairs.push([match[1]!, (match[2]?.toLowerCase() ?? 'asc') as 'asc' | 'desc']);
  }
  return pairs;
}

/** Sorts records by `sort` pairs, comparing the fields' values as text (RFC 3339 dates sort as text). */
export function sortRecords<T>(items: T[], sort: readonly [string, 'asc' | 'desc'][], valueOf: (item: T, field: string) => unknown): T[] {
  const text = (item: T, field: string): string => String(valueOf(item, field) ?? '');
  return items.sort((a, b) =>
    sort.reduce((acc, [field, dir]) => {
      const x = text(a, field);
      const y = text(b, field);
      return acc || (dir === 'asc' ? 1 : -1) * (x < y ? -1 : x > y ? 1 : 0);
    }, 0),
  );
}
