import { isJsonObject, type JsonValue } from '../../io/json-file.js';
import { identifierAt, objectAt, stringAt } from './json-get.js';
import { oktaEventId } from './log-event.js';
import { oktaEventKeys } from './log-event-keys.js';
import { readEventParts, targetOfType } from './log-event-parts.js';
import type { ChangeObservation, FailureObservation } from '../../sweep/types.js';
import { sanitizeLine } from '../../text/sanitize.js';
import { parseZonedTimestamp } from '../../time/timestamp.js';

const MAX_TEXT = 200;

const text = (value: string | undefined): string | null => (value === undefined ? null : sanitizeLine(value, MAX_TEXT));

/** uuid and published of a LogEvent, or undefined when it has neither (counted as skipped). */
function identity(value: JsonValue): { id: string; timeMs: number } | undefined {
  if (!isJsonObject(value)) return undefined;
  const uuid = stringAt(value, 'uuid');
  const published = parseZonedTimestamp(stringAt(value, 'published') ?? '');
  if (uuid === undefined || uuid.length > 100 || !published) return undefined;
  return { id: oktaEventId(sanitizeLine(uuid, 100)), timeMs: published.epochMs };
}

/** A failure or denial LogEvent as the sweep groups it; undefined when it is not a readable event. */
export function oktaFailure(value: JsonValue): FailureObservation | undefined {
  const who = identity(value);
  if (!who || !isJsonObject(value)) return undefined;
  const parts = readEventParts(value);
  const keys = oktaEventKeys(parts);
  const policy = targetOfType(parts, 'PolicyEntity');
  const rule = targetOfType(parts, 'PolicyRule');
  const app = stringAt(targetOfType(parts, 'AppInstance'), 'displayName') ?? identifierAt(objectAt(value, 'client'), 'id');
  return {
    ...who,
    eventType: text(parts.eventType) ?? 'unknown',
    outcome: text(parts.result) ?? 'UNKNOWN',
    reason: text(parts.reason),
    policy: text(stringAt(policy, 'displayName')),
    rule: text(stringAt(rule, 'displayName')),
    policyId: text(identifierAt(policy, 'id')),
    ruleId: text(identifierAt(rule, 'id')),
    client: text(app),
    osVersion: text(stringAt(parts.device, 'os_version') ?? stringAt(parts.udDetail, 'osVersion')),
    user: text(keys.user),
    device: text(keys.oktaDeviceId),
    serial: text(keys.serial),
  };
}

/** An admin change LogEvent: who changed what; undefined when it is not a readable event. */
export function oktaChange(value: JsonValue): ChangeObservation | undefined {
  const who = identity(value);
  if (!who || !isJsonObject(value)) return undefined;
  const parts = readEventParts(value);
  const names = parts.targets.map((t) => stringAt(t, 'displayName') ?? stringAt(t, 'alternateId')).filter((n): n is string => n !== undefined);
  const ids = parts.targets.map((t) => identifierAt(t, 'id')).filter((n): n is string => n !== undefined);
  const target = names.length > 0 ? sanitizeLine(names.join(', '), MAX_TEXT) : null;
  const what = parts.displayMessage ?? parts.eventType ?? 'change';
  return {
    ...who,
    eventType: text(parts.eventType) ?? 'unknown',
    actor: text(identifierAt(parts.actor, 'alternateId') ?? stringAt(parts.actor, 'displayName')),
    target,
    targetKeys: [...ids, ...names].map((k) => sanitizeLine(k, MAX_TEXT)),
    summary: sanitizeLine(target ? `${what}: ${target}` : what, MAX_TEXT),
  };
}
