import type { JsonValue } from '../io/json-file.js';
import { summarizeHtmlPage } from '../text/html-page.js';
import { sanitizeLine } from '../text/sanitize.js';
import { HttpError } from './errors.js';
import { headerValue, type HttpResponse } from './http-client.js';

/**
 * The response body as JSON, after checking it says it is JSON: an HTML error page from a proxy,
 * load balancer or Jamf Cloud's edge becomes a message quoting what the page says.
 */
export function jsonBody(res: HttpResponse): JsonValue {
  const type = (headerValue(res.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    const page = type.includes('html') || /^\s*</.test(res.text) ? summarizeHtmlPage(res.text) : undefined;
    const what = type || 'no content type';
    throw new HttpError('content-type', `HTTP ${res.status} with ${what} instead of JSON${page ? `: "${page}"` : ''}`, res.status);
  }
  try {
    return JSON.parse(res.text) as JsonValue;
  } catch {
    throw new HttpError('bad-json', `HTTP ${res.status}: malformed JSON (${sanitizeLine(res.text.slice(0, 60), 60)}…)`, res.status);
  }
}
