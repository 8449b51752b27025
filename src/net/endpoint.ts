import { isIP } from 'node:net';
import { HttpError } from './errors.js';

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * A service base URL from configuration: absolute, no credentials or query, HTTPS unless the host is
 * loopback (the emulators, an SSH tunnel).
 */
export function serviceBaseUrl(value: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new HttpError('config', `${label} is not a URL`);
  }
  if (url.username || url.password) throw new HttpError('config', `${label} must not carry credentials`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new HttpError('config', `${label} must be an https:// URL`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new HttpError('config', `${label} must use https:// (plain http is allowed only for loopback hosts)`);
  }
  url.search = '';
  url.hash = '';
  return url;
}

/** Resolves `path` (absolute path plus query) against a base URL that may itself have a path prefix. */
export function endpoint(base: URL, path: string): URL {
  return new URL(base.pathname.replace(/\/+$/, '') + path, base.origin);
}
