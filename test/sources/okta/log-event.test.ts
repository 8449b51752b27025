import { describe, expect, it } from 'vitest';
import { MAX_SUMMARY_CHARS } from '../../../src/sources/okta/log-event-summary.js';
import { RAW, logEvent, normalize, skipReason } from './log-event-builders.js';

describe('normalizeOktaEvent: skipping', () => {
  it('skips values that are not objects', () => {
    expect(skipReason('text')).toBe('not a JSON object');
    expect(skipReason(null)).toBe('not a JSON object');
    expect(skipReason([logEvent()])).toBe('not a JSON object');
  });

  it('skips events without a string uuid', () => {
    const { uuid: _uuid, ...withoutUuid } = logEvent();
    expect(skipReason(withoutUuid)).toBe('no uuid');
    expect(skipReason(logEvent({ uuid: 42 }))).toBe('no uuid');
    expect(skipReason(logEvent({ uuid: 'x'.repeat(101) }))).toBe('uuid longer than 100 characters');
  });

  it('keeps an event whose uuid was blanked, named by its place in the file', () => {
    expect(normalize(logEvent({ uuid: '   ' })).id).toBe('okta:okta/page.json#/0');
    expect(normalize(logEvent({ uuid: null })).id).toBe('okta:okta/page.json#/0');
  });

  it('skips events whose published time is missing or not a real instant', () => {
    expect(skipReason(logEvent({ published: null }))).toBe('no published time');
    expect(skipReason(logEvent({ published: 1763647331804 }))).toBe('no published time');
    expect(skipReason(logEvent({ published: '2026-02-30T10:00:00.000Z' }))).toBe(
      'unparseable published time "2026-02-30T10:00:00.000Z"',
    );
    expect(skipReason(logEvent({ published: '2026-11-20 14:02:11' }))).toBe(
      'unparseable published time "2026-11-20 14:02:11"',
    );
    expect(skipReason(logEvent({ published: 'Fri, 20 Nov 2026 14:02:11 GMT' }))).toMatch(/^unparseable published time/);
  });
});

describe('normalizeOktaEvent: identity and time', () => {
  it('derives id, source, kind, instant and original text', () => {
    const event = normalize(logEvent({ eventType: 'policy.evaluate_sign_on' }));
    expect(event.id).toBe('okta:aa11bb22-c6f2-11f0-9a11-5d2f6a7b8c00');
    expect(event.source).toBe('okta');
    expect(event.kind).toBe('okta.policy.evaluate_sign_on');
    expect(event.epochMs).toBe(Date.UTC(2026, 10, 20, 14, 2, 11, 804));
    expect(event.micros).toBeUndefined();
    expect(event.originalTime).toBe('2026-11-20T14:02:11.804Z');
    expect(event.raw).toEqual(RAW);
    expect(event.deviceClock).toBeUndefined();
  });

  it('accepts published without milliseconds, with microseconds, and with an offset', () => {
    expect(normalize(logEvent({ published: '2022-07-19T15:54:11Z' })).epochMs).toBe(Date.UTC(2022, 6, 19, 15, 54, 11));
    const precise = normalize(logEvent({ published: '2026-11-20T14:02:11.804123Z' }));
    expect(precise.epochMs).toBe(Date.UTC(2026, 10, 20, 14, 2, 11, 804));
    expect(precise.micros).toBe(123);
    expect(normalize(logEvent({ published: '2026-11-20T15:02:11.804+01:00' })).epochMs).toBe(
      Date.UTC(2026, 10, 20, 14, 2, 11, 804),
    );
  });

  it('keeps unknown event types and falls back to okta.unknown when there is none usable', () => {
    expect(normalize(logEvent({ eventType: 'device.posture.check.future_kind' })).kind).toBe(
      'okta.device.posture.check.future_kind',
    );
    expect(normalize(logEvent({ eventType: null })).kind).toBe('okta.unknown');
    expect(normalize(logEvent({ eventType: 'has spaces\nand a newline' })).kind).toBe('okta.unknown');
  });
});

describe('normalizeOktaEvent: severity', () => {
  const severityOf = (result: string | null, severity = 'INFO', eventType = 'user.session.start') =>
    normalize(logEvent({ outcome: result === null ? null : { result, reason: null }, severity, eventType })).severity;

  it('is error for FAILURE and DENY outcomes and for Okta severity ERROR', () => {
    expect(severityOf('FAILURE')).toBe('error');
    expect(severityOf('DENY')).toBe('error');
    expect(severityOf('deny')).toBe('error');
    expect(severityOf('SUCCESS', 'ERROR')).toBe('error');
  });

  it('is warn for Okta severity WARN, stalled or refused outcomes, and rate-limit events', () => {
    expect(severityOf('SUCCESS', 'WARN')).toBe('warn');
    expect(severityOf('CHALLENGE')).toBe('warn');
    expect(severityOf('RATE_LIMIT')).toBe('warn');
    expect(severityOf('UNANSWERED')).toBe('warn');
    expect(severityOf('ABANDONED')).toBe('warn');
    expect(severityOf(null, 'INFO', 'core.concurrency.org.limit.violation')).toBe('warn');
    expect(severityOf(null, 'INFO', 'system.org.rate_limit.warning')).toBe('warn');
  });

  it('is info otherwise', () => {
    for (const result of ['SUCCESS', 'ALLOW', 'SKIPPED', 'UNKNOWN', 'DEFERRED', 'SCHEDULED']) {
      expect(severityOf(result)).toBe('info');
    }
    expect(severityOf(null)).toBe('info');
    expect(severityOf('SUCCESS', 'DEBUG')).toBe('info');
  });
});

describe('normalizeOktaEvent: summary', () => {
  it('reads message, outcome, actor and the main target', () => {
    const event = normalize(
      logEvent({
        eventType: 'policy.evaluate_sign_on',
        displayMessage: 'Evaluation of sign-on policy',
        outcome: { result: 'DENY', reason: 'Authentication policy denied' },
        target: [
          { id: 'rst1', type: 'PolicyEntity', alternateId: 'unknown', displayName: 'Mac SSO', detailEntry: null },
          { id: 'rul1', type: 'PolicyRule', alternateId: 'rst1', displayName: 'Step-up', detailEntry: null },
          { id: '0oa1', type: 'AppInstance', alternateId: 'Okta Verify', displayName: 'Okta Verify', detailEntry: null },
        ],
      }),
    );
    expect(event.summary).toBe(
      'Evaluation of sign-on policy: DENY (Authentication policy denied) · alice@example.com → Okta Verify',
    );
  });

  it('names app actors by display name and user targets by login', () => {
    const event = normalize(
      logEvent({
        displayMessage: 'OIDC access token is granted',
        outcome: { result: 'FAILURE', reason: 'invalid_grant' },
        actor: { id: '0oa9', type: 'PublicClientApp', alternateId: '0oa9', displayName: 'SSO extension' },
        target: [{ id: '00u1', type: 'User', alternateId: 'alice@example.com', displayName: 'Alice Example' }],
      }),
    );
    expect(event.summary).toBe('OIDC access token is granted: FAILURE (invalid_grant) · SSO extension → alice@example.com');
  });

  it('falls back to the event type and tolerates missing outcome, actor and targets', () => {
    const event = normalize(
      logEvent({ displayMessage: null, eventType: 'system.job.run', outcome: null, actor: null, target: null }),
    );
    expect(event.summary).toBe('system.job.run');
    const targetOnly = normalize(
      logEvent({ actor: null, target: [{ type: 'UDDevice', id: 'guo1', displayName: "Alice's MacBook Pro" }] }),
    );
    expect(targetOnly.summary).toBe("User login to Okta: SUCCESS · → Alice's MacBook Pro");
  });

  it('collapses whitespace to one line and caps the length', () => {
    const event = normalize(
      logEvent({ displayMessage: 'User\nlogin\r\n\tto   Okta', outcome: { result: 'FAILURE', reason: ' bad\u2028reason ' } }),
    );
    expect(event.summary).toBe('User login to Okta: FAILURE (bad reason) · alice@example.com');
    const long = normalize(
      logEvent({
        displayMessage: 'm'.repeat(300),
        outcome: { result: 'FAILURE', reason: 'r'.repeat(300) },
        actor: { type: 'User', alternateId: 'a'.repeat(300) },
        target: [{ type: 'AppInstance', displayName: 't'.repeat(300) }],
      }),
    );
    expect(long.summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(long.summary).not.toMatch(/[\r\n]/);
    expect(long.summary.endsWith('…')).toBe(true);
  });
});
