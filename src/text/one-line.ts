import { cutText } from './sanitize.js';

/** One line: runs of whitespace (newlines included) become one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts text to `max` characters, marking the cut with `…` (never splitting a surrogate pair). */
export function truncate(text: string, max: number): string {
  return cutText(text, max);
}
