// A scenario: an evidence bundle plus scenario.json, loaded once into what the emulators serve.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from '../config/zod.js';
import { isObject, parseIsoDateTime, stringField, type JsonObject } from './json.js';

const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** One System Log event with the instants the server orders it by. */
export interface OktaLogRecord {
  event: JsonObject;
  uuid: string;
  publishedMs: number;
  /** When the emulated org "committed" it: file order, never before `published` (polling queries order by this). */
  persistedMs: number;
  /** 1-based position in persistence order; breaks ties between equal instants. */
  seq: number;
}

export interface ScenarioMeta {
  serial: string;
  hostname: string;
  user: string;
  collectedAt: string;
  deviceTimeZone: string;
}

export interface Scenario {
  name: string;
  title: string;
  story: string;
  dir: string;
  meta: ScenarioMeta;
  okta: {
    /** okta/*.json merged, deduplicated by uuid (first file wins), in persistence order. */
    events: OktaLogRecord[];
    /** okta/devices.json (Device objects, `_embedded.users` kept for expand). */
    devices: JsonObject[];
  };
  jamf: {
    /** jamf/computer.json: the detail object, or every result of a list response. */
    computers: JsonObject[];
    /** jamf/mdm-commands.json results. */
    mdmCommands: JsonObject[];
    /** jamf/history.json's `computer_history` object. */
    history: JsonObject | undefined;
  };
}

const MetaSchema = z.object({
  serial: z.string(),
  hostname: z.string(),
  user: z.string(),
  collectedAt: z.string().check(z.refine((t) => parseIsoDateTime(t) !== undefined, 'not an ISO 8601 date-time')),
  deviceTimeZone: z.string(),
});

const ScenarioFileSchema = z.object({ title: z.string(), story: z._default(z.string(), '') });

async function readJson(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  if (text.length > MAX_FILE_BYTES) throw new Error(`${path}: larger than 16 MiB`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

async function readOptionalJson(path: string): Promise<unknown> {
  try {
    return await readJson(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** scenario.json's title and story, or undefined when the directory has none. */
async function readAbout(dir: string): Promise<{ title: string; story: string } | undefined> {
  const path = join(dir, 'scenario.json');
  const value = await readOptionalJson(path);
  if (value === undefined) return undefined;
  const about = ScenarioFileSchema.safeParse(value);
  if (!about.success) throw new Error(`${path}: needs "title" and "story" strings`);
  return about.data;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function arrayOf(value: unknown, path: string): JsonObject[] {
  if (!Array.isArray(value)) throw new Error(`${path}: expected a JSON array`);
  return value.filter(isObject);
}

/** The `results` of a `{totalCount, results}` envelope, a bare array, or a single object. */
function resultsOf(value: unknown, path: string): JsonObject[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.filter(isObject);
  if (isObject(value) && Array.isArray(value.results)) return value.results.filter(isObject);
  if (isObject(value)) return [value];
  throw new Error(`${path}: expected a JSON object or array`);
}

async function loadOktaEvents(dir: string): Promise<OktaLogRecord[]> {
  const files = (await listDir(join(dir, 'okta'))).filter((n) => n.endsWith('.json') && n !== 'devices.json');
  const records: OktaLogRecord[] = [];
  const seen = new Set<string>();
  let persisted = Number.NEGATIVE_INFINITY;
  for (const file of files) {
    const path = join(dir, 'okta', file);
    for (const event of arrayOf(await readJson(path), path)) {
      const uuid = stringField(event, 'uuid');
      const publishedMs = parseIsoDateTime(stringField(event, 'published') ?? '');
      if (uuid === undefined || publishedMs === undefined || seen.has(uuid)) continue;
      seen.add(uuid);
      persisted = Math.max(publishedMs, persisted + 1);
      records.push({ event, uuid, publishedMs, persistedMs: persisted, seq: records.length + 1 });
    }
  }
  return records;
}

function historyOf(value: unknown): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  return isObject(value.computer_history) ? value.computer_history : value;
}

/** Reads a scenario (or any evidence bundle: scenario.json is optional) from a directory. */
export async function loadScenario(dir: string): Promise<Scenario> {
  const metaPath = join(dir, 'meta.json');
  const meta = MetaSchema.safeParse(await readJson(metaPath));
  if (!meta.success) throw new Error(`${metaPath}: ${meta.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { title, story } = (await readAbout(dir)) ?? { title: basename(dir), story: '' };
  const devicesPath = join(dir, 'okta', 'devices.json');
  const devices = await readOptionalJson(devicesPath);
  const computerPath = join(dir, 'jamf', 'computer.json');
  const commandsPath = join(dir, 'jamf', 'mdm-commands.json');
  return {
    name: basename(dir),
    title,
    story,
    dir,
    meta: meta.data,
    okta: { events: await loadOktaEvents(dir), devices: devices === undefined ? [] : arrayOf(devices, devicesPath) },
    jamf: {
      computers: resultsOf(await readOptionalJson(computerPath), computerPath),
      mdmCommands: resultsOf(await readOptionalJson(commandsPath), commandsPath),
      history: historyOf(await readOptionalJson(join(dir, 'jamf', 'history.json'))),
    },
  };
}

/** The directory the built-in scenarios live in: bin/build/scenarios beside the bundle, src/emulators/scenarios in source. */
function scenariosRoot(): string {
  return fileURLToPath(new URL('./scenarios/', import.meta.url));
}

/** The directory of a built-in demo scenario. */
export function scenarioDir(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`not a scenario name: "${name}"`);
  return join(scenariosRoot(), name);
}

/** The built-in demo scenarios (directories with a scenario.json), by name. */
export async function listScenarios(): Promise<{ name: string; title: string; dir: string }[]> {
  const list: { name: string; title: string; dir: string }[] = [];
  for (const name of await listDir(scenariosRoot())) {
    const dir = join(scenariosRoot(), name);
    const about = await readAbout(dir);
    if (about) list.push({ name, title: about.title, dir });
  }
  return list;
}
