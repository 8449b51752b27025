import type { JsonObject } from '../../io/json-file.js';
import { collapseWhitespace, truncate } from '../../text/one-line.js';
import { identifierAt, stringAt } from './json-get.js';
import type { OktaEventParts } from './log-event-parts.js';

export const MAX_SUMMARY_CHARS = 200;

/** Target types in the order they best describe what an event was about. */
const MAIN_TARGET_TYPES = ['UDDevice', 'AppInstance', 'PolicyEntity', 'User'];

function clean(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const line = collapseWhitespace(text);
  return line === '' ? undefined : truncate(line, max);
}

/** Users are named by login; apps and system principals by display name (their alternateId is an id). */
function entityLabel(entity: JsonObject | undefined): string | undefined {
  if (!entity) return undefined;
  const alternateId = identifierAt(entity, 'alternateId');
  const displayName = stringAt(entity, 'displayName');
  return stringAt(entity, 'type') === 'User' ? (alternateId ?? displayName) : (displayName ?? alternateId);
}

function mainTargetLabel(parts: OktaEventParts, actorLabel: string | undefined): string | undefined {
  const labelled = parts.targets
    .map((target) => ({ type: stringAt(target, 'type'), label: entityLabel(target) }))
    .filter((entry) => entry.label !== undefined && entry.label !== actorLabel);
  for (const type of MAIN_TARGET_TYPES) {
    const match = labelled.find((entry) => entry.type === type);
    if (match) return match.label;
  }
  return labelled[0]?.label;
}

/**
 * One line: `<displayMessage>: <RESULT> (<reason>) · <actor> → <main target>`. Not sanitised (the display
 * layer does that) but always a single line of at most MAX_SUMMARY_CHARS characters.
 */
export function oktaEventSummary(parts: OktaEventParts): string {
  let text = clean(parts.displayMessage, 80) ?? clean(parts.eventType, 80) ?? 'Okta event';
  const reason = clean(parts.reason, 80);
  if (parts.result !== undefined) text += `: ${clean(parts.result, 20)}`;
  if (reason !== undefined) text += ` (${reason})`;

  const actor = clean(entityLabel(parts.actor), 60);
  const target = clean(mainTargetLabel(parts, entityLabel(parts.actor)), 60);
  if (actor !== undefined && target !== undefined) text += ` · ${actor} → ${target}`;
  else if (actor !== undefined) text += ` · ${actor}`;
  else if (target !== undefined) text += ` · → ${target}`;
  return truncate(text, MAX_SUMMARY_CHARS);
}
