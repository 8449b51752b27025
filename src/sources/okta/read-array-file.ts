import { describeReadFailure, streamJsonArray, type JsonValue } from '../../io/json-file.js';
import type { FileReport } from '../../model/file-report.js';
import { explainTopLevelObject, type ExpectedArray } from './error-body.js';

/**
 * Streams a file that should hold a JSON array (an Okta API page) into `onItem`, recording on `report`
 * why it is not fully usable: not JSON, an error body or other object, broken part way, unreadable.
 * Elements delivered before a break stay delivered. Programming errors are not swallowed.
 */
export async function readOktaArrayFile(
  path: string,
  report: FileReport,
  expected: ExpectedArray,
  onItem: (item: JsonValue, index: number) => void,
): Promise<void> {
  try {
    const result = await streamJsonArray(path, onItem);
    if (result.shape === 'object') report.fail(explainTopLevelObject(result.object, expected));
    else if (result.brokenAt !== undefined) report.fail(result.brokenAt);
  } catch (error) {
    const reason = describeReadFailure(error);
    if (reason === undefined) throw error;
    report.fail(reason);
  }
}
