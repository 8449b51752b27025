import type { Severity } from '../../model/event.js';
import type { OktaEventParts } from './log-event-parts.js';

const ERROR_RESULTS = new Set(['FAILURE', 'DENY']);

/*
 * Outcomes that are not failures but matter when a sign-in stalls:
 * CHALLENGE  a step-up was demanded; the Mac's non-interactive SSO grant cannot answer one.
 * RATE_LIMIT the request was refused for volume.
 * UNANSWERED / ABANDONED  the user never finished the flow (push not answered, window closed).
 * SUCCESS, ALLOW, SKIPPED, DEFERRED, SCHEDULED and UNKNOWN say nothing went wrong, so they stay info.
 */
const WARN_RESULTS = new Set(['CHALLENGE', 'RATE_LIMIT', 'UNANSWERED', 'ABANDONED']);

/** Rate-limit and concurrency events are logged with severity INFO and no outcome, yet explain missing events. */
const RATE_LIMIT_EVENT = /rate_limit|limit\.violation/;

export function oktaEventSeverity(parts: OktaEventParts): Severity {
  if (parts.oktaSeverity === 'ERROR' || (parts.result !== undefined && ERROR_RESULTS.has(parts.result))) {
    return 'error';
  }
  if (
    parts.oktaSeverity === 'WARN' ||
    (parts.result !== undefined && WARN_RESULTS.has(parts.result)) ||
    (parts.eventType !== undefined && RATE_LIMIT_EVENT.test(parts.eventType))
  ) {
    return 'warn';
  }
  return 'info';
}
