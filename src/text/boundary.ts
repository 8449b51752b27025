import { redactSecrets } from '../secrets/registry.js';
import { cutText, sanitizeLine, sanitizeText } from './sanitize.js';

/**
 * The one way external text leaves trustline, for the terminal, reports and error lines: secrets
 * masked first (before any cut, so half a secret never shows), then control, bidi and format
 * characters escaped, then the length bounded with a marker.
 */
export function safeLine(text: string, max = 2000): string {
  // Only the first `max` characters can survive; redacting megabytes beyond them would be wasted.
  return sanitizeLine(redactSecrets(cutText(text, max * 8)), max);
}

/** Multi-line text (probe outputs, stacks): newlines kept, each line bounded. */
export function safeText(text: string, maxLine?: number): string {
  return sanitizeText(redactSecrets(text), maxLine);
}
