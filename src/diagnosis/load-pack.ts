import type { FactDeclaration } from '../core/facts.js';
import type { KindDeclaration } from '../core/kinds.js';
import { SOURCE_ROLES } from '../core/roles.js';
import { DocumentError, readYaml, validateYaml, type ValidatedDocument } from '../config/yaml-document.js';
import { durationMs } from '../time/duration.js';
import { DEFAULT_COST, DEFAULT_THRESHOLDS, DEFAULT_WINDOW_MS, type Cause, type CompiledMatcher, type DiagnosisModel, type FieldTest, type Finding, type Step } from './model.js';
import { asList, ENGINE_VERSION, PackSchema, type FindingDef, type Matcher, type PackV2, type StepDef } from './pack-schema.js';
import { patternProblem } from '../text/safe-pattern.js';

/** What the sources declare and trustline can run: a pack naming anything else fails to load. */
/** Why a pack pattern is refused (invalid, or able to backtrack catastrophically), or undefined. */
export function unsafePatternReason(source: string): string | undefined {
  try {
    new RegExp(source, 'i');
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
  return patternProblem(source);
}

export interface PackVocabulary {
  kinds: readonly KindDeclaration[];
  facts: readonly FactDeclaration[];
  /** Probe names trustline can run on the Mac. */
  probes: readonly string[];
  /** Adapter ids (each registered source's `id`); roles are always accepted. */
  sources: readonly string[];
}

export interface ParsedPack {
  file: string;
  pack: PackV2;
  problem: ValidatedDocument<PackV2>['problem'];
}

const V1_MESSAGE =
  'this is a v1 pack (hypotheses with weighted signatures); engine 2 reads `engine: 2` packs with findings, causes and steps. ' +
  'To convert: make each signature a finding with a leak, each hypothesis a cause with a prior, produces: {finding: probability} ' +
  'for its evidence and for the absence its contradictions describe, and its runbook steps with ids (README, "Writing a diagnosis pack")';

/** Parses and validates one pack file's text (YAML, or JSON, which YAML reads too). */
export function parsePackText(text: string, file: string): ParsedPack {
  const source = readYaml(text, file);
  const top = source.value;
  if (top !== null && typeof top === 'object' && !('engine' in top) && 'hypotheses' in top) {
    throw new DocumentError(`${file}:1: engine: ${V1_MESSAGE}`);
  }
  if (top !== null && typeof top === 'object' && 'engine' in top && top.engine !== ENGINE_VERSION) {
    throw new DocumentError(`${file}:1: engine: written for engine ${String(top.engine)}; this trustline runs engine ${ENGINE_VERSION}`);
  }
  const doc = validateYaml(source, PackSchema);
  return { file, pack: doc.data, problem: doc.problem };
}

type Origin<T> = { def: T; from: ParsedPack; index: number };

/** One pack's entries replace earlier packs' entries with the same id. */
function mergeById<K extends 'findings' | 'causes' | 'steps'>(packs: readonly ParsedPack[], section: K): Map<string, Origin<PackV2[K][number]>> {
  const out = new Map<string, Origin<PackV2[K][number]>>();
  for (const from of packs) {
    const seen = new Set<string>();
    for (const [index, def] of (from.pack[section] as readonly PackV2[K][number][]).entries()) {
      if (seen.has(def.id)) throw from.problem([section, index, 'id'], `"${def.id}" appears twice in this pack`);
      seen.add(def.id);
      out.set(def.id, { def, from, index });
    }
  }
  return out;
}

/** Whether a pack's kind pattern and a declared kind (either may end in `*`) can name the same kind. */
function kindPatternMatches(pattern: string, kind: string): boolean {
  const p = pattern.endsWith('*') ? pattern.slice(0, -1) : undefined;
  const k = kind.endsWith('*') ? kind.slice(0, -1) : undefined;
  if (p !== undefined && k !== undefined) return p.startsWith(k) || k.startsWith(p);
  if (p !== undefined) return kind.startsWith(p);
  if (k !== undefined) return pattern.startsWith(k);
  return pattern === kind;
}

class Compiler {
  constructor(
    private readonly vocabulary: PackVocabulary,
    private readonly lists: ReadonlyMap<string, readonly (string | number | boolean)[]>,
  ) {}

  private expand(values: readonly (string | number | boolean)[], fail: (message: string) => never): (string | number | boolean)[] {
    return values.flatMap((v) => {
      if (typeof v !== 'string' || !v.startsWith('@')) return [v];
      const list = this.lists.get(v.slice(1));
      if (!list) return fail(`no list named "${v.slice(1)}"`);
      return [...list];
    });
  }

  private pattern(source: string, fail: (message: string) => never): RegExp {
    const unsafe = unsafePatternReason(source);
    if (unsafe) fail(unsafe);
    return new RegExp(source, 'i');
  }

  matcher(m: Matcher, fail: (field: (string | number)[], message: string) => never): CompiledMatcher {
    const sources = asList(m.source);
    for (const s of sources) {
      if (!(SOURCE_ROLES as readonly string[]).includes(s) && !this.vocabulary.sources.includes(s)) {
        fail(['source'], `unknown source "${s}" (roles: ${SOURCE_ROLES.join(', ')}; adapters: ${this.vocabulary.sources.join(', ')})`);
      }
    }
    const written = this.expand(asList(m.kind), (msg) => fail(['kind'], msg)).map(String);
    // A matcher that names only roles reads those roles' generic kinds: the event index then hands it
    // that role's events instead of every event.
    const kinds = written.length === 0 && sources.length > 0 && sources.every((s) => (SOURCE_ROLES as readonly string[]).includes(s)) ? sources.map((r) => `${r}.*`) : written;
    const declared: KindDeclaration[] = [];
    for (const k of kinds) {
      const hits = this.vocabulary.kinds.filter((d) => kindPatternMatches(k, d.kind) || kindPatternMatches(k, d.generic));
      if (hits.length === 0) fail(['kind'], `no source declares a kind matching "${k}"`);
      declared.push(...hits);
    }
    const fields: [string, FieldTest][] = [];
    for (const [name, cond] of Object.entries(m.fields ?? {})) {
      const withFields = declared.filter((d) => d.fields !== undefined);
      if (declared.length > 0 && withFields.length === declared.length && !withFields.some((d) => d.fields!.includes(name))) {
        fail(['fields', name], `no kind this finding matches has a field "${name}"`);
      }
      if (typeof cond === 'object' && !Array.isArray(cond)) {
        const re = this.pattern(cond.re, (msg) => fail(['fields', name, 're'], msg));
        fields.push([name, (v) => v !== undefined && v !== null && re.test(String(v))]);
      } else {
        const accepted = new Set(this.expand(Array.isArray(cond) ? cond : [cond], (msg) => fail(['fields', name], msg)).map(String));
        fields.push([name, (v) => v !== undefined && v !== null && accepted.has(String(v))]);
      }
    }
    const severities = m.severity === undefined ? [] : Array.isArray(m.severity) ? m.severity : [m.severity];
    const text = m.text === undefined ? undefined : this.pattern(m.text, (msg) => fail(['text'], msg));
    return { sources, kinds, severities, fields, text, mine: m.mine === true };
  }
}

function compileFinding(o: Origin<FindingDef>, compiler: Compiler, vocabulary: PackVocabulary): Finding {
  const { def, from, index } = o;
  const at = (field: (string | number)[], message: string): never => {
    throw from.problem(['findings', index, ...field], message);
  };
  const form = def.match ? 'match' : def.absent ? 'absent' : 'fact';
  const matcherDef = def.match ?? def.absent;
  const matcher = matcherDef ? compiler.matcher(matcherDef, (field, msg) => at([form, ...field], msg)) : undefined;
  if (def.fact) {
    const declared = vocabulary.facts.find((f) => f.name === def.fact!.name);
    if (!declared) at(['fact', 'name'], `no source declares a fact "${def.fact.name}"`);
    else {
      if (declared.arg !== undefined && def.fact.arg === undefined) at(['fact', 'arg'], `"${declared.name}" takes an argument: ${declared.arg}`);
      if (declared.arg === undefined && def.fact.arg !== undefined) at(['fact', 'arg'], `"${declared.name}" takes no argument`);
      if (def.fact.arg !== undefined) {
        const unsafe = unsafePatternReason(def.fact.arg);
        if (unsafe) at(['fact', 'arg'], unsafe);
      }
      if ((def.fact.gt !== undefined || def.fact.lt !== undefined) && declared.type !== 'number') at(['fact'], `"${declared.name}" is a ${declared.type}; gt and lt need a number`);
    }
  }
  const anchor = def.near ?? def.before ?? def.after;
  const type = def.near !== undefined ? 'near' : def.before !== undefined ? 'before' : 'after';
  // An organisation pack's window applies to its own findings only.
  const withinMs = def.within ? durationMs(def.within) : from.pack.window ? durationMs(from.pack.window) : DEFAULT_WINDOW_MS;
  return {
    id: def.id,
    why: def.why,
    whyNot: def.whyNot ?? `Not so: ${def.why}`,
    leak: def.leak,
    form,
    matcher,
    fact: def.fact,
    count: def.count ?? 1,
    relation: anchor === undefined ? undefined : { type, anchor, withinMs },
  };
}

/** Orders findings so that anchors come first; a cycle is a load error naming the findings in it. */
function orderFindings(findings: Map<string, Origin<FindingDef>>, compiled: Map<string, Finding>): Finding[] {
  const out: Finding[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    const o = findings.get(id)!;
    if (state.get(id) === 'visiting') {
      throw o.from.problem(['findings', o.index], `findings refer to each other in a cycle: ${[...path.slice(path.indexOf(id)), id].join(' → ')}`);
    }
    state.set(id, 'visiting');
    const anchor = compiled.get(id)!.relation?.anchor;
    if (anchor !== undefined) visit(anchor, [...path, id]);
    state.set(id, 'done');
    out.push(compiled.get(id)!);
  };
  for (const id of [...findings.keys()].sort()) visit(id, []);
  return out;
}

function compileStep(o: Origin<StepDef>, vocabulary: PackVocabulary, findings: ReadonlyMap<string, unknown>): Step {
  const { def, from, index } = o;
  if (def.probe !== undefined && !vocabulary.probes.includes(def.probe)) {
    throw from.problem(['steps', index, 'probe'], `unknown probe "${def.probe}" (known: ${vocabulary.probes.join(', ')})`);
  }
  for (const [i, f] of def.settles.entries()) {
    if (!findings.has(f)) throw from.problem(['steps', index, 'settles', i], `no finding "${f}"`);
  }
  const kind = def.probe !== undefined ? 'probe' : def.console !== undefined ? 'console' : 'command';
  return {
    id: def.id,
    title: def.title,
    checks: def.checks,
    kind,
    action: def.probe ?? def.console ?? def.command ?? '',
    confirms: def.confirms,
    refutes: def.refutes,
    expect: def.expect,
    settles: def.settles,
    cost: def.cost ?? DEFAULT_COST[kind],
  };
}

/**
 * Merges packs (a later pack's entry replaces an earlier one with the same id; the last `thresholds`
 * wins) and checks every cross-reference, kind, fact, pattern and probe. Pure: packs are read elsewhere.
 */
export function compileModel(packs: readonly ParsedPack[], vocabulary: PackVocabulary): DiagnosisModel {
  if (packs.length === 0) throw new DocumentError('no diagnosis pack');
  const lists = new Map<string, readonly (string | number | boolean)[]>();
  for (const p of packs) for (const [name, values] of Object.entries(p.pack.lists)) lists.set(name, values);
  const compiler = new Compiler(vocabulary, lists);
  const findingDefs = mergeById(packs, 'findings');
  const compiled = new Map<string, Finding>();
  for (const [id, o] of findingDefs) compiled.set(id, compileFinding(o, compiler, vocabulary));
  for (const [, o] of findingDefs) {
    const anchor = compiled.get(o.def.id)!.relation?.anchor;
    const field = o.def.near !== undefined ? 'near' : o.def.before !== undefined ? 'before' : 'after';
    if (anchor !== undefined && !compiled.has(anchor)) throw o.from.problem(['findings', o.index, field], `no finding "${anchor}"`);
    if (anchor !== undefined && compiled.get(anchor)!.form !== 'match') {
      throw o.from.problem(['findings', o.index, field], `"${anchor}" is not a match finding, so it has no events to relate to`);
    }
  }
  const findings = orderFindings(findingDefs, compiled);
  const steps = new Map<string, Step>();
  for (const [id, o] of mergeById(packs, 'steps')) steps.set(id, compileStep(o, vocabulary, compiled));
  const causes: Cause[] = [];
  for (const [, { def, from, index }] of mergeById(packs, 'causes')) {
    const at = (field: (string | number)[], message: string) => from.problem(['causes', index, ...field], message);
    for (const f of Object.keys(def.produces)) if (!compiled.has(f)) throw at(['produces', f], `no finding "${f}"`);
    for (const [i, f] of def.excludedBy.entries()) if (!compiled.has(f)) throw at(['excludedBy', i], `no finding "${f}"`);
    for (const [i, f] of def.requires.entries()) if (!(f in def.produces)) throw at(['requires', i], `"${f}" is not among the findings it produces`);
    for (const [i, s] of def.steps.entries()) if (!steps.has(s)) throw at(['steps', i], `no step "${s}"`);
    if (!steps.has(def.remedy)) throw at(['remedy'], `no step "${def.remedy}"`);
    causes.push({
      id: def.id,
      title: def.title,
      explanation: def.explanation.trim(),
      prior: def.prior,
      produces: new Map(Object.entries(def.produces)),
      excludedBy: def.excludedBy,
      requires: def.requires,
      steps: def.steps,
      remedy: def.remedy,
    });
  }
  if (causes.length === 0) throw new DocumentError(`${packs[packs.length - 1]!.file}: no causes in any pack`);
  causes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const thresholds = { ...DEFAULT_THRESHOLDS, ...packs.reduce<PackV2['thresholds']>((t, p) => p.pack.thresholds ?? t, undefined) };
  return { thresholds, findings, causes, steps };
}
