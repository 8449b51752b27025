/** Reading a Jamf evidence file as one JSON document, turning unusable files into a one-line reason. */
import { describeReadFailure, isJsonObject, JsonReadError, readJsonDocument, type JsonValue } from '../../io/json-file.js';
import { FileReport } from '../../model/file-report.js';
import { sanitizeLine } from '../../text/sanitize.js';
import { arrayAt, idAt, stringAt, type Skip } from './fields.js';
import { describeMarkupFile } from '../../text/html-page.js';

/**
 * The parsed document, or undefined after `report.fail` for files that are not JSON (empty, HTML error
 * pages, XML, plain text, truncated) or cannot be read. Other errors are bugs and propagate.
 */
export async function readJamfDocument(path: string, report: FileReport): Promise<JsonValue | undefined> {
  try {
    return await readJsonDocument(path);
  } catch (error) {
    const reason = error instanceof JsonReadError ? await explainReadError(path, error) : describeReadFailure(error);
    if (reason === undefined) throw error;
    report.fail(reason);
    return undefined;
  }
}

/**
 * The reader's reason, with what the page says when the file is an HTML error page, or a plainer
 * reason when it is XML (the reader calls anything starting with "<" HTML).
 */
async function explainReadError(path: string, error: JsonReadError): Promise<string> {
  if (!error.message.includes('HTML')) return error.message;
  const markup = await describeMarkupFile(path);
  if (markup?.kind === 'xml') {
    const root = markup.root ? ` <${markup.root}>` : '';
    return `not JSON: an XML document${root} (the Classic API answers XML unless sent Accept: application/json)`;
  }
  return markup?.summary ? `${error.message} — "${markup.summary}"` : error.message;
}

/**
 * One line for a JSON error body saved in place of data: the Jamf Pro API `ApiError`
 * ({"httpStatus", "errors": [{"code", "description"}]}) or an OAuth error ({"error", "error_description"}).
 */
export function describeJamfErrorBody(doc: JsonValue): string | undefined {
  if (!isJsonObject(doc)) return undefined;
  const status = idAt(doc, 'httpStatus');
  const errors = arrayAt(doc, 'errors');
  if (status !== undefined && errors !== undefined) {
    const first = errors.find(isJsonObject);
    const code = stringAt(first, 'code');
    const description = stringAt(first, 'description');
    const detail = [code, description].filter((part) => part !== undefined).join(': ');
    return sanitizeLine(`Jamf API error ${status}${detail ? ` (${detail})` : ''}`, 200);
  }
  const oauth = stringAt(doc, 'error');
  if (oauth !== undefined) {
    const description = stringAt(doc, 'error_description');
    return sanitizeLine(`Jamf authentication error ${oauth}${description ? ` (${description})` : ''}`, 200);
  }
  return undefined;
}

/** Records a normalised document's outcome (fatal reason, skipped records, notes) on its report. */
export function reportJamfDocument<T extends { skips: Skip[]; notes?: string[] }>(
  report: FileReport,
  doc: JsonValue,
  normalize: (doc: JsonValue) => T | { error: string },
): T | undefined {
  const result = normalize(doc);
  if ('error' in result) {
    report.fail(result.error);
    return undefined;
  }
  for (const skip of result.skips) report.skip(skip.at, skip.reason);
  for (const note of result.notes ?? []) report.note(note);
  return result;
}

/**
 * The shared shape of every Jamf file parser: read the document, normalise it, and record the
 * outcome in a FileReport for `rel`.
 */
export async function parseJamfFile<T extends { skips: Skip[]; notes?: string[] }>(
  path: string,
  rel: string,
  normalize: (doc: JsonValue) => T | { error: string },
): Promise<{ result?: T; report: FileReport }> {
  const report = new FileReport(rel);
  const doc = await readJamfDocument(path, report);
  if (doc === undefined) return { report };
  const result = reportJamfDocument(report, doc, normalize);
  return result ? { result, report } : { report };
}
