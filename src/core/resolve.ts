import {
  buildIdentity,
  givenIdentity,
  groupRecords,
  matchesKeys,
  normSerial,
  type DeviceKeys,
  type IdentityResolver,
  type MacIdentity,
  type Resolution,
  type SystemAnswer,
} from './identity.js';

/** A system that found nothing is asked again by the serials the others found, for at most this many Macs. */
const MAX_CROSS_CHECKS = 5;

async function ask(resolver: IdentityResolver, keys: DeviceKeys, signal: AbortSignal): Promise<SystemAnswer> {
  try {
    return await resolver.lookup(keys, signal);
  } catch (error) {
    // A system that fails or runs out of time is an answer too: the others still count.
    const said = error instanceof Error ? error.message : String(error);
    return { source: resolver.source, label: resolver.label, asked: [], outcome: 'error', said, records: [] };
  }
}

function merge(first: SystemAnswer, second: SystemAnswer[]): SystemAnswer {
  const records = [...first.records, ...second.flatMap((a) => a.records)];
  // Found on the second ask: say what was found; still nothing: say every answer.
  const found = second.some((a) => a.outcome === 'found') ? second.filter((a) => a.outcome === 'found') : second;
  return {
    ...first,
    asked: [...first.asked, ...second.flatMap((a) => a.asked)],
    outcome: records.length > 0 ? 'found' : first.outcome,
    said: [first.said, ...found.map((a) => a.said)].join('; '),
    records,
  };
}

/** Apple serials never use the letters O and I; a host name has lower case, dots or dashes. */
export function typoSuggestions(given: DeviceKeys): string[] {
  const out: string[] = [];
  const { serial, hostname, user } = given;
  if (serial !== undefined) {
    if (/[a-z]/.test(serial) && /[-.]/.test(serial)) out.push(`${serial} looks like a host name: try --hostname ${serial}`);
    else if (/[OI]/.test(normSerial(serial))) {
      out.push(`Apple serials have no letter O or I: try --serial ${normSerial(serial).replace(/O/g, '0').replace(/I/g, '1')}`);
    }
  }
  if (hostname !== undefined && /^[A-Z0-9]{10,14}$/.test(hostname.trim())) out.push(`${hostname} looks like a serial number: try --serial ${hostname.trim()}`);
  if (user !== undefined && !user.includes('@')) out.push(`${user} is not an e-mail address: Okta logins usually are; try --user ${user}@<your domain>`);
  return out;
}

/**
 * Resolves the keys the engineer gave to one Mac: every system asked at once; a system that found
 * nothing is asked again by the serials the others found (a Mac known to one system under another
 * user or name); the records grouped by serial into Macs and narrowed by every key given.
 */
export async function resolveIdentity(given: DeviceKeys, resolvers: readonly IdentityResolver[], signal: AbortSignal): Promise<Resolution> {
  if (resolvers.length === 0) return { outcome: 'unresolved', given, identity: givenIdentity(given), answers: [] };
  const labels = new Map(resolvers.map((r) => [r.source, r.label]));
  let answers = await Promise.all(resolvers.map((r) => ask(r, given, signal)));

  const serials = [...new Set(answers.flatMap((a) => a.records).flatMap((r) => (r.serial ? [normSerial(r.serial)] : [])))];
  if (serials.length > 0 && serials.length <= MAX_CROSS_CHECKS && given.serial === undefined) {
    answers = await Promise.all(
      answers.map(async (answer, i) => {
        if (answer.outcome !== 'none') return answer;
        const again = await Promise.all(serials.map((serial) => ask(resolvers[i]!, { serial }, signal)));
        return merge(answer, again);
      }),
    );
  }

  const macs = groupRecords(answers.flatMap((a) => a.records))
    .map((records) => buildIdentity(records, given, labels))
    .filter((mac) => matchesKeys(mac, given));
  if (macs.length === 1) return { outcome: 'one', given, identity: macs[0]!, answers };
  if (macs.length > 1) return { outcome: 'several', given, candidates: sortCandidates(macs), answers };
  if (answers.some((a) => a.outcome === 'error')) return { outcome: 'unresolved', given, identity: givenIdentity(given), answers };
  return { outcome: 'none', given, answers, suggestions: typoSuggestions(given) };
}

/** Most recently seen first: the Mac the user is on now is the likely one. */
function sortCandidates(macs: MacIdentity[]): MacIdentity[] {
  const seen = (m: MacIdentity): number => Math.max(0, ...m.records.map((r) => r.lastSeenMs ?? 0));
  return [...macs].sort((a, b) => seen(b) - seen(a));
}

/** The keys given, in the words of the command line (`--serial C02…`). */
export function describeKeys(given: DeviceKeys, flagOf: (source: string) => string = (s) => `--${s}-id`): string {
  const parts: string[] = [];
  if (given.serial !== undefined) parts.push(`--serial ${given.serial}`);
  if (given.user !== undefined) parts.push(`--user ${given.user}`);
  if (given.hostname !== undefined) parts.push(`--hostname ${given.hostname}`);
  for (const [source, id] of Object.entries(given.ids ?? {})) parts.push(`${flagOf(source)} ${id}`);
  return parts.join(' ');
}
