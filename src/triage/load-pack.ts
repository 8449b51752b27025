import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DocumentError, parseYamlDocument } from '../config/yaml-document.js';
import { PackSchema, type HypothesisDefinition, type Pack } from './pack-schema.js';
import { PROBE_COMMANDS } from '../sources/mac/ssh/commands.js';


const MAX_PACK_BYTES = 1024 * 1024;

/** Cross-references the schema cannot see: `near` and `produces` name signatures, probes exist, ids unique. */
function crossCheck(h: HypothesisDefinition, index: number): { path: (string | number)[]; message: string } | undefined {
  const base = ['hypotheses', index];
  const ids = new Set<string>();
  const signatures = [...h.evidence.map((s) => ['evidence', s] as const), ...h.contradictions.map((s) => ['contradictions', s] as const)];
  for (const [i, [list, s]] of signatures.entries()) {
    const at = [...base, list, list === 'evidence' ? i : i - h.evidence.length];
    if (ids.has(s.id)) return { path: [...at, 'id'], message: `duplicate signature id "${s.id}"` };
    ids.add(s.id);
    if (s.absent && s.near === undefined) return { path: at, message: 'an absent signature needs near: absence is judged around other evidence' };
  }
  for (const [i, [list, s]] of signatures.entries()) {
    const at = [...base, list, list === 'evidence' ? i : i - h.evidence.length];
    if (s.near !== undefined && (!ids.has(s.near) || s.near === s.id)) {
      return { path: [...at, 'near'], message: `near names no other signature of this hypothesis: "${s.near}"` };
    }
  }
  if (!h.evidence.some((s) => s.core)) return { path: [...base, 'evidence'], message: 'at least one evidence signature must be core: true' };
  for (const [i, step] of h.runbook.entries()) {
    if (step.probe !== undefined && !(step.probe in PROBE_COMMANDS)) {
      return { path: [...base, 'runbook', i, 'probe'], message: `unknown probe "${step.probe}" (known: ${Object.keys(PROBE_COMMANDS).join(', ')})` };
    }
    const unknown = step.produces.find((id) => !ids.has(id));
    if (unknown) return { path: [...base, 'runbook', i, 'produces'], message: `produces names no signature of this hypothesis: "${unknown}"` };
  }
  return undefined;
}

/** Parses and validates one pack file (YAML, or JSON, which YAML reads too). */
export function parsePack(text: string, file: string): Pack {
  const doc = parseYamlDocument(text, file, PackSchema);
  const seen = new Set<string>();
  for (const [i, h] of doc.data.hypotheses.entries()) {
    const problem = crossCheck(h, i);
    if (problem) throw doc.problem(problem.path, problem.message);
    if (seen.has(h.id)) throw doc.problem(['hypotheses', i, 'id'], `"${h.id}" appears twice in this pack`);
    seen.add(h.id);
  }
  return doc.data;
}

async function readPackFile(path: string, file: string): Promise<Pack> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DocumentError(`${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (text.length > MAX_PACK_BYTES) throw new DocumentError(`${file}: larger than 1 MiB`);
  return parsePack(text, file);
}

/** Every pack file (.yaml, .yml, .json) in a directory, in name order. */
export async function readPackDirectory(dir: string): Promise<{ file: string; pack: Pack }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort();
  } catch (error) {
    throw new DocumentError(`rules directory ${dir}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (names.length === 0) throw new DocumentError(`rules directory ${dir} has no .yaml, .yml or .json pack`);
  const packs: { file: string; pack: Pack }[] = [];
  for (const name of names) packs.push({ file: join(dir, name), pack: await readPackFile(join(dir, name), join(dir, name)) });
  return packs;
}

/**
 * The built-in pack, shipped beside the code (bin/build/packs in the bundle, src/triage/packs in
 * source). The build validates builtin.yaml with parsePack and writes the result as builtin.json
 * beside the bundle: reading that is JSON.parse, where parsing the YAML and validating it again took
 * a good part of the console's start-up (~120 ms of ~650).
 */
export async function readBuiltinPack(): Promise<Pack> {
  try {
    return JSON.parse(await readFile(new URL('./packs/builtin.json', import.meta.url), 'utf8')) as Pack;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const url = new URL('./packs/builtin.yaml', import.meta.url);
  return readPackFile(url.pathname, 'builtin.yaml');
}

/**
 * The built-in hypotheses with organisation packs applied: a hypothesis with a built-in id replaces
 * it, a new id is added. All packs are validated before anything is applied.
 */
export function combinePacks(builtin: Pack, extra: readonly Pack[]): { hypotheses: HypothesisDefinition[]; window: string | undefined } {
  const byId = new Map(builtin.hypotheses.map((h) => [h.id, h] as const));
  let window = builtin.window;
  for (const pack of extra) {
    for (const h of pack.hypotheses) byId.set(h.id, h);
    window = pack.window ?? window;
  }
  return { hypotheses: [...byId.values()], window };
}
