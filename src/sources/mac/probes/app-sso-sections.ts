/**
 * Reads the layout of `app-sso platform -s`: a `Time:` header, then titled sections whose body is a
 * pretty-printed JSON dictionary or ` (null)`, and an `SSO Tokens:` section of label / value lines.
 */
import { scanTimestamp, epochOfOffsetTime } from '../../../time/timestamp.js';

export const SECTION_TITLES = ['Device Configuration', 'Login Configuration', 'User Configuration', 'SSO Tokens'] as const;
export type SectionTitle = (typeof SECTION_TITLES)[number];

const SECTION_LINE = new RegExp(`^(${SECTION_TITLES.join('|')}):\\s*(.*)$`);

/** Section bodies by title, trimmed; a title that never appears is absent from the map. */
export function splitSections(lines: readonly string[]): Map<SectionTitle, string[]> {
  const sections = new Map<SectionTitle, string[]>();
  let body: string[] | undefined;
  for (const line of lines) {
    const header = SECTION_LINE.exec(line.trim());
    if (header) {
      body = header[2] ? [header[2]] : [];
      sections.set(header[1] as SectionTitle, body);
    } else if (body) {
      body.push(line);
    }
  }
  for (const [title, lines] of sections) sections.set(title, trimBlankEdges(lines));
  return sections;
}

function trimBlankEdges(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}

export type Dictionary = { kind: 'null' } | { kind: 'dict'; text: string; parsed: Record<string, unknown> | undefined };

/** A section body: ` (null)`, or a dictionary (parsed when it is valid JSON, as app-sso prints it). */
export function readDictionary(body: readonly string[] | undefined): Dictionary | undefined {
  if (body === undefined || body.length === 0) return undefined;
  const text = body.join('\n').trim();
  if (text === '(null)') return { kind: 'null' };
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    const parsed = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    return { kind: 'dict', text, parsed };
  } catch {
    return { kind: 'dict', text, parsed: undefined };
  }
}

/** A boolean or string key of a dictionary; falls back to a regex over the text when it was not JSON. */
export function dictionaryValue(dict: Extract<Dictionary, { kind: 'dict' }>, key: string): string | boolean | undefined {
  if (dict.parsed) {
    const value = dict.parsed[key];
    return typeof value === 'string' || typeof value === 'boolean' ? value : undefined;
  }
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`"${escaped}"\\s*:\\s*(true|false|"((?:[^"\\\\]|\\\\.)*)")`).exec(dict.text);
  if (!m) return undefined;
  if (m[1] === 'true') return true;
  if (m[1] === 'false') return false;
  return (m[2] ?? '').replace(/\\\//g, '/');
}

export interface LabelledTime {
  epochMs: number;
  text: string;
  /** What follows the timestamp, e.g. `(Not Expired)`, without the parentheses. */
  note: string | undefined;
}

/** `Expiration:` followed (on the same or the next line) by `2026-05-09T09:17:43Z (Not Expired)`. */
export function labelledTime(body: readonly string[], label: string): LabelledTime | undefined {
  const at = body.findIndex((line) => line.trim().startsWith(`${label}:`));
  if (at < 0) return undefined;
  const sameLine = body[at]!.trim().slice(label.length + 1).trim();
  const value = sameLine !== '' ? sameLine : (body.slice(at + 1).find((line) => line.trim() !== '') ?? '').trim();
  const wall = scanTimestamp(value);
  if (!wall || wall.offsetMinutes === undefined) return undefined;
  const rest = value.slice(wall.length).trim();
  const note = /^\((.*)\)$/.exec(rest)?.[1] ?? (rest === '' ? undefined : rest);
  return { epochMs: epochOfOffsetTime(wall), text: value.slice(0, wall.length), note };
}
