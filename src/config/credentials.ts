import { FileRefused, readTextFile } from '../io/bounded-file.js';
import { serviceBaseUrl } from '../net/endpoint.js';
import { HttpError } from '../net/errors.js';
import { registerSecret } from '../secrets/registry.js';
import { configPath, type Config, type Profile } from './config-file.js';
import { runTokenCommand } from './token-command.js';
import { DocumentError } from './document-error.js';

export type OktaAuth =
  | { kind: 'ssws'; token: string }
  | { kind: 'oauth'; clientId: string; privateKeyPem: string; keyId?: string | undefined };

export type JamfAuth = { kind: 'client'; clientId: string; clientSecret: string } | { kind: 'user'; username: string; password: string };

export interface LiveSettings {
  okta?: { url: URL; auth: OktaAuth };
  jamf?: { url: URL; auth: JamfAuth };
  caFile?: string;
}

/** Environment names other tools rely on (see README, "Configuration"). */
export const ENV = {
  profile: 'TRUSTLINE_PROFILE',
  oktaUrl: 'TRUSTLINE_OKTA_URL',
  oktaToken: 'TRUSTLINE_OKTA_TOKEN',
  oktaClientId: 'TRUSTLINE_OKTA_CLIENT_ID',
  oktaPrivateKey: 'TRUSTLINE_OKTA_PRIVATE_KEY',
  oktaKeyId: 'TRUSTLINE_OKTA_KEY_ID',
  jamfUrl: 'TRUSTLINE_JAMF_URL',
  jamfClientId: 'TRUSTLINE_JAMF_CLIENT_ID',
  jamfClientSecret: 'TRUSTLINE_JAMF_CLIENT_SECRET',
  jamfUser: 'TRUSTLINE_JAMF_USER',
  jamfPassword: 'TRUSTLINE_JAMF_PASSWORD',
  caFile: 'TRUSTLINE_CA_FILE',
} as const;

function pick(env: NodeJS.ProcessEnv, name: string, fromConfig: string | undefined): string | undefined {
  const value = env[name];
  return value !== undefined && value.trim() !== '' ? value.trim() : fromConfig;
}

/** The environment's value, else the profile's, else (only when asked for) the output of the profile's command. */
async function secretOf(env: NodeJS.ProcessEnv, name: string, fromConfig: string | undefined, command: { field: string; line: string | undefined }): Promise<string | undefined> {
  const value = pick(env, name, fromConfig);
  if (value !== undefined || command.line === undefined) return value;
  return runTokenCommand(command.field, command.line, { env });
}

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

/** A PEM private key is a few kilobytes. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

async function readPrivateKey(value: string): Promise<string> {
  if (value.includes('-----BEGIN')) return value;
  try {
    return await readTextFile(value, MAX_KEY_FILE_BYTES);
  } catch (error) {
    const why = error instanceof FileRefused ? error.message : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new DocumentError(`${ENV.oktaPrivateKey}: neither PEM text nor a readable file (${why})`);
  }
}

function baseUrl(value: string, label: string): URL {
  try {
    return serviceBaseUrl(value, label);
  } catch (error) {
    if (error instanceof HttpError) throw new DocumentError(error.message);
    throw error;
  }
}

async function oktaSettings(env: NodeJS.ProcessEnv, p: Profile['okta']): Promise<LiveSettings['okta']> {
  const url = pick(env, ENV.oktaUrl, p?.url);
  const clientId = pick(env, ENV.oktaClientId, p?.clientId);
  const key = pick(env, ENV.oktaPrivateKey, p?.privateKey);
  if (url === undefined) {
    const token = pick(env, ENV.oktaToken, p?.token);
    registerSecret(token);
    if (token ?? p?.tokenCommand ?? clientId ?? key) throw new DocumentError(`Okta credentials are set but no URL: set ${ENV.oktaUrl}`);
    return undefined;
  }
  const base = baseUrl(url, ENV.oktaUrl);
  // The command stands for `token`; it does not run when the environment names an OAuth client instead.
  const oauthFromEnv = pick(env, ENV.oktaClientId, undefined) !== undefined && pick(env, ENV.oktaPrivateKey, undefined) !== undefined;
  const token = await secretOf(env, ENV.oktaToken, p?.token, { field: 'okta.tokenCommand', line: oauthFromEnv ? undefined : p?.tokenCommand });
  registerSecret(token);
  if (token) return { url: base, auth: { kind: 'ssws', token } };
  if (clientId && key) {
    const privateKeyPem = await readPrivateKey(key);
    registerSecret(privateKeyPem);
    return { url: base, auth: { kind: 'oauth', clientId, privateKeyPem, keyId: pick(env, ENV.oktaKeyId, p?.keyId) } };
  }
  throw new DocumentError(
    `${ENV.oktaUrl} is set but no credentials: set ${ENV.oktaToken}, or ${ENV.oktaClientId} and ${ENV.oktaPrivateKey}`,
  );
}

async function jamfSettings(env: NodeJS.ProcessEnv, p: Profile['jamf']): Promise<LiveSettings['jamf']> {
  const url = pick(env, ENV.jamfUrl, p?.url);
  const clientId = pick(env, ENV.jamfClientId, p?.clientId);
  const username = pick(env, ENV.jamfUser, p?.user);
  if (url === undefined) {
    const clientSecret = pick(env, ENV.jamfClientSecret, p?.clientSecret);
    const password = pick(env, ENV.jamfPassword, p?.password);
    registerSecret(clientSecret);
    registerSecret(password);
    if (clientId ?? clientSecret ?? username ?? password ?? p?.clientSecretCommand ?? p?.passwordCommand) {
      throw new DocumentError(`Jamf credentials are set but no URL: set ${ENV.jamfUrl}`);
    }
    return undefined;
  }
  const base = baseUrl(url, ENV.jamfUrl);
  // Each command runs only for the credential pair in use: the client when there is a client id.
  const clientSecret = await secretOf(env, ENV.jamfClientSecret, p?.clientSecret, { field: 'jamf.clientSecretCommand', line: clientId ? p?.clientSecretCommand : undefined });
  const password = await secretOf(env, ENV.jamfPassword, p?.password, {
    field: 'jamf.passwordCommand',
    line: clientId && clientSecret ? undefined : username ? p?.passwordCommand : undefined,
  });
  registerSecret(clientSecret);
  registerSecret(password);
  if (clientId && clientSecret) return { url: base, auth: { kind: 'client', clientId, clientSecret } };
  if (username && password) return { url: base, auth: { kind: 'user', username, password } };
  throw new DocumentError(
    `${ENV.jamfUrl} is set but no credentials: set ${ENV.jamfClientId} and ${ENV.jamfClientSecret}, or ${ENV.jamfUser} and ${ENV.jamfPassword}`,
  );
}

/**
 * Endpoints and credentials for live sources: the selected profile of the config file, each field
 * overridden by its environment variable. Every secret is registered for masking before use. A source
 * with no URL at all is simply not configured; half a configuration is an error.
 */
export async function resolveLiveSettings(config: Config, env: NodeJS.ProcessEnv, profileName?: string): Promise<LiveSettings> {
  const profile = selectProfile(config, env, profileName);
  const settings: LiveSettings = {};
  const okta = await oktaSettings(env, profile.okta);
  const jamf = await jamfSettings(env, profile.jamf);
  if (okta) settings.okta = okta;
  if (jamf) settings.jamf = jamf;
  const caFile = pick(env, ENV.caFile, profile.caFile);
  if (caFile) settings.caFile = caFile;
  return settings;
}
