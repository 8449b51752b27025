import { LineCounter, parseDocument, visit } from 'yaml';
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

/** A parsed YAML (or JSON) file: its value and the line of any path in it. */
export interface YamlSource {
  file: string;
  value: unknown;
  lineOf(path: readonly PropertyKey[]): number;
}

/**
 * Parses YAML (JSON is YAML too) into plain values. A syntax error names the line it is on; aliases
 * that would expand past yaml's bound (`maxAliasCount`, a "billion laughs" file) name the first alias.
 */
export function readYaml(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineAt(node.range[0]);
    }
    return 1;
  };
  const yamlError = doc.errors[0];
  if (yamlError) throw new DocumentError(`${file}:${lineAt(yamlError.pos[0])}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
  try {
    return { file, value: doc.toJS(), lineOf };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let line = 1;
    visit(doc, {
      Alias(_key, node) {
        if (node.range) line = lineAt(node.range[0]);
        return visit.BREAK;
      },
    });
    throw new DocumentError(`${file}:${line}: not valid YAML: ${error.message} (aliases expand too far)`);
  }
}

/** Validates a parsed file with a schema. Errors point at the line of the offending field, or of its nearest parent when the field is missing. */
export function validateYaml<S extends z.ZodMiniType>(source: YamlSource, schema: S): ValidatedDocument<z.infer<S>> {
  const problem = (path: readonly PropertyKey[], message: string) =>
    new DocumentError(`${source.file}:${source.lineOf(path)}: ${describePath(path)}: ${message}`);
  const parsed = schema.safeParse(source.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // An unknown key is reported on its parent: point at the key itself.
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    throw problem(key === undefined ? issue.path : [...issue.path, key], issue.message);
  }
  return { data: parsed.data, problem };
}

/** readYaml, then validateYaml. */
export function parseYamlDocument<S extends z.ZodMiniType>(text: string, file: string, schema: S): ValidatedDocument<z.infer<S>> {
  return validateYaml(readYaml(text, file), schema);
}
