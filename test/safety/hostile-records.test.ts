/** Hostile records (issue 17, item 5): an Okta event nested 5,000 levels deep. */
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/io/json-file.js';
import { MAX_JSON_DEPTH, nestedDeeperThan, storableItems } from '../../src/io/json-depth.js';
import { readOktaDevice } from '../../src/sources/okta/device-record.js';
import { OktaLogMerger } from '../../src/sources/okta/log-files.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { writeTree } from '../helpers/temp-files.js';

const deep = (levels: number): string => '{"a":'.repeat(levels) + '"x"' + '}'.repeat(levels);

function eventText(uuid: string, debugData: string): string {
  return `{"uuid":"${uuid}","published":"2026-11-20T14:02:05.000Z","eventType":"user.session.start","severity":"INFO",` +
    `"displayMessage":"User login to Okta","outcome":{"result":"SUCCESS"},"debugContext":{"debugData":${debugData}},` +
    `"actor":{"id":"00u1","type":"User","alternateId":"alice@example.com"},"target":[]}`;
}

const CTX = { serial: undefined, hostname: undefined, user: undefined, deviceTimeZone: undefined, collectedAtMs: undefined };

describe('deeply nested records (item 5)', () => {
  it('measures depth without recursion, at any depth', () => {
    expect(nestedDeeperThan(JSON.parse(deep(MAX_JSON_DEPTH - 1)) as JsonValue)).toBe(false);
    expect(nestedDeeperThan(JSON.parse(deep(MAX_JSON_DEPTH + 1)) as JsonValue)).toBe(true);
    expect(nestedDeeperThan(JSON.parse(deep(200_000)) as JsonValue)).toBe(true);
  });

  it('the merger (bundle files and live pages alike) skips the record as malformed and keeps the others', () => {
    const merger = new OktaLogMerger(CTX);
    const page = merger.page('okta/logs-0001.json');
    page.add(JSON.parse(eventText('deep', deep(5000))) as JsonValue, 0);
    page.add(JSON.parse(eventText('plain', '{"k":"v"}')) as JsonValue, 1);
    page.finish();
    expect(merger.events.map((e) => e.id)).toEqual(['okta:plain']);
    expect(page.report.messages()).toEqual([
      'okta/logs-0001.json: 1 malformed record skipped, first at okta/logs-0001.json#/0 (nested deeper than 64 levels)',
    ]);
    expect(readOktaDevice(JSON.parse(`{"id":"guo1","profile":${deep(5000)}}`) as JsonValue)).toEqual({ skip: 'nested deeper than 64 levels' });
  });

  it('a collected bundle keeps a marker in its place, so writing it cannot overflow either', () => {
    const items = storableItems([JSON.parse(eventText('deep', deep(5000))) as JsonValue, { uuid: 'plain' }]);
    expect(() => JSON.stringify(items)).not.toThrow();
    expect(items).toEqual([{ trustlineDropped: 'record nested deeper than 64 levels' }, { uuid: 'plain' }]);
  });

  it('analyze reads the rest of the bundle and exits 0', async () => {
    const dir = writeTree({ 'okta/logs-1.json': `[${eventText('deep', deep(5000))},${eventText('plain', '{}')}]` });
    for (const args of [['--json'], ['--md'], ['--json', '--report']]) {
      const r = await runCliAsync(['analyze', '--bundle', dir, ...args]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).toContain('nested deeper than 64 levels');
    }
  }, 60_000);
});
