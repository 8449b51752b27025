import type { MacIdentity, MacRecord, Resolution, Sourced, SystemAnswer } from './identity.js';
import { GIVEN } from './identity.js';

/** Adapter id → label (`SourceAdapter.label`), for the words shown to the engineer. */
export type Labels = ReadonlyMap<string, string>;

const label = (labels: Labels, source: string): string => (source === GIVEN ? 'given' : (labels.get(source) ?? source));

function minute(ms: number | null | undefined): string {
  if (ms === undefined) return '-';
  if (ms === null) return 'never';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

const first = (records: readonly MacRecord[], pick: (r: MacRecord) => string | undefined): string | undefined =>
  records.map(pick).find((v) => v !== undefined && v !== '');

/** The columns of one candidate: serial, host name, model, OS, each system's last contact and management state. */
export function candidateColumns(mac: MacIdentity, labels: Labels): string[] {
  const seen = mac.records.map((r) => `${label(labels, r.source)} ${minute(r.lastSeenMs)}`);
  const managed = mac.records.flatMap((r) => (r.management ? [`${label(labels, r.source)} ${r.management}`] : []));
  return [
    mac.serial?.value ?? '(no serial)',
    mac.hostname?.value ?? '-',
    first(mac.records, (r) => r.model) ?? '-',
    first(mac.records, (r) => r.os) ?? '-',
    `last seen: ${seen.join(', ') || '-'}`,
    managed.join(', ') || 'management unknown',
  ];
}

/** One candidate on one line, for `several Macs match` (headless) and the report. */
export function candidateLine(mac: MacIdentity, labels: Labels): string {
  return candidateColumns(mac, labels).join('  ');
}

/** The one line a headless run ends with when no Mac matches. */
export function noneMessage(resolution: Extract<Resolution, { outcome: 'none' }>, keys: string): string {
  const said = resolution.answers.map((a) => `${a.label}: ${a.said}`).join('; ');
  const hint = resolution.suggestions.length > 0 ? `; ${resolution.suggestions.join('; ')}` : '';
  return `no Mac matches ${keys}: ${said}${hint}`;
}

/** SSH targets worth trying when no --host was given: the MDM's last host name and IP (never connected to unasked). */
export function sshSuggestion(identity: MacIdentity, labels: Labels): string | undefined {
  const targets: string[] = [];
  const host = identity.records.find((r) => r.hostname && r.lastIp !== undefined)?.hostname ?? identity.hostname?.value;
  if (host && /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(host)) targets.push(`--host ${host}`);
  if (identity.lastIp && /^[0-9A-Fa-f.:]{2,45}$/.test(identity.lastIp.value)) targets.push(`--host ${identity.lastIp.value} (${identity.lastIp.from.map((f) => label(labels, f)).join(', ')}'s last IP)`);
  return targets.length > 0 ? `no --host given: to read the Mac's logs, try ${targets.join(' or ')}` : undefined;
}

/** What `collect` writes into meta.json under `resolution`: the keys given, each system's answer, the identity. */
export interface ResolutionRecord {
  given: Record<string, string>;
  outcome: Resolution['outcome'];
  answers: { system: string; asked: string[]; outcome: SystemAnswer['outcome']; said: string }[];
  identity?: { field: string; value: string; from: string[] }[];
  disagreements?: string[];
}

export function resolutionRecord(resolution: Resolution, identity: MacIdentity | undefined, labels: Labels): ResolutionRecord {
  const { given } = resolution;
  const keys: Record<string, string> = {};
  if (given.serial !== undefined) keys['serial'] = given.serial;
  if (given.user !== undefined) keys['user'] = given.user;
  if (given.hostname !== undefined) keys['hostname'] = given.hostname;
  for (const [source, id] of Object.entries(given.ids ?? {})) keys[`${source}Id`] = id;
  const fields: { field: string; value: string; from: string[] }[] = [];
  const add = (field: string, s: Sourced | undefined): void => {
    if (s) fields.push({ field, value: s.value, from: s.from.map((f) => label(labels, f)) });
  };
  if (identity) {
    add('serial', identity.serial);
    add('udid', identity.udid);
    add('hostname', identity.hostname);
    identity.users.forEach((u) => add('user', u));
    Object.entries(identity.ids).forEach(([source, id]) => add(`${source}Id`, id));
    add('lastIp', identity.lastIp);
  }
  return {
    given: keys,
    outcome: resolution.outcome,
    answers: resolution.answers.map((a) => ({ system: a.label, asked: a.asked, outcome: a.outcome, said: a.said })),
    ...(identity ? { identity: fields } : {}),
    ...(identity && identity.disagreements.length > 0 ? { disagreements: identity.disagreements } : {}),
  };
}

/** The resolution as note lines: how the Mac was found, by whom, and where the systems disagree. */
export function resolutionNotes(record: ResolutionRecord): string[] {
  const given = Object.entries(record.given).map(([k, v]) => `${k} ${v}`).join(', ');
  const lines = [`resolution: given ${given || 'nothing'}; ${record.outcome === 'unresolved' ? 'not confirmed by any system' : 'one Mac'}`];
  for (const a of record.answers) lines.push(`resolution: ${a.system}${a.asked.length > 0 ? ` (by ${a.asked.join(', ')})` : ''}: ${a.said}`);
  if (record.identity && record.identity.length > 0) {
    lines.push(`resolution: ${record.identity.map((f) => `${f.field} ${f.value} (${f.from.join(', ')})`).join('; ')}`);
  }
  for (const d of record.disagreements ?? []) lines.push(`resolution: ${d}`);
  return lines;
}
