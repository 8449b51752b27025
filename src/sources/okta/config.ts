import * as z from '../../config/zod.js';
import type { SourceConfig } from '../../core/adapter.js';
import { baseUrl, eitherOr, pemText, pick, secretOf } from '../../config/settings-fields.js';
import { DocumentError } from '../../config/document-error.js';
import { registerSecret } from '../../secrets/registry.js';

export type OktaAuth =
  | { kind: 'ssws'; token: string }
  | { kind: 'oauth'; clientId: string; privateKeyPem: string; keyId?: string | undefined };

export interface OktaSettings {
  url: URL;
  auth: OktaAuth;
}

/** Environment names other tools rely on (see README, "Configuration"). */
export const OKTA_ENV = {
  url: 'TRUSTLINE_OKTA_URL',
  token: 'TRUSTLINE_OKTA_TOKEN',
  clientId: 'TRUSTLINE_OKTA_CLIENT_ID',
  privateKey: 'TRUSTLINE_OKTA_PRIVATE_KEY',
  keyId: 'TRUSTLINE_OKTA_KEY_ID',
} as const;

const text = z.string().check(z.minLength(1));

/** `profiles.<name>.okta`. */
const OktaSection = z
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
  .check(eitherOr([['token', 'tokenCommand']]));

async function resolveOkta(env: NodeJS.ProcessEnv, section: Record<string, unknown> | undefined): Promise<OktaSettings | undefined> {
  const p = section === undefined ? undefined : OktaSection.parse(section);
  const url = pick(env, OKTA_ENV.url, p?.url);
  const clientId = pick(env, OKTA_ENV.clientId, p?.clientId);
  const key = pick(env, OKTA_ENV.privateKey, p?.privateKey);
  if (url === undefined) {
    const token = pick(env, OKTA_ENV.token, p?.token);
    registerSecret(token);
    if (token ?? p?.tokenCommand ?? clientId ?? key) throw new DocumentError(`Okta credentials are set but no URL: set ${OKTA_ENV.url}`);
    return undefined;
  }
  const base = baseUrl(url, OKTA_ENV.url);
  // The command stands for `token`; it does not run when the environment names an OAuth client instead.
  const oauthFromEnv = pick(env, OKTA_ENV.clientId, undefined) !== undefined && pick(env, OKTA_ENV.privateKey, undefined) !== undefined;
  const token = await secretOf(env, OKTA_ENV.token, p?.token, { field: 'okta.tokenCommand', line: oauthFromEnv ? undefined : p?.tokenCommand });
  registerSecret(token);
  if (token) return { url: base, auth: { kind: 'ssws', token } };
  if (clientId && key) {
    const privateKeyPem = await pemText(key, OKTA_ENV.privateKey);
    registerSecret(privateKeyPem);
    return { url: base, auth: { kind: 'oauth', clientId, privateKeyPem, keyId: pick(env, OKTA_ENV.keyId, p?.keyId) } };
  }
  throw new DocumentError(`${OKTA_ENV.url} is set but no credentials: set ${OKTA_ENV.token}, or ${OKTA_ENV.clientId} and ${OKTA_ENV.privateKey}`);
}

export const oktaConfig: SourceConfig<OktaSettings> = {
  schema: OktaSection,
  env: Object.values(OKTA_ENV),
  resolve: resolveOkta,
};
