import { describe, expect, it } from 'vitest';
import { parseKeychainInfo } from '../../../../src/sources/mac/probes/keychain-info.js';
import { probeFixture } from './fixture.js';
import { reading } from './reading.js';

describe('parseKeychainInfo', () => {
  it('reads the login keychain with no timeout', () => {
    const r = reading(parseKeychainInfo(probeFixture('keychain-info', 'login')));
    expect(r.facts.keychain).toEqual({
      path: '/Users/alice/Library/Keychains/login.keychain-db',
      settings: 'no-timeout',
      missing: false,
    });
    expect(r.fields).toMatchObject({ lockOnSleep: false, lockTimeoutSeconds: null });
    expect(r.severity).toBe('info');
  });

  it('reads an okta keychain with lock-on-sleep and a timeout', () => {
    const r = reading(parseKeychainInfo(probeFixture('keychain-info', 'okta-locking')));
    expect(r.facts.keychain).toEqual({
      path: '/Users/alice/Library/Keychains/okta.keychain-db',
      settings: 'lock-on-sleep timeout=300s',
      missing: false,
    });
    expect(r.fields).toMatchObject({ lockOnSleep: true, lockTimeoutSeconds: 300 });
    expect(r.summary).toBe('Keychain /Users/alice/Library/Keychains/okta.keychain-db exists (lock-on-sleep timeout=300s)');
  });

  it('reads the default keychain, printed as <NULL>', () => {
    const r = reading(parseKeychainInfo('Keychain "<NULL>" lock-on-sleep use-lock-interval timeout=21600s\n'));
    expect(r.facts.keychain).toEqual({ path: undefined, settings: 'lock-on-sleep use-lock-interval timeout=21600s', missing: false });
    expect(r.summary.startsWith('Default keychain exists')).toBe(true);
  });

  it('reports a keychain that cannot be found as missing, severity error', () => {
    const r = reading(parseKeychainInfo(probeFixture('keychain-info', 'okta-missing')));
    expect(r.facts.keychain).toEqual({ path: '/Users/alice/Library/Keychains/okta.keychain-db', settings: '', missing: true });
    expect(r.severity).toBe('error');
    expect(r.summary).toBe('Keychain /Users/alice/Library/Keychains/okta.keychain-db could not be found');
  });

  it('reports other security errors as parse errors', () => {
    const text = 'security: SecKeychainCopySettings /Users/alice/Library/Keychains/login.keychain-db: User interaction is not allowed.\n';
    expect(parseKeychainInfo(text)).toEqual({
      error: 'no keychain info in output: security: SecKeychainCopySettings /Users/alice/Library/Keychains/login.keychain-db: User interaction is not allowed.',
    });
  });
});
