// GET /api/v1/logs: bounded and polling queries over the scenario's System Log events.
import { jsonReply, type Exchange, type Reply } from '../http-util.js';
import { isObject, parseIsoDateTime, valuesAt, type JsonObject } from '../json.js';
import type { OktaLogRecord } from '../scenario.js';
import { invalidFilter, validationFailed } from './errors.js';
import { evaluateScim, type ScimNode } from './filter.js';
import { limitParam, pageLinks } from './links.js';
import { scimParam, unsupportedOperator } from './scim-param.js';
import { partitionPoint } from '../../timeline/partition-point.js';

const DAY_MS = 86_400_000;
const RETENTION_MS = 90 * DAY_MS;
const MAX_SINCE_AGE_MS = 180 * DAY_MS;
const DEFAULT_WINDOW_MS = 7 * DAY_MS;

/** Top-level LogEvent properties; a filter on anything else is "not valid". */
const LOG_EVENT_FIELDS = new Set([
  'actor', 'authenticationContext', 'client', 'debugContext', 'device', 'displayMessage', 'eventType', 'legacyEventType',
  'outcome', 'published', 'request', 'securityContext', 'severity', 'target', 'transaction', 'uuid', 'version',
]);
const NO_CONTAINS = new Set(['debugContext.debugData.url', 'debugContext.debugData.requestUri']);

/** A position in an ordering: the instant the query orders by, then the persistence sequence. */
interface Cursor {
  ms: number;
  seq: number;
}

interface LogQuery {
  polling: boolean;
  descending: boolean;
  sinceMs: number;
  untilMs: number;
  limit: number;
  cursor: Cursor | undefined;
  keywords: string[];
  filter: ScimNode | undefined;
}

const DATE_MESSAGE = 'The date format in your query is not recognized. Please enter dates using ISO8601 string format.';

function dateParam(ex: Exchange, name: 'since' | 'until'): number | null | undefined {
  const text = ex.url.searchParams.get(name);
  if (text === null || text === '') return null;
  return parseIsoDateTime(text);
}

function checkFilter(text: string): ScimNode | Reply {
  return scimParam(text, 'filter', (c) => {
    const root = c.path.split('.')[0]!;
    if (root === 'published') return invalidFilter(`Invalid filter '${text}': 'published' cannot be used in a filter; use the since and until parameters.`);
    if (!LOG_EVENT_FIELDS.has(root)) return invalidFilter(`field is not valid: ${c.path}`);
    return c.op === 'co' && NO_CONTAINS.has(c.path) ? unsupportedOperator(c) : undefined;
  });
}

function checkKeywords(text: string | null): string[] | Reply {
  const keywords = (text ?? '').split(/\s+/).filter((k) => k !== '');
  const long = keywords.filter((k) => k.length > 40);
  if (long.length > 0) {
    return validationFailed([{ field: 'q', message: `Freeform search cannot contain items longer than 40 characters. Please shorten the following items: ${long.join(', ')}` }]);
  }
  if (keywords.length > 10) return validationFailed([{ field: 'q', message: 'Freeform search cannot contain more than 10 items.' }]);
  return keywords.map((k) => k.toLowerCase());
}

function parseQuery(ex: Exchange, nowMs: number): LogQuery | Reply {
  const params = ex.url.searchParams;
  const since = dateParam(ex, 'since');
  const until = dateParam(ex, 'until');
  const problems: { field: string; message: string }[] = [];
  for (const [name, value] of [['since', since], ['until', until]] as const) {
    if (value === undefined) problems.push({ field: name, message: `${DATE_MESSAGE} '${name}': must be a valid date-time or empty.` });
  }
  const limit = limitParam(ex, 0, 1000, 100);
  if (limit === undefined) problems.push({ field: 'limit', message: 'must be an integer between 0 and 1000.' });
  const sortOrder = params.get('sortOrder') ?? 'ASCENDING';
  if (sortOrder !== 'ASCENDING' && sortOrder !== 'DESCENDING') problems.push({ field: 'sortOrder', message: 'must be ASCENDING or DESCENDING.' });
  const after = params.get('after');
  const cursorMatch = after === null ? null : /^(\d+)_(\d+)$/.exec(after);
  if (after !== null && !cursorMatch) problems.push({ field: 'after', message: 'is not a cursor this server issued.' });
  if (problems.length > 0 || since === undefined || until === undefined || limit === undefined) return validationFailed(problems);

  if (since !== null && since < nowMs - MAX_SINCE_AGE_MS) {
    return invalidFilter('Invalid parameter: The since parameter is over 180 days prior to the current day.');
  }
  const keywords = checkKeywords(params.get('q'));
  if (!Array.isArray(keywords)) return keywords;
  const filterText = params.get('filter');
  const filter = filterText === null || filterText === '' ? undefined : checkFilter(filterText);
  if (filter !== undefined && 'status' in filter) return filter;

  const polling = until === null && sortOrder === 'ASCENDING';
  const untilMs = until ?? nowMs;
  return {
    polling,
    descending: sortOrder === 'DESCENDING',
    sinceMs: since ?? untilMs - DEFAULT_WINDOW_MS,
    untilMs,
    limit,
    cursor: cursorMatch ? { ms: Number(cursorMatch[1]), seq: Number(cursorMatch[2]) } : undefined,
    keywords,
    filter,
  };
}

function compare(a: Cursor, b: Cursor): number {
  return a.ms !== b.ms ? a.ms - b.ms : a.seq - b.seq;
}

function matchesContent(record: OktaLogRecord, query: LogQuery): boolean {
  if (query.filter && !evaluateScim(query.filter, (path) => valuesAt(record.event, path.split('.')))) return false;
  if (query.keywords.length === 0) return true;
  const text = JSON.stringify(record.event).toLowerCase();
  return query.keywords.every((k) => text.includes(k));
}

/** Both orderings of one event list, built once: a query walks from its start instead of scanning everything. */
interface LogIndex {
  published: readonly OktaLogRecord[];
  persisted: readonly OktaLogRecord[];
}

const indexes = new WeakMap<readonly OktaLogRecord[], LogIndex>();

function indexOf(events: readonly OktaLogRecord[]): LogIndex {
  let index = indexes.get(events);
  if (!index) {
    const by = (key: 'publishedMs' | 'persistedMs') => [...events].sort((a, b) => a[key] - b[key] || a.seq - b.seq);
    index = { published: by('publishedMs'), persisted: by('persistedMs') };
    indexes.set(events, index);
  }
  return index;
}

/** The first index whose record satisfies `after` (which must be false, then true, along the list). */
function firstWhere(list: readonly OktaLogRecord[], after: (r: OktaLogRecord) => boolean): number {
  return partitionPoint(0, list.length, (i) => !after(list[i]!));
}

/** Paging misbehaviour and sizes a test asks for (none by default). */
export interface LogPaging {
  /** Every next link is the page's own URL again (a server stuck on one cursor). */
  repeatNext?: boolean;
  /** Each event gets `debugContext.debugData.padding` of this many characters (large events). */
  padBytes?: number;
}

function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}

function padded(event: JsonObject, bytes: number): JsonObject {
  if (bytes <= 0) return event;
  const debugContext = asObject(event['debugContext']);
  return { ...event, debugContext: { ...debugContext, debugData: { ...asObject(debugContext['debugData']), padding: 'x'.repeat(bytes) } } };
}

/** Answers one /api/v1/logs request; `nowMs` is the emulated org's "now". */
export function listLogs(ex: Exchange, events: readonly OktaLogRecord[], nowMs: number, paging: LogPaging = {}): Reply {
  const query = parseQuery(ex, nowMs);
  if ('status' in query) return query;
  // Polling queries follow persistence order; bounded ones follow `published`.
  const position = (r: OktaLogRecord): Cursor => ({ ms: query.polling ? r.persistedMs : r.publishedMs, seq: r.seq });
  const list = query.polling ? indexOf(events).persisted : indexOf(events).published;
  const start = query.cursor ?? (query.polling ? { ms: query.sinceMs, seq: 0 } : undefined);
  const inWindow = (r: OktaLogRecord): boolean =>
    r.publishedMs >= nowMs - RETENTION_MS &&
    (query.polling ? r.persistedMs >= query.sinceMs : r.publishedMs >= query.sinceMs && r.publishedMs < query.untilMs);
  // The walk: ascending from the first record past the start, or descending from the last one before it.
  const selected: OktaLogRecord[] = [];
  const want = query.limit + 1;
  if (!query.descending) {
    const from = Math.max(
      start === undefined ? 0 : firstWhere(list, (r) => compare(position(r), start) > 0),
      query.polling ? firstWhere(list, (r) => r.persistedMs >= query.sinceMs) : firstWhere(list, (r) => r.publishedMs >= query.sinceMs),
    );
    for (let i = from; i < list.length && selected.length < want; i++) {
      const r = list[i]!;
      if (!query.polling && r.publishedMs >= query.untilMs) break;
      if (inWindow(r) && matchesContent(r, query)) selected.push(r);
    }
  } else {
    const to = Math.min(
      start === undefined ? list.length : firstWhere(list, (r) => compare(position(r), start) >= 0),
      firstWhere(list, (r) => r.publishedMs >= query.untilMs),
    );
    for (let i = to - 1; i >= 0 && selected.length < want; i--) {
      const r = list[i]!;
      if (r.publishedMs < query.sinceMs) break;
      if (inWindow(r) && matchesContent(r, query)) selected.push(r);
    }
  }
  const page = selected.slice(0, query.limit);
  const last = page.at(-1);
  const lastPosition = last ? position(last) : start;
  let next: string | undefined;
  if (query.polling) {
    // Polling never ends: with nothing new the next link keeps the same position.
    next = `${lastPosition!.ms}_${lastPosition!.seq}`;
  } else if (last && selected.length > page.length) {
    next = `${lastPosition!.ms}_${lastPosition!.seq}`;
  }
  const body = page.map((r) => padded(r.event, paging.padBytes ?? 0));
  const link =
    paging.repeatNext && next !== undefined ? [...pageLinks(ex, undefined), `<${ex.base}${ex.url.pathname}${ex.url.search}>; rel="next"`] : pageLinks(ex, next);
  return jsonReply(200, body, { link });
}
