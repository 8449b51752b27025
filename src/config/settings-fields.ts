import * as z from './zod.js';
import { FileRefused, readTextFile } from '../io/bounded-file.js';
import { serviceBaseUrl } from '../net/endpoint.js';
import { HttpError } from '../net/errors.js';
import { runTokenCommand } from './token-command.js';
import { DocumentError } from './document-error.js';

/*
 * What a source's config section is built from: each field from its environment variable, else the
 * profile; secrets may come from a command instead (never both). Sources use these in their own config.
 */

/** A secret, or a command printing it (never both): `tokenCommand: security find-generic-password -s trustline-idp -w`. */
export function eitherOr<T extends Record<string, unknown>>(pairs: readonly (readonly [keyof T & string, keyof T & string])[]) {
  return z.superRefine((value: T, ctx) => {
    for (const [secret, command] of pairs) {
      if (value[secret] !== undefined && value[command] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [command], message: `set ${secret} or ${command}, not both` });
      }
    }
  });
}

/** The environment's value (trimmed, when not blank), else the config's. */
export function pick(env: NodeJS.ProcessEnv, name: string, fromConfig: string | undefined): string | undefined {
  const value = env[name];
  return value !== undefined && value.trim() !== '' ? value.trim() : fromConfig;
}

/** The environment's value, else the profile's, else (only when asked for) the output of the profile's command. */
export async function secretOf(env: NodeJS.ProcessEnv, name: string, fromConfig: string | undefined, command: { field: string; line: string | undefined }): Promise<string | undefined> {
  const value = pick(env, name, fromConfig);
  if (value !== undefined || command.line === undefined) return value;
  return runTokenCommand(command.field, command.line, { env });
}

/** A PEM private key is a few kilobytes. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** PEM text as given, or the contents of the file it names; `name` is what the error line says. */
export async function pemText(value: string, name: string): Promise<string> {
  if (value.includes('-----BEGIN')) return value;
  try {
    return await readTextFile(value, MAX_KEY_FILE_BYTES);
  } catch (error) {
    const why = error instanceof FileRefused ? error.message : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new DocumentError(`${name}: neither PEM text nor a readable file (${why})`);
  }
}

/** A service's base URL, checked; `label` (the variable) is what the error line says. */
export function baseUrl(value: string, label: string): URL {
  try {
    return serviceBaseUrl(value, label);
  } catch (error) {
    if (error instanceof HttpError) throw new DocumentError(error.message);
    throw error;
  }
}

