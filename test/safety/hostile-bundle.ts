import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * An evidence bundle with a hostile string in every field of every source, built from the full fixture
 * bundle: every string of the Okta and Jamf JSON documents except the few that place a record at all
 * (ids, times, event types, states), every device log record (ndjson fields; a text line of each log
 * style with the string appended, and one with it as host, process, subsystem and message), every
 * probe output, and meta.json's hostname and user. `next` gives the string for the next field, so a
 * pair of strings can alternate across neighbouring fields (escapes split across fields).
 */
const FULL = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));

/** Strings that place a record (parsers need them to read it at all): these keys, and dates. Everything else is injected. */
const KEEP: Record<string, RegExp> = {
  okta: /^(uuid|published|type|id|lastUpdated|serialNumber)$/,
  jamf: /^(id|serialNumber|serial_number|managementId|uuid)$/,
  ndjson: /^(timestamp|eventType)$/,
};
const DATE_VALUE = /^\d{4}[-/]\d\d[-/]\d\d/;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function inject(value: Json, keep: RegExp, next: () => string, key = ''): Json {
  if (typeof value === 'string') return keep.test(key) || DATE_VALUE.test(value) ? value : next();
  if (Array.isArray(value)) return value.map((v) => inject(v, keep, next, key));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = inject(v, keep, next, k);
    return out;
  }
  return value;
}

function read(rel: string): string {
  return readFileSync(join(FULL, rel), 'utf8');
}

function jsonFile(rel: string, keep: RegExp, next: () => string): string {
  return JSON.stringify(inject(JSON.parse(read(rel)) as Json, keep, next), null, 1);
}

const DATA_LINE = /^(\d{4}-\d\d-\d\d |[A-Z][a-z]{2} [ \d]\d )/;

/** A text log with the string appended to each record, and one record of that style made of it. */
function textLog(rel: string, next: () => string): string {
  const lines = read(rel).replace(/\n$/, '').split('\n').map((line) => (DATA_LINE.test(line) ? `${line} ${next()}` : line));
  const h = (): string => next();
  const extra: Record<string, string> = {
    'device/securityd.log': `2026-11-20 06:03:48.000001-0800 0x1a2f3    Error       0x0                  412    0    ${h()}: [${h()}:${h()}] ${h()}`,
    'device/mdmclient.log': `2026-11-20 05:57:44.000001-0800  ${h()} mdmclient[2611]: [${h()}:${h()}] ${h()}`,
    'device/okta-verify-compact.log': `2026-11-20 06:03:48.000 E  ${h()}[2210:5a8b53a] [${h()}:${h()}] ${h()}`,
    'device/system.log': `Nov 20 06:03:48 ${h()} ${h()}[2210]: ${h()}`,
  };
  return [...lines, extra[rel] ?? h()].join('\n') + '\n';
}

function ndjson(rel: string, next: () => string): string {
  return read(rel)
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line.startsWith('{') ? JSON.stringify(inject(JSON.parse(line) as Json, KEEP['ndjson']!, next)) : line))
    .join('\n') + '\n';
}

/** Names and values probe parsers read, replaced by the string; one more line of it at the end. */
const PROBE_VALUES = /time\.apple\.com|example\.okta\.com|example\.jamfcloud\.com|Example Okta|com\.okta\.mobile\.auth-service-extension|\/Users\/alice[^"\s]*|Okta MTLS/g;

function probe(rel: string, next: () => string): string {
  return `${read(rel).replace(PROBE_VALUES, () => next())}\n${next()}\n`;
}

/** The bundle as relative path → content, with `next()` in every field. */
export function hostileBundle(next: () => string): Record<string, string> {
  const files: Record<string, string> = {
    'meta.json': JSON.stringify({ serial: 'C02FX1TLQ6L4', hostname: next(), user: next(), collectedAt: '2026-11-20T14:30:00Z', deviceTimeZone: 'America/Los_Angeles' }),
  };
  for (const dir of ['okta', 'jamf']) {
    for (const name of readdirSync(join(FULL, dir))) files[`${dir}/${name}`] = jsonFile(`${dir}/${name}`, KEEP[dir]!, next);
  }
  for (const name of readdirSync(join(FULL, 'device'))) {
    const rel = `device/${name}`;
    if (name.endsWith('.ndjson')) files[rel] = ndjson(rel, next);
    else if (name.endsWith('.log')) files[rel] = textLog(rel, next);
  }
  for (const name of readdirSync(join(FULL, 'device', 'probes'))) files[`device/probes/${name}`] = probe(`device/probes/${name}`, next);
  return files;
}

/** `next` for one string everywhere, or for a pair alternating field by field. */
export function supplier(...texts: readonly string[]): () => string {
  let i = 0;
  return () => texts[i++ % texts.length]!;
}
