import * as z from '../../config/zod.js';
import type { SourceConfig } from '../../core/adapter.js';
import { baseUrl, eitherOr, pick, secretOf } from '../../config/settings-fields.js';
import { DocumentError } from '../../config/document-error.js';
import { registerSecret } from '../../secrets/registry.js';

export type JamfAuth = { kind: 'client'; clientId: string; clientSecret: string } | { kind: 'user'; username: string; password: string };

export interface JamfSettings {
  url: URL;
  auth: JamfAuth;
}

/** Environment names other tools rely on (see README, "Configuration"). */
export const JAMF_ENV = {
  url: 'TRUSTLINE_JAMF_URL',
  clientId: 'TRUSTLINE_JAMF_CLIENT_ID',
  clientSecret: 'TRUSTLINE_JAMF_CLIENT_SECRET',
  user: 'TRUSTLINE_JAMF_USER',
  password: 'TRUSTLINE_JAMF_PASSWORD',
} as const;

const text = z.string().check(z.minLength(1));

/** `profiles.<name>.jamf`. */
const JamfSection = z
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
  );

async function resolveJamf(env: NodeJS.ProcessEnv, section: Record<string, unknown> | undefined): Promise<JamfSettings | undefined> {
  const p = section === undefined ? undefined : JamfSection.parse(section);
  const url = pick(env, JAMF_ENV.url, p?.url);
  const clientId = pick(env, JAMF_ENV.clientId, p?.clientId);
  const username = pick(env, JAMF_ENV.user, p?.user);
  if (url === undefined) {
    const clientSecret = pick(env, JAMF_ENV.clientSecret, p?.clientSecret);
    const password = pick(env, JAMF_ENV.password, p?.password);
    registerSecret(clientSecret);
    registerSecret(password);
    if (clientId ?? clientSecret ?? username ?? password ?? p?.clientSecretCommand ?? p?.passwordCommand) {
      throw new DocumentError(`Jamf credentials are set but no URL: set ${JAMF_ENV.url}`);
    }
    return undefined;
  }
  const base = baseUrl(url, JAMF_ENV.url);
  // Each command runs only for the credential pair in use: the client when there is a client id.
  const clientSecret = await secretOf(env, JAMF_ENV.clientSecret, p?.clientSecret, { field: 'jamf.clientSecretCommand', line: clientId ? p?.clientSecretCommand : undefined });
  const password = await secretOf(env, JAMF_ENV.password, p?.password, {
    field: 'jamf.passwordCommand',
    line: clientId && clientSecret ? undefined : username ? p?.passwordCommand : undefined,
  });
  registerSecret(clientSecret);
  registerSecret(password);
  if (clientId && clientSecret) return { url: base, auth: { kind: 'client', clientId, clientSecret } };
  if (username && password) return { url: base, auth: { kind: 'user', username, password } };
  throw new DocumentError(`${JAMF_ENV.url} is set but no credentials: set ${JAMF_ENV.clientId} and ${JAMF_ENV.clientSecret}, or ${JAMF_ENV.user} and ${JAMF_ENV.password}`);
}

export const jamfConfig: SourceConfig<JamfSettings> = {
  schema: JamfSection,
  env: Object.values(JAMF_ENV),
  resolve: resolveJamf,
};
