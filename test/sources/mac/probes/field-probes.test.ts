import { describe, expect, it } from 'vitest';
import { parseAppSsoExtensions } from '../../../../src/sources/mac/probes/app-sso-extensions.js';
import { PROBE_NAMES, parseProbe } from '../../../../src/sources/mac/probes/index.js';
import { parseOktaVerifyVersion } from '../../../../src/sources/mac/probes/okta-verify-version.js';
import { parseScutilProxy } from '../../../../src/sources/mac/probes/scutil-proxy.js';
import { compareVersions, parseSwVers } from '../../../../src/sources/mac/probes/sw-vers.js';
import { parseSystemExtensions } from '../../../../src/sources/mac/probes/systemextensions.js';
import { isProbeFailure } from '../../../../src/sources/mac/probes/types.js';
import { HOSTILE } from '../../../safety/hostile-strings.js';
import { AT_COLLECTION, probeFixture } from './fixture.js';
import { reading } from './reading.js';

describe('app-sso-extensions (app-sso -l -j as the console user)', () => {
  it('reads the realms from the JSON list', () => {
    const r = reading(parseAppSsoExtensions(probeFixture('app-sso-extensions', 'kerberos-realm')));
    expect(r.facts.ssoExtensions).toEqual({ available: true, realms: ['CORP.EXAMPLE.COM'] });
    expect(r.fields).toMatchObject({ consoleUser: 'alice', count: 1 });
  });

  it('reads the property-list form printed without -j', () => {
    const r = reading(parseAppSsoExtensions(probeFixture('app-sso-extensions', 'plist-style')));
    expect(r.facts.ssoExtensions?.realms).toEqual(['CORP.EXAMPLE.COM', 'LAB.EXAMPLE.COM']);
  });

  it('reads an empty list as no realm configured', () => {
    const r = reading(parseAppSsoExtensions(probeFixture('app-sso-extensions', 'none')));
    expect(r.facts.ssoExtensions).toEqual({ available: true, realms: [] });
    expect(r.summary).toBe('No SSO extension realm is configured for the user');
  });

  it('says nothing about extensions when no one is logged in at the console', () => {
    const r = reading(parseAppSsoExtensions(probeFixture('app-sso-extensions', 'no-console-user')));
    expect(r.facts).toEqual({});
    expect(r.severity).toBe('warn');
  });

  it('reports an older macOS without app-sso as its own outcome', () => {
    const r = reading(parseAppSsoExtensions(probeFixture('app-sso-extensions', 'older-macos')));
    expect(r.facts.ssoExtensions).toEqual({ available: false, realms: [] });
    expect(r.fields.available).toBe(false);
    expect(r.summary).toBe('app-sso is not on this Mac (an older macOS?)');
  });
});

describe('scutil-proxy (scutil --proxy)', () => {
  it('reads no proxy when every proxy is disabled', () => {
    const r = reading(parseScutilProxy(probeFixture('scutil-proxy', 'none')));
    expect(r.facts.proxy).toEqual({ available: true, proxies: [], pacUrl: undefined, autoDiscovery: false, exceptions: ['*.local', '169.254/16'] });
    expect(r.fields.proxyConfigured).toBe(false);
    expect(r.severity).toBe('info');
  });

  it('reads manual proxies and a PAC URL from the top level only (not the per-interface copy)', () => {
    const r = reading(parseScutilProxy(probeFixture('scutil-proxy', 'pac-and-manual')));
    expect(r.facts.proxy).toEqual({
      available: true,
      proxies: [
        { type: 'HTTP', host: 'proxy.example.com', port: 8080 },
        { type: 'HTTPS', host: 'proxy.example.com', port: 8080 },
      ],
      pacUrl: 'http://wpad.example.com/proxy.pac',
      autoDiscovery: false,
      exceptions: ['*.local', '169.254/16', '*.example.internal'],
    });
    expect(r.summary).toBe('System proxy configured: HTTP proxy.example.com:8080, HTTPS proxy.example.com:8080, PAC http://wpad.example.com/proxy.pac');
    expect(r.severity).toBe('warn');
  });

  it('fails clearly on output that is not a proxy dictionary', () => {
    const r = parseScutilProxy('scutil: permission denied\n');
    expect(isProbeFailure(r) && r.error).toBe('no proxy dictionary in output: scutil: permission denied');
  });
});

describe('systemextensions (systemextensionsctl list)', () => {
  it('reads each extension with its category, team, version and state', () => {
    const r = reading(parseSystemExtensions(probeFixture('systemextensions', 'network-filter')));
    const list = r.facts.systemExtensions?.extensions ?? [];
    expect(list).toHaveLength(3);
    expect(list[0]).toEqual({
      category: 'network_extension',
      enabled: true,
      active: true,
      teamId: 'PXPZ95SK77',
      bundleId: 'com.paloaltonetworks.GlobalProtect.client.extension',
      version: '6.1.1/6.1.1-56',
      name: 'GlobalProtectExtension',
      state: 'activated enabled',
    });
    expect(list[2]).toMatchObject({ enabled: false, active: true, state: 'terminated waiting to uninstall on reboot' });
    expect(r.fields).toMatchObject({ active: 2, networkExtensions: 'com.paloaltonetworks.GlobalProtect.client.extension', endpointSecurity: 'com.crowdstrike.falcon.Agent' });
    expect(r.severity).toBe('warn');
  });

  it('reads an empty list', () => {
    const r = reading(parseSystemExtensions(probeFixture('systemextensions', 'none')));
    expect(r.facts.systemExtensions).toEqual({ available: true, extensions: [] });
    expect(r.severity).toBe('info');
  });

  it('reports macOS before 10.15 (no systemextensionsctl) as its own outcome, not a parse error', () => {
    const r = reading(parseSystemExtensions(probeFixture('systemextensions', 'older-macos')));
    expect(r.facts.systemExtensions).toEqual({ available: false, extensions: [] });
    expect(r.summary).toBe('systemextensionsctl is not on this Mac (an older macOS?)');
  });
});

describe('sw-vers (sw_vers)', () => {
  it('reads name, version and build', () => {
    const r = reading(parseSwVers(probeFixture('sw-vers', 'sonoma')));
    expect(r.facts.os).toEqual({ available: true, name: 'macOS', version: '14.5', build: '23F79' });
    expect(r.summary).toBe('The Mac runs macOS 14.5 (23F79)');
  });

  it('reads a Rapid Security Response suffix and the old product name', () => {
    expect(reading(parseSwVers(probeFixture('sw-vers', 'ventura-rsr'))).summary).toBe('The Mac runs macOS 13.6.7 (a) (22G720)');
    expect(reading(parseSwVers(probeFixture('sw-vers', 'mojave'))).facts.os).toMatchObject({ name: 'Mac OS X', version: '10.14.6' });
  });

  it('compares versions part by part', () => {
    expect(compareVersions('14.10', '14.9')).toBeGreaterThan(0);
    expect(compareVersions('14', '14.0.0')).toBe(0);
    expect(compareVersions('13.6.7', '14.0')).toBeLessThan(0);
  });
});

describe('okta-verify-version (defaults read … CFBundleShortVersionString)', () => {
  it('reads the installed version', () => {
    const r = reading(parseOktaVerifyVersion(probeFixture('okta-verify-version', 'installed')));
    expect(r.facts.oktaVerify).toEqual({ installed: true, version: '9.27.0' });
  });

  it('reads a missing app as not installed', () => {
    const r = reading(parseOktaVerifyVersion(probeFixture('okta-verify-version', 'not-installed')));
    expect(r.facts.oktaVerify).toEqual({ installed: false, version: undefined });
    expect(r.severity).toBe('error');
  });
});

describe('every probe parser on hostile text', () => {
  const names = PROBE_NAMES;
  for (const name of names) {
    it(`${name}: never throws, keeps summaries one bounded line`, () => {
      for (const h of HOSTILE) {
        for (const text of [h.text, `Console user: ${h.text}\n${h.text}`, `<dictionary> {\n  HTTPEnable : 1\n  HTTPProxy : ${h.text}\n}`, `*\t*\tABCDE12345\t${h.text} (1)\t${h.text}\t[activated enabled]`]) {
          const r = parseProbe(name, text, AT_COLLECTION);
          const line = isProbeFailure(r) ? r.error : r.summary;
          expect(line.length).toBeLessThanOrEqual(600);
          expect(line).not.toMatch(/[\r\n]/);
        }
      }
    });
  }
});
