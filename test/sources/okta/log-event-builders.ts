/** Builders for LogEvent objects in the normaliser tests. */
import type { JsonObject, JsonValue } from '../../../src/io/json-file.js';
import { EMPTY_CONTEXT } from '../../../src/model/context.js';
import type { TimelineEvent } from '../../../src/model/event.js';
import { isSkippedRecord, normalizeOktaEvent } from '../../../src/sources/okta/log-event.js';

export const RAW = { file: 'okta/page.json', pointer: '/0' };

export const ALICE: JsonObject = {
  id: '00u7tlAlice2026x7d8',
  type: 'User',
  alternateId: 'alice@example.com',
  displayName: 'Alice Example',
  detailEntry: null,
};

/** A minimal valid LogEvent; `extra` overrides or adds top-level fields. */
export function logEvent(extra: JsonObject = {}): JsonObject {
  return {
    uuid: 'aa11bb22-c6f2-11f0-9a11-5d2f6a7b8c00',
    published: '2026-11-20T14:02:11.804Z',
    eventType: 'user.session.start',
    displayMessage: 'User login to Okta',
    severity: 'INFO',
    version: '0',
    actor: ALICE,
    outcome: { result: 'SUCCESS', reason: null },
    ...extra,
  };
}

export function normalize(value: JsonValue): TimelineEvent {
  const result = normalizeOktaEvent(value, RAW, EMPTY_CONTEXT);
  if (isSkippedRecord(result)) throw new Error(`unexpected skip: ${result.skip}`);
  return result;
}

export function skipReason(value: JsonValue): string {
  const result = normalizeOktaEvent(value, RAW, EMPTY_CONTEXT);
  if (!isSkippedRecord(result)) throw new Error(`expected a skip, got ${result.id}`);
  return result.skip;
}
