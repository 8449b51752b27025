/**
 * Says what an HTML error page (or a stray XML document) is about. APIs answer errors with a Restlet
 * "Status page" (title, then a bold status line and a sentence) even when JSON was asked for, and cloud
 * edges answer timeouts with an HTML page; the engineer needs the status line, not "not JSON".
 */
import { withRegularFile } from '../io/bounded-file.js';
import { sanitizeLine } from './sanitize.js';

const HEAD_BYTES = 8 * 1024;
/** Titles that name the template rather than the error. */
const GENERIC_TITLES = new Set(['status page', 'error']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Unauthorized: The request requires user authentication" from the page's title, headings and paragraphs. */
export function summarizeHtmlPage(html: string): string | undefined {
  const body = html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ');
  const parts: string[] = [];
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(body);
  const titleText = title ? textOf(title[1] ?? '') : '';
  if (titleText && !GENERIC_TITLES.has(titleText.toLowerCase())) parts.push(titleText);
  for (const match of body.matchAll(/<(h[1-3]|p)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi)) {
    if (parts.length >= 2) break;
    const text = textOf(match[2] ?? '');
    if (text && !parts.includes(text)) parts.push(text);
  }
  if (parts.length === 0) return undefined;
  return sanitizeLine(parts.join(': '), 160);
}

/** Root element of an XML document (`<?xml …?><computer_history>` → "computer_history"), if it is one. */
export function xmlRootOf(text: string): string | undefined {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('<?xml')) return undefined;
  const root = /<([A-Za-z_][\w.-]*)[\s>/]/.exec(start.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ''));
  return root?.[1] ?? '';
}

export type MarkupHead = { kind: 'xml'; root: string } | { kind: 'html'; summary: string | undefined };

/**
 * What a markup file saved where JSON was expected is: Classic answers XML unless asked for JSON;
 * error pages are HTML. Undefined when the file cannot be read.
 */
export async function describeMarkupFile(path: string): Promise<MarkupHead | undefined> {
  try {
    return await withRegularFile(path, {}, async (handle): Promise<MarkupHead> => {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      const head = buffer.toString('utf8', 0, bytesRead);
      const root = xmlRootOf(head);
      return root !== undefined ? { kind: 'xml', root } : { kind: 'html', summary: summarizeHtmlPage(head) };
    });
  } catch {
    return undefined;
  }
}
