import type { Signature } from './signatures.js';
import type { ChangeObservation } from './types.js';

/** Changes kept; an organisation changing more than this in a day is summarised by the count dropped. */
export const MAX_CHANGES = 1000;

export interface MarkedChange extends ChangeObservation {
  /** Index (largest first) of the signature whose policy or rule this change touched just before it began. */
  leadsSignature: number | null;
  /**
   * Seconds from the change to the first failure of the signature it leads, or of the largest signature
   * when it leads none; null when it came after that failure.
   */
  secondsBefore: number | null;
}

/** Admin changes in arrival order, bounded, deduplicated by id. */
export class ChangeLog {
  private readonly byId = new Map<string, ChangeObservation>();
  dropped = 0;

  add(c: ChangeObservation): void {
    if (this.byId.has(c.id)) return;
    if (this.byId.size >= MAX_CHANGES) {
      this.dropped++;
      return;
    }
    this.byId.set(c.id, c);
  }

  changes(): ChangeObservation[] {
    return [...this.byId.values()].sort((a, b) => a.timeMs - b.timeMs);
  }
}

/** What of a signature a change must name to touch it: the policy and rule ids, else their names. */
function signatureTargets(s: Signature): string[] {
  const ids = [s.policyId, s.ruleId].filter((x): x is string => x !== null);
  if (ids.length > 0) return ids;
  return [s.policy, s.rule].filter((x): x is string => x !== null);
}

/**
 * Marks leads: for each signature (largest first), the last change before its first failure that
 * touched the policy or rule it names. A change leads at most one signature (the largest it touches).
 */
export function markLeads(changes: readonly ChangeObservation[], signatures: readonly Signature[]): MarkedChange[] {
  const marked: MarkedChange[] = changes.map((c) => ({ ...c, leadsSignature: null, secondsBefore: null }));
  signatures.forEach((s, index) => {
    const targets = signatureTargets(s);
    if (targets.length === 0) return;
    let lead: MarkedChange | undefined;
    for (const c of marked) {
      if (c.timeMs > s.firstMs) break;
      if (c.leadsSignature === null && c.targetKeys.some((k) => targets.includes(k))) lead = c;
    }
    if (lead) {
      lead.leadsSignature = index;
      lead.secondsBefore = Math.round((s.firstMs - lead.timeMs) / 1000);
    }
  });
  const largest = signatures[0];
  for (const c of marked) {
    if (c.leadsSignature === null && largest && c.timeMs <= largest.firstMs) c.secondsBefore = Math.round((largest.firstMs - c.timeMs) / 1000);
  }
  return marked;
}
