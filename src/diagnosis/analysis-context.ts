import type { SourceRole } from '../core/roles.js';
import type { Analysis } from '../model/analysis.js';
import type { EvidenceContext } from './findings.js';
import { DeviceIdentitySet } from './identity.js';

/** What findings are judged against for one analysis: the coverage and facts its sources reported, their roles, the identity. */
export function evidenceContext(analysis: Analysis): EvidenceContext {
  const identity = new DeviceIdentitySet(analysis);
  const roles = new Map<string, SourceRole>(analysis.sources.map((s) => [s.name, s.role]));
  return { coverage: analysis.coverage, facts: analysis.facts, roles, isMine: (e) => identity.includes(e) };
}

/** Probes whose output the evidence already holds. */
export function probesInHand(ctx: EvidenceContext): Set<string> {
  const prefix = 'endpoint.probe.';
  return new Set(ctx.coverage.filter((c) => c.stream.startsWith(prefix) && c.complete).map((c) => c.stream.slice(prefix.length)));
}
