/**
 * Secrets recognised by their shape, for what was never registered: a token echoed in a server's
 * error body, an Authorization header in a Mac log line, a password in a proxy URL. Over-masking is
 * the accepted cost (security.md §3). Every rule keeps the label and masks the value, so a reader
 * still sees what kind of secret was there.
 */
export const MASK = '[redacted]';

const TOKEN = "[A-Za-z0-9._~+/=-]";
const CREDENTIAL_NAMES = 'client_secret|client_assertion|assertion|password|passwd|access_token|refresh_token|id_token|api_key|apikey';

interface Rule {
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const RULES: readonly Rule[] = [
  // PEM private keys, whole.
  { pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g, replace: () => MASK },
  // Authorization / Proxy-Authorization headers, whatever the scheme: the whole value.
  {
    pattern: /\b((?:Proxy-)?Authorization["']?\s*[:=]\s*["']?)(?:(Bearer|Basic|DPoP|SSWS|Token|Digest)\s+)?[^\s"',;)]+/gi,
    replace: (_m, label: string, scheme: string | undefined) => `${label}${scheme ? `${scheme} ` : ''}${MASK}`,
  },
  // A scheme and a credential without the header name (`Bearer eyJ…`, `SSWS 00…`): the credential must look like one.
  {
    pattern: new RegExp(`\\b(Bearer|DPoP|SSWS)\\s+(?=${TOKEN}*[0-9])${TOKEN}{12,}`, 'g'),
    replace: (_m, scheme: string) => `${scheme} ${MASK}`,
  },
  { pattern: /\b(Basic)\s+(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{12,}={0,2}/g, replace: (_m, scheme: string) => `${scheme} ${MASK}` },
  // JSON Web Tokens (JWS/JWE compact form): header and payload are base64url JSON objects.
  { pattern: /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_.-]*/g, replace: () => MASK },
  // Okta API tokens: 00 and 40 more token characters.
  { pattern: /(?<![A-Za-z0-9_-])00[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/g, replace: () => MASK },
  // user:password@ in URLs.
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):[^\s/?#@]+@/gi, replace: (_m, head: string) => `${head}:${MASK}@` },
  // Form fields (`client_secret=…`) and JSON members (`"password": "…"`, the whole string) that carry credentials.
  { pattern: new RegExp(`\\b(${CREDENTIAL_NAMES})=[^&\\s"',;]+`, 'gi'), replace: (_m, name: string) => `${name}=${MASK}` },
  { pattern: new RegExp(`"(${CREDENTIAL_NAMES})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), replace: (_m, name: string, sep: string) => `"${name}"${sep}"${MASK}"` },
];

/** Any rule's trigger, tested first so clean text costs one scan. */
const QUICK = /PRIVATE KEY|authorization|bearer|basic|dpop|ssws|eyJ|00[A-Za-z0-9_-]{40}|:\/\/[^\s/@]*:[^\s/@]*@|secret|assertion|passw|_token|api_?key/i;

/** Masks secrets recognised by their shape. Idempotent: masked text contains nothing a rule matches. */
export function maskSecretPatterns(text: string): string {
  if (!QUICK.test(text)) return text;
  let out = text;
  for (const rule of RULES) out = out.replace(rule.pattern, rule.replace as (substring: string, ...args: unknown[]) => string);
  return out;
}
