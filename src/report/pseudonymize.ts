import { createHmac } from 'node:crypto';
import type { Analysis } from '../model/analysis.js';
import { UDID } from '../core/udid.js';

/**
 * Stable pseudonyms for the identifiers of people and devices in a report (security.md §6): HMAC-SHA-256
 * under a key kept outside the report, so the same value is always the same pseudonym (reports can be
 * compared) while nobody without the key can recompute or enumerate them (a plain hash of a serial
 * could be). Replaced everywhere, free text included: the identifiers the evidence names (device,
 * Jamf and Okta records, event keys), any e-mail address, `/Users/<name>` paths and Apple UDIDs.
 */
export type IdentityKind = 'serial' | 'udid' | 'host' | 'user' | 'email';

const PREFIX: Record<IdentityKind, string> = { serial: 'serial', udid: 'udid', host: 'host', user: 'user', email: 'user' };
/** Placeholder domain for e-mail pseudonyms (RFC 2606: never resolves). */
export const PSEUDONYM_DOMAIN = 'example.invalid';
const HEX_CHARS = 8;

/** Values too short or too common to replace inside free text without wrecking it. */
const MIN_VALUE_CHARS = 3;
/** Longer values are no real identifiers (a damaged record): replaced as exact text, kept out of the pattern. */
const MAX_PATTERN_CHARS = 256;
const COMMON = new Set(['root', 'admin', 'administrator', 'unknown', 'none', 'null', 'localhost', 'user', 'mac', 'macos']);

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/u.source;
const HOME_USER = /(?<=\/Users\/)(?!Shared\b)[^/\s:'"`]+/u.source;
/** Apple silicon UDIDs and UUIDs (Intel UDIDs), in either case (the pattern runs case-insensitively). */
const APPLE_UDID = UDID.source;
/**
 * Event ids name records, not people or devices, and a report's reader looks them up in the evidence:
 * a source's id, maybe a word, then a UUID in either case (`SOURCE:UUID`, `SOURCE:UUID~2`, `SOURCE:cmd:UUID`).
 * Left as they are.
 */
function eventIdPattern(sources: readonly string[]): string | undefined {
  const names = sources.filter((n) => /^[a-z][a-z0-9-]*$/.test(n));
  return names.length === 0 ? undefined : `\\b(?:${names.join('|')})(?::[a-z]+)?:[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\b(?:~\\d+)?`;
}
const OWN_PSEUDONYM = new RegExp(`^(?:serial|udid|host|user)-[0-9a-f]{${HEX_CHARS}}(?:@${PSEUDONYM_DOMAIN.replace('.', '\\.')})?$`);

function canonical(kind: IdentityKind, value: string): string {
  const v = value.normalize('NFKC').trim();
  return kind === 'serial' || kind === 'udid' ? v.toUpperCase() : v.toLowerCase();
}

function escapeRegExp(text: string): string {
  // Only syntax characters may be escaped in a `u` pattern (`\-` is a syntax error there).
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class Pseudonymizer {
  private readonly known = new Map<string, IdentityKind>();
  private readonly long = new Map<string, IdentityKind>();
  private readonly cache = new Map<string, string>();
  private pattern: RegExp | undefined;

  private readonly eventIds: string | undefined;

  /** `sources`: the ids of the analysis' sources, which prefix its event ids. */
  constructor(
    private readonly key: Buffer,
    sources: readonly string[] = [],
  ) {
    this.eventIds = eventIdPattern(sources);
  }

  /** Adds an identifier the evidence names; an address with `@` counts as an e-mail whatever `kind` says. */
  add(kind: IdentityKind, value: string | null | undefined): void {
    if (value === null || value === undefined) return;
    const v = value.normalize('NFKC').trim();
    if (v.length < MIN_VALUE_CHARS || COMMON.has(v.toLowerCase()) || OWN_PSEUDONYM.test(v)) return;
    const k: IdentityKind = v.includes('@') && kind === 'user' ? 'email' : kind;
    if (v.length > MAX_PATTERN_CHARS) this.long.set(v, k);
    else if (!this.known.has(v.toLowerCase())) {
      this.known.set(v.toLowerCase(), k);
      this.pattern = undefined;
    }
  }

  /** The pseudonym of one value: `host-3f9a1c2b`, `user-…@example.invalid` for addresses. */
  pseudonym(kind: IdentityKind, value: string): string {
    const canon = canonical(kind, value);
    const id = `${kind}\u0000${canon}`;
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached;
    const mac = createHmac('sha256', this.key).update(id, 'utf8').digest('hex').slice(0, HEX_CHARS);
    const out = kind === 'email' ? `user-${mac}@${PSEUDONYM_DOMAIN}` : `${PREFIX[kind]}-${mac}`;
    this.cache.set(id, out);
    return out;
  }

  private regex(): RegExp {
    if (this.pattern) return this.pattern;
    // Longest first: a hostname containing the user name is replaced whole.
    const values = [...this.known.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const known = values.length > 0 ? [`(?<known>(?<![\\p{L}\\p{N}_@.])(?:${values.join('|')})(?![\\p{L}\\p{N}_@]))`] : [];
    const all = [...(this.eventIds ? [`(?<eventid>${this.eventIds})`] : []), ...known, `(?<email>${EMAIL})`, `(?<home>${HOME_USER})`, `(?<udid>${APPLE_UDID})`];
    this.pattern = new RegExp(all.join('|'), 'giu');
    return this.pattern;
  }

  /** Replaces every identifier in free text. Idempotent: pseudonyms are never replaced again. */
  text(input: string): string {
    let out = input;
    for (const [value, kind] of this.long) if (out.includes(value)) out = out.split(value).join(this.pseudonym(kind, value));
    return out.replace(this.regex(), (match: string, ...args: unknown[]) => {
      const groups = args[args.length - 1] as Record<string, string | undefined>;
      if (groups['eventid'] !== undefined || OWN_PSEUDONYM.test(match)) return match;
      const known = groups['known'] !== undefined ? this.known.get(match.normalize('NFKC').toLowerCase()) : undefined;
      if (known !== undefined) return this.pseudonym(known, match);
      if (groups['email'] !== undefined) return this.pseudonym('email', match);
      if (groups['home'] !== undefined) return this.pseudonym('user', match);
      // A UDID is one identifier whatever its case: the pseudonym is of its canonical (upper-case) form.
      return this.pseudonym('udid', match);
    });
  }
}

/** A pseudonymizer that knows every identifier the analysis names. */
export function pseudonymizerFor(key: Buffer, a: Analysis): Pseudonymizer {
  const p = new Pseudonymizer(key, a.sources.map((s) => s.name));
  p.add('serial', a.device.serial);
  p.add('host', a.device.hostname);
  p.add('user', a.device.user);
  for (const id of a.identities) {
    p.add('serial', id.serial);
    p.add('udid', id.udid);
    p.add('host', id.hostname);
    for (const user of id.users) p.add('user', user);
    for (const email of id.emails) p.add('email', email);
  }
  for (const e of a.timeline) {
    const k = e.keys;
    if (k.serial !== undefined) p.add('serial', k.serial);
    if (k.udid !== undefined) p.add('udid', k.udid);
    if (k.hostname !== undefined) p.add('host', k.hostname);
    if (k.user !== undefined) p.add('user', k.user);
  }
  return p;
}
