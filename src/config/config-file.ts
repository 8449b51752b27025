import { FileRefused, readTextFile } from '../io/bounded-file.js';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as z from './zod.js';
import { DURATION_PATTERN } from '../time/duration.js';
import { DocumentError, parseYamlDocument } from './yaml-document.js';

const text = z.string().check(z.minLength(1));

/** A secret, or a command printing it (never both): `tokenCommand: security find-generic-password -s trustline-okta -w`. */
function eitherOr<T extends Record<string, unknown>>(pairs: readonly (readonly [keyof T & string, keyof T & string])[]) {
  return z.superRefine((value: T, ctx) => {
    for (const [secret, command] of pairs) {
      if (value[secret] !== undefined && value[command] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [command], message: `set ${secret} or ${command}, not both` });
      }
    }
  });
}

/** One named set of service endpoints and credentials. Environment variables override each field. */
const ProfileSchema = z.strictObject({
  okta: z.optional(
    z
      .strictObject({
        url: z.optional(text),
        token: z.optional(text),
        /** A command printing the SSWS token (run without a shell; see README, "Safety"). */
        tokenCommand: z.optional(text),
        clientId: z.optional(text),
        /** PEM text or a path to a PEM file. */
        privateKey: z.optional(text),
        keyId: z.optional(text),
      })
      .check(eitherOr([['token', 'tokenCommand']])),
  ),
  jamf: z.optional(
    z
      .strictObject({
        url: z.optional(text),
        clientId: z.optional(text),
        clientSecret: z.optional(text),
        clientSecretCommand: z.optional(text),
        user: z.optional(text),
        password: z.optional(text),
        passwordCommand: z.optional(text),
      })
      .check(
        eitherOr([
          ['clientSecret', 'clientSecretCommand'],
          ['password', 'passwordCommand'],
        ]),
      ),
  ),
  /** Extra CA certificates (PEM) for TLS inspection proxies. */
  caFile: z.optional(text),
});
export type Profile = z.infer<typeof ProfileSchema>;

/**
 * `$XDG_CONFIG_HOME/trustline/config.yaml` (default `~/.config/trustline/config.yaml`). Keys this
 * build reads are validated; other keys are left for the features that own them.
 */
const ConfigSchema = z.looseObject({
  /** Directory of organisation hypothesis packs, added to (or overriding) the built-in pack. */
  rules: z.optional(text),
  /** Correlation window for cross-source matching, e.g. 30s. */
  window: z.optional(z.string().check(z.regex(DURATION_PATTERN, 'a duration such as 30s or 2m'))),
  /** The profile used when neither --profile nor TRUSTLINE_PROFILE names one. */
  profile: z.optional(text),
  profiles: z.optional(z.record(z.string(), ProfileSchema)),
});
export type Config = z.infer<typeof ConfigSchema>;

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
  return parseYamlDocument(source, path, ConfigSchema).data;
}
