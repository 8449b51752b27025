import type { TimelineEvent } from '../../model/event.js';
import { inventoryLine } from '../../sweep/inventory.js';
import { signatureTitle, type Signature } from '../../sweep/signatures.js';
import { shortDuration, sparkline } from '../../sweep/sparkline.js';
import type { SweepResult } from '../../sweep/run-sweep.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import type { ConsoleState, FleetState } from '../types.js';
import { foldGrowing, memoLast } from './memo.js';

export type FleetTone = 'title' | 'text' | 'muted' | 'lead' | 'warn';
export type FleetLine = { text: string; tone: FleetTone }[];

const hm = (ms: number): string => `${formatIsoUtc(ms).slice(11, 16)}Z`;
const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
/** The sweep keeps 48 intervals; the console shows 16. */
const compact = (buckets: readonly number[]): number[] => Array.from({ length: 16 }, (_, i) => buckets.slice(i * 3, i * 3 + 3).reduce((a, b) => a + b, 0));

/** Whether an event of this device is one of the signature's failures (the identity provider's kinds are `<its id>.<event type>`). */
function sameFailure(e: TimelineEvent, s: Signature): boolean {
  const f = e.fields ?? {};
  return (
    e.kind === `${e.source}.${s.eventType}` &&
    f['outcome'] === s.outcome &&
    (f['reason'] ?? null) === s.reason &&
    (f['policyName'] ?? null) === s.policy &&
    (f['policyRule'] ?? null) === s.rule
  );
}

/** Per sweep result, which of its signatures (shared with other devices) this device's identity-provider failures belong to. */
const failuresSeen = foldGrowing(
  (result: SweepResult | undefined) => ({ idp: result?.sources.find((s) => s.role === 'idp')?.name, signatures: result?.signatures ?? [], seen: new Set<number>() }),
  (state, e: TimelineEvent) => {
    if (e.source !== state.idp || (e.fields?.['outcome'] !== 'DENY' && e.fields?.['outcome'] !== 'FAILURE')) return;
    state.signatures.forEach((signature, index) => {
      if (signature.devices > 1 && sameFailure(e, signature)) state.seen.add(index);
    });
  },
);

/** The largest signature this device's own identity-provider failures belong to, when other devices show it too. */
export function fleetMatch(timeline: readonly TimelineEvent[], result: SweepResult | undefined): { index: number; signature: Signature } | null {
  if (!result) return null;
  const { seen } = failuresSeen(timeline, result);
  const index = result.signatures.findIndex((_, i) => seen.has(i));
  return index < 0 ? null : { index, signature: result.signatures[index]! };
}

/** The header line: "same denial: 37 Macs, 35 users since 13:02Z", or null when the failure is this Mac's alone (or unknown). */
export function fleetHeadline(s: Pick<ConsoleState, 'analysis' | 'fleet'>): string | null {
  const match = fleetMatch(s.analysis.timeline, s.fleet.result);
  if (!match) return null;
  const sig = match.signature;
  const what = sig.outcome === 'DENY' ? 'denial' : 'failure';
  return `same ${what}: ${sig.devices} Macs, ${sig.users} users since ${hm(sig.firstMs)} (f: fleet)`;
}

function linesOf(fleet: FleetState, mine: number | null): FleetLine[] {
  if (fleet.state === 'loading') return [[{ text: `sweeping the organisation… ${fleet.text ?? ''}`, tone: 'muted' }]];
  if (fleet.state === 'error' || !fleet.result) return [[{ text: `no Fleet view: ${fleet.text ?? 'not available'}`, tone: 'warn' }]];
  const r = fleet.result;
  const lines: FleetLine[] = [];
  const status = r.sources.map((src) => `${src.name} ${src.status}${src.status === 'partial' && src.covered ? ` (failures through ${hm(src.covered.failures.throughMs)})` : ''}`).join(' · ');
  lines.push([{ text: `${formatIsoUtc(r.sinceMs).slice(0, 16)}Z – ${hm(r.untilMs)} · ${status}`, tone: 'muted' }]);
  lines.push([{ text: 'Failure signatures, largest first', tone: 'title' }]);
  if (r.signatures.length === 0) lines.push([{ text: '  none in the window', tone: 'muted' }]);
  r.signatures.forEach((sig, i) => {
    lines.push([
      { text: `${i === mine ? '▶' : ' '}${String(i).padStart(2)} `, tone: i === mine ? 'lead' : 'muted' },
      { text: `${sparkline(compact(sig.buckets))} `, tone: 'warn' },
      { text: `${sig.events} ev ${count(sig.devices, 'Mac', 'Macs')} ${count(sig.users, 'user', 'users')} from ${hm(sig.firstMs)}  `, tone: 'text' },
      { text: signatureTitle(sig), tone: 'text' },
    ]);
    if (r.inventory && r.inventory.signature === i) lines.push([{ text: `     ${inventoryLine(r.inventory)}`, tone: 'muted' }]);
  });
  lines.push([{ text: 'What changed', tone: 'title' }]);
  if (r.changes.length === 0) lines.push([{ text: '  no policy, rule, assurance, authenticator, app or CA change', tone: 'muted' }]);
  for (const c of [...r.changes].sort((a, b) => Number(b.leadsSignature !== null) - Number(a.leadsSignature !== null) || b.timeMs - a.timeMs)) {
    const lead = c.leadsSignature !== null;
    lines.push([
      { text: `  ${formatIsoUtc(c.timeMs).slice(5, 16).replace('T', ' ')}Z `, tone: 'muted' },
      { text: lead ? `LEAD #${c.leadsSignature} ` : '', tone: 'lead' },
      { text: c.secondsBefore !== null ? `${shortDuration(c.secondsBefore)} before  ` : '', tone: 'muted' },
      { text: `${c.summary}${c.actor ? ` (${c.actor})` : ''}`, tone: 'text' },
    ]);
  }
  return lines;
}

const fleetLinesMemo = memoLast(linesOf);

/** The Fleet view's rows: signatures (this device's marked), the inventory of the largest, the changes with leads first. */
export const fleetLines = (s: Pick<ConsoleState, 'analysis' | 'fleet'>): FleetLine[] => fleetLinesMemo(s.fleet, fleetMatch(s.analysis.timeline, s.fleet.result)?.index ?? null);
