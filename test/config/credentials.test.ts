import { describe, expect, it } from 'vitest';
import { resolveLiveSettings } from '../../src/config/credentials.js';
import { redactSecrets } from '../../src/secrets/registry.js';
import { writeTree } from '../helpers/temp-files.js';
import type { LiveSettings } from '../../src/config/credentials.js';
import type { JamfSettings } from '../../src/sources/jamf/config.js';
import type { OktaSettings } from '../../src/sources/okta/config.js';

const oktaOf = (s: LiveSettings) => s.sources['okta'] as OktaSettings | undefined;
const jamfOf = (s: LiveSettings) => s.sources['jamf'] as JamfSettings | undefined;

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';

describe('resolveLiveSettings', () => {
  it('reads endpoints and credentials from the environment and registers secrets for masking', async () => {
    const settings = await resolveLiveSettings(
      {},
      {
        TRUSTLINE_OKTA_URL: 'https://example.okta.com',
        TRUSTLINE_OKTA_TOKEN: '00canary-env-token-0001',
        TRUSTLINE_JAMF_URL: 'https://example.jamfcloud.com',
        TRUSTLINE_JAMF_CLIENT_ID: 'client-1',
        TRUSTLINE_JAMF_CLIENT_SECRET: 'jamf-canary-secret-0001',
      },
    );
    expect(oktaOf(settings)?.auth).toEqual({ kind: 'ssws', token: '00canary-env-token-0001' });
    expect(jamfOf(settings)?.auth).toEqual({ kind: 'client', clientId: 'client-1', clientSecret: 'jamf-canary-secret-0001' });
    expect(redactSecrets('token 00canary-env-token-0001 and jamf-canary-secret-0001')).toBe('token [redacted] and [redacted]');
  });

  it('takes a named profile from the config, with environment variables overriding its fields', async () => {
    const config = {
      profile: 'prod',
      profiles: {
        prod: { okta: { url: 'https://prod.okta.com', clientId: '0oa1', privateKey: PEM }, jamf: { url: 'https://prod.jamfcloud.com', user: 'svc', password: 'pw-from-config' } },
        lab: { jamf: { url: 'http://127.0.0.1:9', user: 'lab', password: 'lab-pw' } },
      },
    };
    const prod = await resolveLiveSettings(config, { TRUSTLINE_JAMF_PASSWORD: 'pw-from-env' });
    expect(oktaOf(prod)?.auth).toMatchObject({ kind: 'oauth', clientId: '0oa1', privateKeyPem: PEM });
    expect(jamfOf(prod)?.auth).toEqual({ kind: 'user', username: 'svc', password: 'pw-from-env' });
    const lab = await resolveLiveSettings(config, {}, 'lab');
    expect(oktaOf(lab)).toBeUndefined();
    expect(jamfOf(lab)?.url.port).toBe('9');
    await expect(resolveLiveSettings(config, {}, 'staging')).rejects.toThrow(/^no profile named "staging" in \S+\/trustline\/config\.yaml \(profiles: prod, lab\)$/);
  });

  it('reads the private key from a file path', async () => {
    const dir = writeTree({ 'key.pem': PEM });
    const settings = await resolveLiveSettings({}, { TRUSTLINE_OKTA_URL: 'https://x.okta.com', TRUSTLINE_OKTA_CLIENT_ID: '0oa2', TRUSTLINE_OKTA_PRIVATE_KEY: `${dir}/key.pem` });
    expect(oktaOf(settings)?.auth).toMatchObject({ kind: 'oauth', privateKeyPem: PEM });
  });

  it('says what is missing when a configuration is half done', async () => {
    await expect(resolveLiveSettings({}, { TRUSTLINE_OKTA_URL: 'https://x.okta.com' })).rejects.toThrow(
      'TRUSTLINE_OKTA_URL is set but no credentials: set TRUSTLINE_OKTA_TOKEN, or TRUSTLINE_OKTA_CLIENT_ID and TRUSTLINE_OKTA_PRIVATE_KEY',
    );
    await expect(resolveLiveSettings({}, { TRUSTLINE_JAMF_CLIENT_ID: 'a', TRUSTLINE_JAMF_CLIENT_SECRET: 'b' })).rejects.toThrow('no URL: set TRUSTLINE_JAMF_URL');
    await expect(resolveLiveSettings({}, { TRUSTLINE_JAMF_URL: 'http://jamf.example.com', TRUSTLINE_JAMF_USER: 'a', TRUSTLINE_JAMF_PASSWORD: 'b' })).rejects.toThrow(
      'TRUSTLINE_JAMF_URL must use https://',
    );
  });

  it('configures nothing when no source has a URL', async () => {
    expect(await resolveLiveSettings({}, {})).toEqual({ sources: {} });
  });
});
