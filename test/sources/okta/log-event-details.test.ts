import { describe, expect, it } from 'vitest';
import { MAX_DEBUG_NESTED_CHARS } from '../../../src/sources/okta/log-event-debug.js';
import { ALICE, logEvent, normalize } from './log-event-builders.js';

describe('normalizeOktaEvent: keys', () => {
  it('takes the user from a User actor, else from a User target', () => {
    expect(normalize(logEvent()).keys).toEqual({ user: 'alice@example.com' });
    const appActor = normalize(
      logEvent({
        actor: { id: '0oa9', type: 'PublicClientApp', alternateId: '0oa9', displayName: 'SSO extension' },
        target: [{ id: '00u1', type: 'User', alternateId: 'alice@example.com', displayName: 'Alice' }],
      }),
    );
    expect(appActor.keys.user).toBe('alice@example.com');
    const system = normalize(
      logEvent({ actor: { id: '0oa1', type: 'SystemPrincipal', alternateId: 'system@okta.com', displayName: 'Okta System' } }),
    );
    expect(system.keys.user).toBeUndefined();
  });

  it('reads device identity from a UDDevice target, trimming and ignoring "unknown"', () => {
    const event = normalize(
      logEvent({
        eventType: 'device.user.add',
        target: [
          {
            id: 'guo7tlMbpAlice26x7d8',
            type: 'UDDevice',
            alternateId: 'unknown',
            displayName: "Alice's MacBook Pro",
            detailEntry: {
              deviceStatus: 'ACTIVE',
              managed: 'true',
              oktaDeviceId: 'odt7tl',
              serialNumber: ' C02FX1TLQ6L4 ',
              uuid: '5E1A9C3B-7D2F-4B8E-9A61-C0FFEE2026AB',
            },
          },
        ],
      }),
    );
    expect(event.keys).toEqual({
      user: 'alice@example.com',
      oktaDeviceId: 'guo7tlMbpAlice26x7d8',
      serial: 'C02FX1TLQ6L4',
      udid: '5E1A9C3B-7D2F-4B8E-9A61-C0FFEE2026AB',
      hostname: "Alice's MacBook Pro",
    });
    expect(event.fields['oktaVerifyDeviceId']).toBe('odt7tl');
  });

  it('reads the top-level device, but never uses a model identifier as a hostname', () => {
    const model = normalize(logEvent({ device: { id: 'guo7tl', name: 'MacBookPro18,3', managed: true } }));
    expect(model.keys).toEqual({ user: 'alice@example.com', oktaDeviceId: 'guo7tl' });
    expect(model.fields['deviceName']).toBe('MacBookPro18,3');
    const named = normalize(logEvent({ device: { id: 'guo7tl', name: 'alice-mbp' } }));
    expect(named.keys.hostname).toBe('alice-mbp');
  });

  it("takes the UDID from a certificate target named after the device (pki.cert.* events name no device otherwise)", () => {
    const udid = '624F0298-5221-00F7-4B9C-5D793C7F9745';
    const revoke = normalize(
      logEvent({ eventType: 'pki.cert.revoke', actor: { type: 'SystemPrincipal', alternateId: 'system@okta.com' }, target: [{ type: 'Certificate', alternateId: 'unknown', displayName: `Okta MTLS ${udid}` }] }),
    );
    expect(revoke.keys).toEqual({ udid });
    const unnamed = normalize(logEvent({ eventType: 'pki.cert.revoke', actor: { type: 'SystemPrincipal' }, target: [{ type: 'Certificate', displayName: 'Okta MTLS' }] }));
    expect(unnamed.keys).toEqual({});
    // A UUID elsewhere (another target's name) is not the certificate's device.
    const other = normalize(logEvent({ actor: { type: 'SystemPrincipal' }, target: [{ type: 'AppInstance', displayName: `App ${udid}` }] }));
    expect(other.keys).toEqual({});
  });

  it('tolerates a null device and an all-null device', () => {
    expect(normalize(logEvent({ device: null })).keys).toEqual({ user: 'alice@example.com' });
    const allNull = normalize(
      logEvent({ device: { id: null, name: null, managed: null, registered: null, device_integrator: null } }),
    );
    expect(allNull.keys).toEqual({ user: 'alice@example.com' });
    expect(allNull.fields['deviceManaged']).toBeUndefined();
    expect(allNull.fields['deviceIntegrators']).toBeUndefined();
  });
});

describe('normalizeOktaEvent: fields', () => {
  it('flattens the matching attributes', () => {
    const event = normalize(
      logEvent({
        eventType: 'policy.evaluate_sign_on',
        legacyEventType: null,
        severity: 'WARN',
        outcome: { result: 'DENY', reason: 'Authentication policy denied' },
        client: {
          userAgent: { rawUserAgent: 'OktaVerify/9.31.0 macOS/15.1.0', os: 'Mac OS X', browser: 'UNKNOWN' },
          zone: 'null',
          device: 'Computer',
          id: '0oa7tlMacSsoExt26d8',
          ipAddress: '198.51.100.23',
        },
        device: {
          id: 'guo7tl',
          name: 'MacBookPro18,3',
          os_platform: 'OSX',
          os_version: '15.1.0',
          managed: false,
          registered: true,
          device_integrator: '{"WSC":{},"CROWDSTRIKE":{}}',
        },
        authenticationContext: { externalSessionId: 'idx7tlSession', rootSessionId: 'idx7tlRoot' },
        transaction: { type: 'WEB', id: 'tx7tl01', detail: {} },
        target: [
          { id: 'rst1', type: 'PolicyEntity', displayName: 'Mac SSO - privileged step-up' },
          { id: 'rul1', type: 'PolicyRule', displayName: 'Require phishing-resistant MFA' },
          { id: '0oa1', type: 'AppInstance', displayName: 'Okta Verify' },
        ],
      }),
    );
    expect(event.fields).toEqual({
      eventType: 'policy.evaluate_sign_on',
      outcome: 'DENY',
      reason: 'Authentication policy denied',
      severity: 'WARN',
      actor: 'alice@example.com',
      actorType: 'User',
      clientId: '0oa7tlMacSsoExt26d8',
      userAgent: 'OktaVerify/9.31.0 macOS/15.1.0',
      ipAddress: '198.51.100.23',
      transactionId: 'tx7tl01',
      externalSessionId: 'idx7tlSession',
      rootSessionId: 'idx7tlRoot',
      deviceManaged: false,
      deviceRegistered: true,
      devicePlatform: 'OSX',
      deviceOsVersion: '15.1.0',
      deviceName: 'MacBookPro18,3',
      deviceIntegrators: 'CROWDSTRIKE,WSC',
      policyName: 'Mac SSO - privileged step-up',
      policyRule: 'Require phishing-resistant MFA',
      app: 'Okta Verify',
    });
  });

  it('reads UDDevice string flags as booleans and a device_integrator object directly', () => {
    const event = normalize(
      logEvent({
        device: { device_integrator: { JAMF: {} } },
        target: [{ id: 'guo1', type: 'UDDevice', detailEntry: { managed: 'false', deviceStatus: 'SUSPENDED' } }],
      }),
    );
    expect(event.fields['deviceManaged']).toBe(false);
    expect(event.fields['deviceStatus']).toBe('SUSPENDED');
    expect(event.fields['deviceIntegrators']).toBe('JAMF');
    expect(normalize(logEvent({ device: { device_integrator: '{not json' } })).fields['deviceIntegrators']).toBeUndefined();
  });

  it('omits an "unknown" pre-session id so unrelated failures do not correlate', () => {
    const event = normalize(logEvent({ authenticationContext: { externalSessionId: 'unknown' } }));
    expect(event.fields['externalSessionId']).toBeUndefined();
  });

  it('prefixes debugData keys, keeps scalars and caps nested values as JSON text', () => {
    const event = normalize(
      logEvent({
        debugContext: {
          debugData: {
            behaviors: '{New Geo-Location=NEGATIVE, New Device=POSITIVE}',
            risk: '{reasons=Anomalous Device, level=HIGH}',
            threatSuspected: 'false',
            responseTime: 559,
            flagged: true,
            nothing: null,
            originalPrincipal: { id: '00u1', type: 'User' },
            big: { blob: 'x'.repeat(1000) },
          },
        },
      }),
    );
    expect(event.fields['debug.behaviors']).toBe('{New Geo-Location=NEGATIVE, New Device=POSITIVE}');
    expect(event.fields['debug.risk']).toBe('{reasons=Anomalous Device, level=HIGH}');
    expect(event.fields['debug.threatSuspected']).toBe('false');
    expect(event.fields['debug.responseTime']).toBe(559);
    expect(event.fields['debug.flagged']).toBe(true);
    expect('debug.nothing' in event.fields).toBe(false);
    expect(event.fields['debug.originalPrincipal']).toBe('{"id":"00u1","type":"User"}');
    const big = event.fields['debug.big'];
    expect(typeof big === 'string' && big.length).toBe(MAX_DEBUG_NESTED_CHARS);
  });

  it('tolerates null outcome, null target, empty client, missing debugData and unknown fields', () => {
    const event = normalize(
      logEvent({
        version: 0,
        outcome: null,
        target: null,
        client: {},
        device: null,
        debugContext: {},
        riskScoreV2: { score: 73 },
        actor: { ...ALICE, hints: { preferred: true } },
      }),
    );
    expect(event.fields).toEqual({
      eventType: 'user.session.start',
      severity: 'INFO',
      actor: 'alice@example.com',
      actorType: 'User',
    });
    expect(normalize(logEvent({ debugContext: null, client: null, actor: null })).fields).toEqual({
      eventType: 'user.session.start',
      outcome: 'SUCCESS',
      severity: 'INFO',
    });
  });
});
