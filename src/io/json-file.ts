import type { FileHandle } from 'node:fs/promises';
import { JSONParser } from '@streamparser/json';
import { FileRefused, withRegularFile } from './bounded-file.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A JSON document larger than this is refused rather than built in memory. Arrays stream without a cap. */
export const MAX_JSON_DOCUMENT_BYTES = 64 * 1024 * 1024;

export class JsonReadError extends Error {}

/**
 * One line saying why a JSON file could not be read (not JSON, or a file-system error such as
 * ENOENT), or undefined when the error is a programming error that must propagate.
 */
export function describeReadFailure(error: unknown): string | undefined {
  if (error instanceof JsonReadError || error instanceof FileRefused) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return error instanceof Error && typeof code === 'string' ? `cannot read the file (${code})` : undefined;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the first meaningful character to say what a file is before parsing it. */
function describeStart(text: string): { kind: 'empty' | 'html' | 'array' | 'object' | 'other'; char: string } {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  const char = trimmed.charAt(0);
  if (char === '') return { kind: 'empty', char };
  if (char === '<') return { kind: 'html', char };
  if (char === '[') return { kind: 'array', char };
  if (char === '{') return { kind: 'object', char };
  return { kind: 'other', char };
}

function stripBom(chunk: Buffer, first: boolean): Buffer {
  return first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}

function parserMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 160);
}

/** Files up to this size are first tried with JSON.parse: a bundle's files are small, and starting the stream parser costs more than parsing them. */
const WHOLE_FILE_BYTES = 1024 * 1024;

/**
 * A small file's document when JSON.parse reads it as an array or object; otherwise undefined, and the
 * stream parser reads the file (and words what is wrong with it).
 */
async function parseSmallDocument(path: string): Promise<JsonValue | undefined> {
  return withRegularFile(path, {}, async (file, info) => {
    if (info.size > WHOLE_FILE_BYTES) return undefined;
    try {
      const text = (await file.readFile('utf8')).replace(/^\uFEFF/, '');
      const kind = describeStart(text).kind;
      if (kind !== 'array' && kind !== 'object') return undefined;
      const value = JSON.parse(text) as JsonValue;
      return typeof value === 'object' && value !== null ? value : undefined;
    } catch (error) {
      if (error instanceof SyntaxError) return undefined;
      throw error;
    }
  });
}

export interface StreamedArray {
  /** Top-level shape found: an array was streamed element by element, an object was read whole. */
  shape: 'array' | 'object';
  /** The whole document when the top level was an object (error bodies, wrapped responses). */
  object?: JsonObject;
  /** Elements delivered before a syntax error or truncation, when one happened. */
  delivered: number;
  /** One-line reason when the document broke part way; delivered elements stay valid. */
  brokenAt?: string;
}

/**
 * Streams the elements of a top-level JSON array to `onItem` (index, value) without holding the file
 * in memory. A top-level object is returned whole so the caller can explain it (an API error body).
 * Throws JsonReadError for files that are not JSON at all (empty, HTML, plain text).
 */
export async function streamJsonArray(
  path: string,
  onItem: (item: JsonValue, index: number) => void,
): Promise<StreamedArray> {
  const whole = await parseSmallDocument(path);
  if (Array.isArray(whole)) {
    whole.forEach((item, index) => onItem(item, index));
    return { shape: 'array', delivered: whole.length };
  }
  if (isJsonObject(whole)) return { shape: 'object', object: whole, delivered: 0 };
  return withRegularFile(path, {}, (handle) => streamHandle(handle, onItem));
}

async function streamHandle(
  handle: FileHandle,
  onItem: (item: JsonValue, index: number) => void,
): Promise<StreamedArray> {
  let shape: 'array' | 'object' | undefined;
  let parser: JSONParser | undefined;
  let object: JsonObject | undefined;
  let delivered = 0;
  let size = 0;
  let first = true;
  let head = '';
  // The parser reports exceptions thrown by onValue as syntax errors; keep the caller's own error.
  let callbackError: { error: unknown } | undefined;

  for await (const raw of handle.createReadStream({ highWaterMark: 256 * 1024, autoClose: false })) {
    const chunk = stripBom(raw as Buffer, first);
    first = false;
    if (!parser) {
      head += chunk.toString('utf8', 0, Math.min(chunk.length, 64));
      const start = describeStart(head);
      if (start.kind === 'empty') continue;
      if (start.kind === 'html') throw new JsonReadError('not JSON: looks like an HTML page (an error or login page?)');
      if (start.kind === 'other') throw new JsonReadError(`not JSON: starts with ${JSON.stringify(start.char)}`);
      shape = start.kind;
      parser = new JSONParser(shape === 'array' ? { paths: ['$.*'], keepStack: false } : { paths: ['$'] });
      parser.onValue = ({ value, key }) => {
        if (shape === 'array') {
          try {
            onItem(value as JsonValue, typeof key === 'number' ? key : delivered);
          } catch (error) {
            callbackError ??= { error };
            throw error;
          }
          delivered++;
        } else {
          object = value as JsonObject;
        }
      };
    }
    size += chunk.length;
    if (shape === 'object' && size > MAX_JSON_DOCUMENT_BYTES) {
      throw new JsonReadError(`JSON document larger than ${MAX_JSON_DOCUMENT_BYTES / 1024 / 1024} MiB`);
    }
    try {
      parser.write(chunk);
    } catch (error) {
      if (callbackError) throw callbackError.error;
      if (shape === 'object') throw new JsonReadError(`not valid JSON: ${parserMessage(error)}`);
      return { shape: 'array', delivered, brokenAt: `not valid JSON after element ${delivered}: ${parserMessage(error)}` };
    }
  }
  if (!parser || !shape) throw new JsonReadError('empty file');
  if (!parser.isEnded) {
    if (shape === 'object') throw new JsonReadError('truncated JSON: the document ends early');
    return { shape, delivered, brokenAt: `truncated JSON after element ${delivered}` };
  }
  return object ? { shape, object, delivered } : { shape, delivered };
}

/** Reads a whole JSON document of bounded size (Jamf objects, meta.json); arrays are collected. */
export async function readJsonDocument(path: string): Promise<JsonValue> {
  const items: JsonValue[] = [];
  const result = await streamJsonArray(path, (item) => items.push(item));
  if (result.shape === 'object') return result.object ?? {};
  if (result.brokenAt) throw new JsonReadError(result.brokenAt);
  return items;
}
