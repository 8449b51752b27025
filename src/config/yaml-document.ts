import { LineCounter, parseDocument } from 'yaml';
import type * as z from './zod.js';

import { DocumentError } from './document-error.js';

export { DocumentError };

function describePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || '(top level)';
}

export interface ValidatedDocument<T> {
  data: T;
  /** `file:line: field: message` for a problem found after schema validation (cross-references). */
  problem(path: readonly PropertyKey[], message: string): DocumentError;
}

/**
 * Parses YAML (JSON is YAML too) and validates it with a schema. Errors point at the line of the
 * offending field, or of its nearest parent when the field is missing.
 */
export function parseYamlDocument<S extends z.ZodMiniType>(text: string, file: string, schema: S): ValidatedDocument<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  const problem = (path: readonly PropertyKey[], message: string) =>
    new DocumentError(`${file}:${lineOf(path)}: ${describePath(path)}: ${message}`);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line ?? 1;
    throw new DocumentError(`${file}:${line}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // An unknown key is reported on its parent: point at the key itself.
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    throw problem(key === undefined ? issue.path : [...issue.path, key], issue.message);
  }
  return { data: parsed.data, problem };
}
