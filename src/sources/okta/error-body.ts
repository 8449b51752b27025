import type { JsonObject } from '../../io/json-file.js';
import { collapseWhitespace, truncate } from '../../text/one-line.js';
import { stringAt } from './json-get.js';

export interface ExpectedArray {
  /** What the array should hold, e.g. "LogEvents": "expected a JSON array of LogEvents". */
  arrayOf: string;
  /** Short noun for the error-body message, e.g. "events": "an Okta error body, not events: ...". */
  noun: string;
}

/**
 * Why a file holding a top-level object is unusable: an Okta API error body saved in place of a page
 * (`{"errorCode":"E0000011","errorSummary":"Invalid token provided",...}`) or some other object.
 */
export function explainTopLevelObject(object: JsonObject | undefined, expected: ExpectedArray): string {
  const code = stringAt(object, 'errorCode');
  const summary = stringAt(object, 'errorSummary');
  if (code === undefined && summary === undefined) return `expected a JSON array of ${expected.arrayOf}`;
  const text = [code, summary].filter((part) => part !== undefined).join(' ');
  return `an Okta error body, not ${expected.noun}: ${truncate(collapseWhitespace(text), 200)}`;
}
