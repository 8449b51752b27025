import { isJsonObject, type JsonObject } from '../../io/json-file.js';
import { arrayAt, objectAt, stringAt } from './json-get.js';

/** The parts of one LogEvent that severity, summary, keys and fields are derived from, read once. */
export interface OktaEventParts {
  event: JsonObject;
  eventType: string | undefined;
  displayMessage: string | undefined;
  /** Okta's own severity, upper-cased: DEBUG, INFO, WARN, ERROR. */
  oktaSeverity: string | undefined;
  /** outcome.result, upper-cased (SUCCESS, FAILURE, ALLOW, DENY, CHALLENGE, ...). */
  result: string | undefined;
  reason: string | undefined;
  actor: JsonObject | undefined;
  /** target[] entries that are objects; Okta says to search by type, never by position. */
  targets: JsonObject[];
  /** The top-level `device` (the Okta Verify registered device, snake_case keys). */
  device: JsonObject | undefined;
  /** detailEntry of the first UDDevice target (string values). */
  udDevice: JsonObject | undefined;
  udDetail: JsonObject | undefined;
}

export function readEventParts(event: JsonObject): OktaEventParts {
  const outcome = objectAt(event, 'outcome');
  const targets = arrayAt(event, 'target').filter(isJsonObject);
  const udDevice = targets.find((target) => stringAt(target, 'type') === 'UDDevice');
  return {
    event,
    eventType: stringAt(event, 'eventType'),
    displayMessage: stringAt(event, 'displayMessage'),
    oktaSeverity: stringAt(event, 'severity')?.toUpperCase(),
    result: stringAt(outcome, 'result')?.toUpperCase(),
    reason: stringAt(outcome, 'reason'),
    actor: objectAt(event, 'actor'),
    targets,
    device: objectAt(event, 'device'),
    udDevice,
    udDetail: objectAt(udDevice, 'detailEntry'),
  };
}

export function targetOfType(parts: OktaEventParts, type: string): JsonObject | undefined {
  return parts.targets.find((target) => stringAt(target, 'type') === type);
}
