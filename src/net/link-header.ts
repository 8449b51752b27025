import type { HeaderValue } from './http-client.js';

/**
 * The `rel="next"` target of RFC 8288 Link headers, resolved against the request URL. Okta sends
 * self and next as separate header lines; some proxies fold them into one comma-separated line.
 */
export function nextLink(headers: Record<string, HeaderValue>, requestUrl: URL): URL | undefined {
  const raw = headers['link'];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const line of lines) {
    for (const part of line.split(/,(?=\s*<)/)) {
      const match = /^\s*<([^>]*)>(.*)$/.exec(part);
      if (!match) continue;
      const params = match[2] ?? '';
      if (/;\s*rel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/i.test(params)) {
        try {
          return new URL(match[1] ?? '', requestUrl);
        } catch {
          return undefined;
        }
      }
    }
  }
  return undefined;
}
