// A SCIM query parameter (`filter` on logs, `search` on devices): parsed, then checked against the endpoint's field rules.
import type { Reply } from '../http-util.js';
import { invalidFilter, oktaError } from './errors.js';
import { comparisons, parseScim, ScimSyntaxError, type ScimNode } from './filter.js';

export type Comparison = ReturnType<typeof comparisons>[number];

/** The parsed expression, or the 400 Okta answers: E0000053 for bad syntax, else what `rule` says about a comparison. */
export function scimParam(text: string, label: 'filter' | 'search', rule: (c: Comparison) => Reply | undefined): ScimNode | Reply {
  let node: ScimNode;
  try {
    node = parseScim(text);
  } catch (error) {
    if (error instanceof ScimSyntaxError) return invalidFilter(`Invalid ${label} '${text}': ${error.message}`);
    throw error;
  }
  for (const c of comparisons(node)) {
    const problem = rule(c);
    if (problem) return problem;
  }
  return node;
}

export const unsupportedOperator = (c: Comparison): Reply =>
  oktaError(400, 'E0000031', `The supplied combination of operator and field is not currently supported. Operator: ${c.op}, Field: ${c.path}`);
