import type { SourceRole } from '../core/roles.js';
import type { Analysis } from '../model/analysis.js';
import type { EventIndex } from './event-index.js';
import type { EvidenceContext } from './findings.js';
import { DeviceIdentitySet } from './identity.js';
import { legacyCoverage, legacyFacts } from './legacy-evidence.js';

const ROLES: ReadonlyMap<string, SourceRole> = new Map([
  ['okta', 'idp'],
  ['jamf', 'mdm'],
  ['device', 'endpoint'],
]);

/** What findings are judged against for one analysis: its coverage, facts, source roles and identity. */
export function evidenceContext(analysis: Analysis, index: EventIndex): EvidenceContext {
  const identity = new DeviceIdentitySet(analysis);
  const coverage = legacyCoverage(analysis, index);
  const roles = new Map(ROLES);
  for (const c of coverage) roles.set(c.source, c.role);
  return { coverage, facts: legacyFacts(analysis, index), roles, isMine: (e) => identity.includes(e) };
}

/** Probes whose output the evidence already holds. */
export function probesInHand(ctx: EvidenceContext): Set<string> {
  const prefix = 'endpoint.probe.';
  return new Set(ctx.coverage.filter((c) => c.stream.startsWith(prefix) && c.complete).map((c) => c.stream.slice(prefix.length)));
}
