import { FileRefused, readTextFile } from '../io/bounded-file.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as z from './zod.js';
import { sourceAdapters } from '../sources/registry.js';
import { DURATION_PATTERN } from '../time/duration.js';
import { DocumentError, parseYamlDocument } from './yaml-document.js';

const text = z.string().check(z.minLength(1));

/**
 * One named set of service endpoints and credentials: a section per configured source (each source
 * declares its schema; environment variables override each field) and the shared CA file.
 */
function profileSchema() {
  const sections = Object.fromEntries(sourceAdapters().flatMap((a) => (a.config ? [[a.id, z.optional(a.config.schema)]] : [])));
  return z.strictObject({
    ...sections,
    /** Extra CA certificates (PEM) for TLS inspection proxies. */
    caFile: z.optional(text),
  });
}
export interface Profile {
  caFile?: string | undefined;
  /** Each source's section, by adapter id. */
  [source: string]: unknown;
}

/**
 * `$XDG_CONFIG_HOME/trustline/config.yaml` (default `~/.config/trustline/config.yaml`). Keys this
 * build reads are validated; other keys are left for the features that own them.
 */
function configSchema() {
  return z.looseObject({
    /** Directory of organisation hypothesis packs, added to (or overriding) the built-in pack. */
    rules: z.optional(text),
    /** Correlation window for cross-source matching, e.g. 30s. */
    window: z.optional(z.string().check(z.regex(DURATION_PATTERN, 'a duration such as 30s or 2m'))),
    /** The profile used when neither --profile nor TRUSTLINE_PROFILE names one. */
    profile: z.optional(text),
    profiles: z.optional(z.record(z.string(), profileSchema())),
  });
}
export interface Config {
  rules?: string | undefined;
  window?: string | undefined;
  profile?: string | undefined;
  profiles?: Record<string, Profile> | undefined;
  [key: string]: unknown;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'trustline', 'config.yaml');
}

/** A config file is a few kilobytes; anything past this is not one. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Reads the config file; a missing file is an empty config, a broken one an error naming the line. */
export async function readConfig(path = configPath()): Promise<Config> {
  let source: string;
  try {
    source = await readTextFile(path, MAX_CONFIG_BYTES);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    if (error instanceof FileRefused) throw new DocumentError(`${path}: ${error.message}`);
    throw error;
  }
  return parseYamlDocument(source, path, configSchema()).data;
}
