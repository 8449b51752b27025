import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskSecretPatterns } from '../../src/secrets/patterns.js';
import { redactSecrets, registerSecret } from '../../src/secrets/registry.js';

const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIwb2ExIiwiYXVkIjoiaHR0cHMifQ.c2lnbmF0dXJlLXN0YW5kLWlu';
const OKTA_TOKEN = '00' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7d'.slice(0, 40);

describe('secrets recognised by their shape', () => {
  it.each([
    ['an SSWS header', `Authorization: SSWS ${OKTA_TOKEN}`, 'Authorization: SSWS [redacted]'],
    ['a Bearer header', `authorization: Bearer ${JWT}`, 'authorization: Bearer [redacted]'],
    ['a Basic header', 'Authorization: Basic c3ZjOnBhc3N3b3JkMQ==', 'Authorization: Basic [redacted]'],
    ['a DPoP header', `Authorization: DPoP ${JWT}`, 'Authorization: DPoP [redacted]'],
    ['a header in JSON', `{"authorization":"Bearer ${JWT}"}`, '{"authorization":"Bearer [redacted]"}'],
    ['a proxy header', 'Proxy-Authorization: Basic dXNlcjpwdzEyMzQ1Ng==', 'Proxy-Authorization: Basic [redacted]'],
    ['a bare SSWS token', `SSWS ${OKTA_TOKEN}`, 'SSWS [redacted]'],
    ['a bare Okta token', `token ${OKTA_TOKEN} rejected`, 'token [redacted] rejected'],
    ['a JWT anywhere', `assertion ${JWT} expired`, 'assertion [redacted] expired'],
    ['a password in a URL', 'proxy https://svc:hunter2@proxy.example.com:8080/', 'proxy https://svc:[redacted]@proxy.example.com:8080/'],
    ['client_secret in a form', 'grant_type=client_credentials&client_secret=s3cr3t-value&client_id=x', 'grant_type=client_credentials&client_secret=[redacted]&client_id=x'],
    ['client_assertion in a form', `client_assertion_type=urn%3Ajwt-bearer&client_assertion=${JWT}`, 'client_assertion_type=urn%3Ajwt-bearer&client_assertion=[redacted]'],
    ['a password member in JSON', '{"username":"svc","password":"pa \\"ss"}', '{"username":"svc","password":"[redacted]"}'],
    ['a PEM private key', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----', '[redacted]'],
  ])('masks %s', (_what, text, masked) => {
    expect(maskSecretPatterns(text)).toBe(masked);
    expect(maskSecretPatterns(masked)).toBe(masked);
  });

  it.each([
    'Okta Verify: Authorization request failed: invalid_grant',
    'Handling authorization request for example.okta.com',
    'Basic authentication is disabled for this org',
    'Bearer token expired',
    'set TRUSTLINE_JAMF_PASSWORD or jamf.passwordCommand',
    'https://example.okta.com:443/oauth2/v1/token',
    'sha256 00a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(maskSecretPatterns(text)).toBe(text);
  });

  it('changes nothing in the fixtures but what looks like a credential', () => {
    const root = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).map((rel) => join(root, rel)).filter((p) => statSync(p).isFile());
    const changed = files.filter((p) => maskSecretPatterns(readFileSync(p, 'utf8')) !== readFileSync(p, 'utf8'));
    expect(changed).toEqual([]);
  });

  it('masks registered values first, longest first, then shapes; idempotent (property)', () => {
    registerSecret('short-secret-1');
    registerSecret('short-secret-1-and-longer');
    expect(redactSecrets('a short-secret-1-and-longer b short-secret-1')).toBe('a [redacted] b [redacted]');
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const once = redactSecrets(`${a} Authorization: Bearer ${JWT} ${b}`);
        expect(once).not.toContain(JWT);
        expect(redactSecrets(once)).toBe(once);
      }),
    );
  });
});
