import { formatIsoUtc } from '../time/timestamp.js';
import { inventoryLine } from './inventory.js';
import type { SweepResult } from './run-sweep.js';
import { signatureTitle } from './signatures.js';
import { shortDuration, sparkline } from './sparkline.js';

/** A table cell: one line, pipes escaped. External text is sanitised by the caller's output boundary. */
const cell = (text: string | null | number): string => (text === null ? '–' : String(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|'));
const hm = (ms: number): string => `${formatIsoUtc(ms).slice(0, 16).replace('T', ' ')}Z`;


/** `sweep --md`: the organisation view as a report section an incident channel can read. */
export function sweepMarkdown(r: SweepResult): string {
  const out: string[] = [];
  out.push(`# Sweep ${hm(r.sinceMs)} – ${hm(r.untilMs)}`, '');
  out.push('| source | status | events | requests | note |', '|---|---|---|---|---|');
  for (const s of r.sources) {
    const covered = s.covered && s.status !== 'ok' ? `failures read through ${hm(s.covered.failures.throughMs)}` : '';
    out.push(`| ${s.name} | ${s.status} | ${s.events} | ${s.requests} | ${cell([covered, s.error ?? ''].filter(Boolean).join('; ') || null)} |`);
  }
  out.push('', '## Failure signatures', '');
  if (r.signatures.length === 0) out.push('No failures or denials in the window.');
  else {
    out.push('| # | signature | client | OS | events | users | devices | first | last | over the window |', '|---|---|---|---|---|---|---|---|---|---|');
    r.signatures.slice(0, 20).forEach((s, i) => {
      out.push(`| ${i} | ${cell(signatureTitle(s))} | ${cell(s.client)} | ${cell(s.osVersion)} | ${s.events} | ${s.users} | ${s.devices} | ${hm(s.firstMs)} | ${hm(s.lastMs)} | \`${sparkline(s.buckets)}\` |`);
    });
    if (r.signatures.length > 20) out.push('', `${r.signatures.length - 20} smaller signatures not shown (see --json).`);
  }
  if (r.inventory) out.push('', `Devices of signature ${r.inventory.signature}: ${inventoryLine(r.inventory)}.`);
  out.push('', `## What changed (${shortDuration(r.lookbackMs / 1000)} before the window and during it)`, '');
  if (r.changes.length === 0) out.push('No policy, rule, device assurance, authenticator, application or CA changes.');
  else {
    out.push('| time | change | actor | target | before the failures |', '|---|---|---|---|---|');
    for (const c of r.changes) {
      const lead = c.leadsSignature !== null ? `**lead of #${c.leadsSignature}**, ` : '';
      const before = c.secondsBefore !== null ? `${lead}${shortDuration(c.secondsBefore)} before` : lead ? lead.slice(0, -2) : '–';
      out.push(`| ${hm(c.timeMs)} | ${cell(c.summary)} | ${cell(c.actor)} | ${cell(c.target)} | ${before} |`);
    }
  }
  if (r.overflow.failures > 0 || r.overflow.changes > 0) {
    out.push('', `Not grouped: ${r.overflow.failures} failures (too many distinct signatures), ${r.overflow.changes} changes (too many to list).`);
  }
  return `${out.join('\n')}\n`;
}
