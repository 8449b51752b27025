import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulators/index.js';
import { API_TOKEN, call, headerOf, json, links, startOkta, type Response } from './helpers.js';

interface LogEvent {
  uuid: string;
  published: string;
  eventType: string;
  actor: { alternateId: string };
}

const auth = { authorization: `SSWS ${API_TOKEN}` };
const DAY = 'since=2026-11-20T00:00:00.000Z&until=2026-11-21T00:00:00.000Z';

function get(okta: RunningEmulator, query: string): Promise<Response> {
  return call(`${okta.url}/api/v1/logs?${query}`, { headers: auth });
}

async function logs(okta: RunningEmulator, query: string): Promise<LogEvent[]> {
  const res = await get(okta, query);
  expect(res.status, res.text).toBe(200);
  return json<LogEvent[]>(res);
}

describe('Okta /api/v1/logs bounded queries', () => {
  it('pages through a bounded window in published order and ends without a next link', async () => {
    const okta = await startOkta();
    const seen: LogEvent[] = [];
    let url: string | undefined = `${okta.url}/api/v1/logs?${DAY}&limit=2`;
    let pages = 0;
    while (url !== undefined) {
      const res = await call(url, { headers: auth });
      expect(res.status).toBe(200);
      const rel = links(res);
      expect(rel.self).toBe(url);
      seen.push(...json<LogEvent[]>(res));
      url = rel.next;
      pages++;
      if (url !== undefined) expect(url).toMatch(new RegExp(`^${okta.url}/api/v1/logs\\?.*after=\\d+_\\d+`));
    }
    expect(pages).toBe(5);
    expect(seen).toHaveLength(9);
    expect(new Set(seen.map((e) => e.uuid)).size).toBe(9);
    const published = seen.map((e) => e.published);
    expect(published).toEqual([...published].sort());
    // Separate `link` header lines: self and next.
    const first = await get(okta, `${DAY}&limit=2`);
    expect(first.headers.link).toHaveLength(2);
  });

  it('returns the window newest first with sortOrder=DESCENDING, and nothing outside it', async () => {
    const okta = await startOkta();
    const all = await logs(okta, `${DAY}&sortOrder=DESCENDING`);
    expect(all.map((e) => e.published)).toEqual(all.map((e) => e.published).sort().reverse());
    const narrow = await logs(okta, 'since=2026-11-20T14:00:00Z&until=2026-11-20T14:03:00Z');
    expect(narrow.map((e) => e.published)).toEqual(['2026-11-20T14:01:47.530Z', '2026-11-20T14:02:05.301Z', '2026-11-20T14:02:05.344Z']);
    const last = await get(okta, 'since=2026-11-20T14:00:00Z&until=2026-11-20T14:03:00Z&limit=3');
    expect(links(last).next).toBeUndefined();
  });
});

describe('Okta /api/v1/logs polling queries', () => {
  it('orders by persistence time and always links to a next page, also on []', async () => {
    const okta = await startOkta();
    const first = await get(okta, 'since=2026-11-20T14:00:00.000Z&limit=100');
    const events = json<LogEvent[]>(first);
    // Late-persisted events from other users come after alice's later-published ones.
    expect(events.map((e) => e.actor.alternateId)).toEqual([
      'alice@example.com', '0oa7tlMacSsoExt26d8', 'alice@example.com', '0oa7tlMacSsoExt26d8', 'bob@example.com', 'carol@example.com',
    ]);
    const next = links(first).next;
    expect(next).toBeDefined();
    const empty = await call(next!, { headers: auth });
    expect(json(empty)).toEqual([]);
    expect(links(empty).next).toBe(next);
    const again = await call(links(empty).next!, { headers: auth });
    expect([again.status, again.text]).toEqual([200, '[]']);
  });

  it('starts a poll with nothing yet at since and keeps the cursor', async () => {
    const okta = await startOkta();
    const res = await get(okta, 'since=2026-11-20T14:20:00Z');
    expect(json(res)).toEqual([]);
    expect(links(res).next).toMatch(/after=\d+_0/);
  });
});

describe('Okta /api/v1/logs filter and q', () => {
  const cases: [string, number, (e: LogEvent) => boolean][] = [
    ['eventType eq "policy.evaluate_sign_on"', 2, (e) => e.eventType === 'policy.evaluate_sign_on'],
    ['actor.alternateId eq "alice@example.com"', 3, (e) => e.actor.alternateId === 'alice@example.com'],
    ['target.id eq "00u7tlAlice2026x7d8"', 3, (e) => e.eventType === 'app.oauth2.token.grant.access_token'],
    ['(actor.alternateId eq "bob@example.com" or actor.alternateId sw "carol") and outcome.result eq "SUCCESS"', 2, (e) => /bob|carol/.test(e.actor.alternateId)],
    ['eventType co "session" and not (actor.alternateId eq "bob@example.com")', 1, (e) => e.eventType === 'user.session.start'],
    ['severity eq "WARN"', 2, (e) => e.eventType === 'app.oauth2.token.grant.access_token'],
    ['actor.id eq "00u7tlAlice2026x7d8" AND outcome.result EQ "DENY"', 2, (e) => e.eventType === 'policy.evaluate_sign_on'],
  ];
  it.each(cases)('filter=%s', async (filter, count, check) => {
    const okta = await startOkta();
    const events = await logs(okta, `${DAY}&filter=${encodeURIComponent(filter)}`);
    expect(events).toHaveLength(count);
    expect(events.every(check)).toBe(true);
  });

  it('matches every q keyword, case-insensitively', async () => {
    const okta = await startOkta();
    expect((await logs(okta, `${DAY}&q=BOB`)).map((e) => e.actor.alternateId)).toEqual(['bob@example.com']);
    expect(await logs(okta, `${DAY}&q=${encodeURIComponent('alice invalid_grant')}`)).toHaveLength(2);
    const long = await get(okta, `${DAY}&q=${'x'.repeat(41)}`);
    expect([long.status, json(long).errorCode]).toEqual([400, 'E0000001']);
    expect(json(long).errorSummary).toContain('Freeform search cannot contain items longer than 40 characters');
  });

  it('rejects bad filters with E0000053 (unknown operator, published, unknown field) and co on debugData.url with E0000031', async () => {
    const okta = await startOkta();
    const bad = async (filter: string) => json(await get(okta, `${DAY}&filter=${encodeURIComponent(filter)}`));
    expect(await bad('display_message eqq "Create okta user"')).toMatchObject({
      errorCode: 'E0000053',
      errorSummary: `Invalid filter 'display_message eqq "Create okta user"': Unrecognized attribute operator 'eqq' at position 16. Expected: eq,co,sw,pr,gt,ge,lt,le`,
    });
    expect((await bad('published gt "2026-11-20T00:00:00Z"')).errorCode).toBe('E0000053');
    expect(await bad('some_invalid_field eq "x"')).toMatchObject({ errorCode: 'E0000053', errorSummary: 'field is not valid: some_invalid_field' });
    expect((await bad('(eventType eq "x"')).errorCode).toBe('E0000053');
    expect((await bad('debugContext.debugData.url co "/oauth2"')).errorCode).toBe('E0000031');
  });
});

describe('Okta /api/v1/logs validation', () => {
  it('answers E0000001 with errorCauses for bad dates and limits, E0000053 for since beyond 180 days', async () => {
    const okta = await startOkta();
    const badDate = await get(okta, 'since=2026-11-20T00:00:00Z&until=yesterday');
    expect(badDate.status).toBe(400);
    expect(json(badDate)).toMatchObject({
      errorCode: 'E0000001',
      errorSummary:
        "Api validation failed: 'until': The date format in your query is not recognized. Please enter dates using ISO8601 string format. 'until': must be a valid date-time or empty.",
    });
    expect(json<{ errorCauses: unknown[] }>(badDate).errorCauses).toHaveLength(1);
    for (const limit of ['1001', '-1', 'ten']) {
      const res = await get(okta, `${DAY}&limit=${limit}`);
      expect([res.status, json(res).errorCode]).toEqual([400, 'E0000001']);
    }
    expect(json(await get(okta, `${DAY}&limit=1000`))).toHaveLength(9);
    const old = await get(okta, 'since=2026-05-01T00:00:00Z&until=2026-11-20T00:00:00Z');
    expect(json(old)).toMatchObject({ errorCode: 'E0000053', errorSummary: 'Invalid parameter: The since parameter is over 180 days prior to the current day.' });
    expect((await get(okta, 'since=2026-06-01T00:00:00Z&until=2026-11-20T00:00:00Z')).status).toBe(200);
  });

  it('judges the 180 days against nowMs when given', async () => {
    const okta = await startOkta({ nowMs: () => Date.parse('2027-06-01T00:00:00Z') });
    expect(json(await get(okta, DAY)).errorCode).toBe('E0000053');
  });

  it('sends the Okta response headers on every /api/v1 response', async () => {
    const okta = await startOkta();
    for (const res of [await get(okta, DAY), await get(okta, 'until=nope')]) {
      expect(headerOf(res, 'content-type')).toBe('application/json');
      expect(headerOf(res, 'x-okta-request-id')).toMatch(/^[\w-]{20,}$/);
      expect(Number.isNaN(Date.parse(headerOf(res, 'date') ?? ''))).toBe(false);
      expect(headerOf(res, 'x-rate-limit-limit')).toBe('60');
      expect(Number(headerOf(res, 'x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    }
  });
});
