import { redactSecrets } from '../secrets/registry.js';

/**
 * JSON.stringify escapes C0 controls but leaves DEL, C1, bidi and other format characters, U+2028/2029
 * as raw characters, which a terminal (`cat`, `jq`, a pager) would act on. These can only occur inside
 * string literals of valid JSON text, so escaping them as \uXXXX keeps the data exactly (JSON.parse
 * gives back the same strings) while the text itself carries no raw control or bidi character.
 */
const RAW_IN_JSON = /[\u007f-\u009f\p{Cf}\u2028\u2029\u{D800}-\u{DFFF}]/gu;
const RAW_IN_JSON_TEST = /[\u007f-\u009f\p{Cf}\u2028\u2029\u{D800}-\u{DFFF}]/u;

function unitEscape(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += '\\u' + ch.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

export function escapeJsonText(json: string): string {
  return RAW_IN_JSON_TEST.test(json) ? json.replace(RAW_IN_JSON, unitEscape) : json;
}

/** JSON text for output and files: every string value secret-masked, the text free of raw control characters. */
export function safeJsonStringify(value: unknown, space?: number): string {
  return escapeJsonText(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? redactSecrets(v) : v), space));
}
