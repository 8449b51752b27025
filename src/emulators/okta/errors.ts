// Okta's error body {errorCode, errorSummary, errorLink, errorId, errorCauses} and its usual codes.
import type { OutgoingHttpHeaders } from 'node:http';
import { jsonReply, randomId, type Reply } from '../http-util.js';

export function oktaError(status: number, code: string, summary: string, causes: string[] = [], headers: OutgoingHttpHeaders = {}): Reply {
  const body = {
    errorCode: code,
    errorSummary: summary,
    errorLink: code,
    errorId: `oae${randomId(16).replace(/[-_]/g, 'x').slice(0, 22)}`,
    errorCauses: causes.map((errorSummary) => ({ errorSummary })),
  };
  return jsonReply(status, body, headers);
}

export const invalidToken = (headers: OutgoingHttpHeaders = {}): Reply => oktaError(401, 'E0000011', 'Invalid token provided', [], headers);

export const tooManyRequests = (headers: OutgoingHttpHeaders): Reply =>
  oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], headers);

/** 400 E0000001 "Api validation failed: …" with one cause per problem. */
export function validationFailed(problems: { field: string; message: string }[]): Reply {
  const summary = problems.map((p) => `'${p.field}': ${p.message}`).join(' ');
  return oktaError(400, 'E0000001', `Api validation failed: ${summary}`, problems.map((p) => `${p.field}: ${p.message}`));
}

/** 400 E0000053 (invalid SCIM filter, invalid parameter). */
export const invalidFilter = (summary: string): Reply => oktaError(400, 'E0000053', summary);

export const notFound = (what: string): Reply => oktaError(404, 'E0000007', `Not found: Resource not found: ${what}`);

export const methodNotAllowed = (): Reply => oktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
