import { describe, expect, it } from 'vitest';
import { endpoint, serviceBaseUrl } from '../../src/net/endpoint.js';

describe('serviceBaseUrl', () => {
  it('accepts https anywhere and http only on loopback', () => {
    expect(serviceBaseUrl('https://example.okta.com/', 'X').href).toBe('https://example.okta.com/');
    expect(serviceBaseUrl('http://127.0.0.1:8080', 'X').port).toBe('8080');
    expect(serviceBaseUrl('http://localhost:1', 'X').hostname).toBe('localhost');
    expect(serviceBaseUrl('http://[::1]:9', 'X').hostname).toBe('[::1]');
    expect(() => serviceBaseUrl('http://example.okta.com', 'TRUSTLINE_OKTA_URL')).toThrow(/TRUSTLINE_OKTA_URL must use https/);
  });

  it('rejects credentials in the URL, other schemes and non-URLs', () => {
    expect(() => serviceBaseUrl('https://user:pw@jamf.example.com', 'X')).toThrow(/credentials/);
    expect(() => serviceBaseUrl('ftp://jamf.example.com', 'X')).toThrow(/https/);
    expect(() => serviceBaseUrl('jamf.example.com', 'X')).toThrow(/not a URL/);
  });

  it('keeps a path prefix when resolving endpoints', () => {
    const base = serviceBaseUrl('https://proxy.example.com/jamf/', 'X');
    expect(endpoint(base, '/api/v1/auth/token').href).toBe('https://proxy.example.com/jamf/api/v1/auth/token');
  });
});
