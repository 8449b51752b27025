import { sourceAdapters } from '../sources/registry.js';
import { configPath, type Config, type Profile } from './config-file.js';
import { pick } from './settings-fields.js';
import { DocumentError } from './document-error.js';

/** Each configured source's settings, by adapter id (what its config resolved), and the shared CA file. */
export interface LiveSettings {
  sources: Record<string, unknown>;
  caFile?: string;
}

/** Environment names other tools rely on (see README, "Configuration"); each source declares its own. */
export const ENV = {
  profile: 'TRUSTLINE_PROFILE',
  caFile: 'TRUSTLINE_CA_FILE',
} as const;

function selectProfile(config: Config, env: NodeJS.ProcessEnv, requested: string | undefined): Profile {
  const name = requested ?? pick(env, ENV.profile, config.profile);
  if (name === undefined) return config.profiles?.['default'] ?? {};
  const profile = config.profiles?.[name];
  if (!profile) {
    const known = Object.keys(config.profiles ?? {});
    throw new DocumentError(`no profile named "${name}" in ${configPath(env)}${known.length ? ` (profiles: ${known.join(', ')})` : ' (it has none)'}`);
  }
  return profile;
}

/** Whether any source is configured to be read live. */
export function anySourceConfigured(settings: LiveSettings): boolean {
  return Object.keys(settings.sources).length > 0;
}

/**
 * Endpoints and credentials for live sources: the selected profile of the config file, each field
 * overridden by its environment variable, as each source's config resolves its own section (in
 * registry order). Every secret is registered for masking before use. A source with no URL at all is
 * simply not configured; half a configuration is an error.
 */
export async function resolveLiveSettings(config: Config, env: NodeJS.ProcessEnv, profileName?: string): Promise<LiveSettings> {
  const profile = selectProfile(config, env, profileName);
  const settings: LiveSettings = { sources: {} };
  for (const adapter of sourceAdapters()) {
    if (!adapter.config) continue;
    const section = profile[adapter.id];
    const resolved = await adapter.config.resolve(env, typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : undefined);
    if (resolved !== undefined) settings.sources[adapter.id] = resolved;
  }
  const caFile = pick(env, ENV.caFile, profile.caFile);
  if (caFile) settings.caFile = caFile;
  return settings;
}
