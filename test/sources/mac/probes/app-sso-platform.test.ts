import { describe, expect, it } from 'vitest';
import { parseAppSsoPlatform } from '../../../../src/sources/mac/probes/app-sso-platform.js';
import { AT_COLLECTION, NO_CLOCK, probeFixture } from './fixture.js';
import { reading } from './reading.js';

describe('parseAppSsoPlatform', () => {
  it('reads a registered Okta Platform SSO state', () => {
    const r = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'registered'), AT_COLLECTION));
    expect(r.facts.ssoPlatform).toEqual({
      registered: true,
      extensionIdentifier: 'com.okta.mobile.auth-service-extension',
      reportedAtMs: Date.UTC(2026, 10, 20, 14, 33, 7),
      tokenReceivedMs: Date.UTC(2026, 10, 20, 9, 17, 44),
      tokenExpiresMs: Date.UTC(2026, 10, 20, 17, 17, 43),
      userState: 'normal',
    });
    expect(r.severity).toBe('info');
    expect(r.summary).toBe('Platform SSO registered (com.okta.mobile.auth-service-extension); SSO token valid until 2026-11-20T17:17:43Z');
    expect(r.fields).toMatchObject({ userConfigured: true, tokenExpired: false, tokenStatus: 'Not Expired' });
    expect(r.deviceStamp).toEqual({ epochMs: Date.UTC(2026, 10, 20, 14, 33, 7), text: '2026-11-20 14:33:07 +0000' });
  });

  it('reads an unregistered Mac, every section (null), as an error', () => {
    const r = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'unregistered'), AT_COLLECTION));
    expect(r.facts.ssoPlatform).toEqual({
      registered: false,
      extensionIdentifier: undefined,
      reportedAtMs: Date.UTC(2026, 10, 20, 14, 31, 33),
      tokenReceivedMs: null,
      tokenExpiresMs: null,
    });
    expect(r.severity).toBe('error');
    expect(r.summary).toBe('Platform SSO is not registered on this Mac (no device configuration)');
    expect(r.fields.userConfigured).toBe(false);
  });

  it('reads an incomplete registration', () => {
    const r = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'registration-incomplete'), AT_COLLECTION));
    expect(r.facts.ssoPlatform).toMatchObject({ registered: false, extensionIdentifier: 'com.okta.mobile.auth-service-extension' });
    expect(r.severity).toBe('error');
    expect(r.summary).toBe('Platform SSO registration not completed (com.okta.mobile.auth-service-extension)');
  });

  it('falls back to key matching when the dictionary is not valid JSON, and sees an expired token', () => {
    const r = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'token-expired'), AT_COLLECTION));
    expect(r.facts.ssoPlatform).toMatchObject({
      registered: true,
      extensionIdentifier: 'com.okta.mobile.auth-service-extension',
      tokenExpiresMs: Date.UTC(2026, 10, 20, 9, 17, 43),
    });
    expect(r.severity).toBe('warn');
    expect(r.summary).toBe('Platform SSO registered (com.okta.mobile.auth-service-extension); SSO token expired at 2026-11-20T09:17:43Z');
    expect(r.fields.tokenStatus).toBe('Expired');
  });

  it("uses the Mac's own expiry label when no collection time is known", () => {
    const expired = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'token-expired'), NO_CLOCK));
    expect(expired.fields.tokenExpired).toBe(true);
    const fresh = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'registered'), NO_CLOCK));
    expect(fresh.fields.tokenExpired).toBe(false);
  });

  it('does not call a device configuration without registrationCompleted registered', () => {
    const text = 'Time: 2026-11-20 14:33:07 +0000\n\nDevice Configuration:\n {\n  "loginType" : "POLoginTypePassword (1)"\n}\n';
    const r = reading(parseAppSsoPlatform(text, AT_COLLECTION));
    expect(r.facts.ssoPlatform).toMatchObject({ registered: false, extensionIdentifier: undefined });
    expect(r.summary).toBe('Platform SSO registration not completed');
  });

  it('leaves registration unknown when the device section is missing', () => {
    const r = reading(parseAppSsoPlatform('Time: 2026-11-20 14:33:07 +0000\n', AT_COLLECTION));
    expect(r.facts.ssoPlatform?.registered).toBeNull();
    expect(r.severity).toBe('warn');
  });

  it('fails on output that is not app-sso state', () => {
    expect(parseAppSsoPlatform('app-sso: Must be run as the console user\n', NO_CLOCK)).toEqual({
      error: 'no Platform SSO state in output: app-sso: Must be run as the console user',
    });
  });
});

describe('parseAppSsoPlatform: whose state, user states, older macOS', () => {
  it('reads (null) as unknown when the output does not say it ran as the console user (root prints (null))', () => {
    const r = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'root-null'), AT_COLLECTION));
    expect(r.facts.ssoPlatform?.registered).toBeNull();
    expect(r.severity).toBe('warn');
    expect(r.summary).toMatch(/run as root \(which always prints \(null\)\)/);
  });

  it('reads nothing when no one is logged in at the console', () => {
    const r = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'no-console-user'), AT_COLLECTION));
    expect(r.facts.ssoPlatform?.registered).toBeNull();
    expect(r.fields.consoleUser).toBeNull();
  });

  it('reads a user whose keys must be registered again', () => {
    const r = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'needs-new-keys'), AT_COLLECTION));
    expect(r.facts.ssoPlatform).toMatchObject({ registered: true, userState: 'needs-new-keys' });
    expect(r.severity).toBe('error');
    expect(r.summary).toBe("Platform SSO registered (com.okta.mobile.auth-service-extension), but the user's keys must be registered again (POUserStateNeedsNewKeys)");
    expect(r.fields).toMatchObject({ userState: 'needs-new-keys', consoleUser: 'alice' });
  });

  it('reads a user who must register', () => {
    const r = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'needs-registration'), AT_COLLECTION));
    expect(r.facts.ssoPlatform?.userState).toBe('needs-registration');
    expect(r.severity).toBe('error');
  });

  it('reads the normal user state of a registered Mac', () => {
    expect(reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'registered'), AT_COLLECTION)).facts.ssoPlatform?.userState).toBe('normal');
  });

  it('reports an older macOS without app-sso as its own outcome', () => {
    const r = reading(parseAppSsoPlatform(probeFixture('app-sso-platform', 'older-macos'), AT_COLLECTION));
    expect(r.facts.ssoPlatform).toMatchObject({ available: false, registered: null });
    expect(r.summary).toBe('app-sso platform is not on this Mac (an older macOS?)');
  });
});
