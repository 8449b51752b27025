import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileRefused, readTextFile } from '../io/bounded-file.js';
import { compileModel, parsePackText, type PackVocabulary, type ParsedPack } from '../diagnosis/load-pack.js';
import type { PackV2 } from '../diagnosis/pack-schema.js';
import type { ActiveModel } from '../diagnosis/rank-analysis.js';
import { COMMAND_NAMES, LOG_NAMES, PROBE_COMMANDS } from '../sources/mac/ssh/commands.js';
import { errnoText } from '../io/errno-text.js';
import { declaredFacts, declaredKinds, sourceAdapters } from '../sources/registry.js';
import { DocumentError } from './document-error.js';

const MAX_PACK_BYTES = 1024 * 1024;

/** What the sources declare and trustline can run. */
export function packVocabulary(): PackVocabulary {
  return { kinds: declaredKinds(), facts: declaredFacts(), probes: COMMAND_NAMES, sources: sourceAdapters().map((a) => a.id) };
}

async function readPackFile(path: string, file: string): Promise<ParsedPack> {
  let text: string;
  try {
    text = await readTextFile(path, MAX_PACK_BYTES);
  } catch (error) {
    throw new DocumentError(`${file}: ${error instanceof FileRefused ? error.message : `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`}`);
  }
  return parsePackText(text, file);
}

/** Every pack file (.yaml, .yml, .json) in a directory, in name order. */
export async function readPackDirectory(dir: string): Promise<ParsedPack[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/i.test(n)).sort();
  } catch (error) {
    throw new DocumentError(`rules directory ${dir}: ${errnoText(error, 'directory')}`);
  }
  if (names.length === 0) throw new DocumentError(`rules directory ${dir} has no .yaml, .yml or .json pack`);
  const packs: ParsedPack[] = [];
  for (const name of names) packs.push(await readPackFile(join(dir, name), join(dir, name)));
  return packs;
}

/**
 * The built-in pack, shipped beside the code (bin/build/packs in the bundle, src/diagnosis/packs in
 * source). The build validates builtin.yaml and writes it as builtin.json, which is read with
 * JSON.parse: parsing and validating the YAML at every start took a good part of the console's start-up.
 */
export async function readBuiltinPack(): Promise<ParsedPack> {
  try {
    const pack = JSON.parse(await readFile(new URL('./packs/builtin.json', import.meta.url), 'utf8')) as PackV2;
    return { file: 'builtin.json', pack, problem: (path, message) => new DocumentError(`builtin.json: ${path.join('.')}: ${message}`) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // In a bundle the YAML sits beside the code too (bin/build/packs); in source, in src/diagnosis/packs.
  for (const rel of ['./packs/builtin.yaml', '../diagnosis/packs/builtin.yaml']) {
    const path = new URL(rel, import.meta.url).pathname;
    if (existsSync(path)) return readPackFile(path, 'builtin.yaml');
  }
  throw new DocumentError('builtin.yaml: not found beside the program');
}

/**
 * The built-in pack with organisation packs applied (an entry with a built-in id replaces it). Every
 * pack is validated before any is applied, so an invalid one changes nothing. `window` replaces the
 * built-in pack's default window; an organisation pack's own `window` applies to its own findings.
 */
export async function loadDiagnosisModel(options: { rulesDir?: string | undefined; window?: string | undefined }): Promise<ActiveModel> {
  const builtin = await readBuiltinPack();
  const base = options.window ? { ...builtin, pack: { ...builtin.pack, window: options.window } } : builtin;
  const extra = options.rulesDir ? await readPackDirectory(options.rulesDir) : [];
  const model = compileModel([base, ...extra], packVocabulary());
  return { model, probeCommand: (name) => PROBE_COMMANDS[name as keyof typeof PROBE_COMMANDS] ?? name, logProbes: LOG_NAMES };
}

/** Validates the built-in pack's text completely (schema and cross-references) and returns its data, for the build. */
export function compileBuiltinPack(text: string): PackV2 {
  const parsed = parsePackText(text, 'builtin.yaml');
  compileModel([parsed], packVocabulary());
  return parsed.pack;
}
