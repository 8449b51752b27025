import type { Coverage } from '../../src/core/coverage.js';
import type { FactLookup, FactResult, FactValue } from '../../src/core/facts.js';
import type { EvidenceContext } from '../../src/diagnosis/findings.js';
import { compileModel, parsePackText, type PackVocabulary } from '../../src/diagnosis/load-pack.js';
import type { DiagnosisModel } from '../../src/diagnosis/model.js';
import type { RankOptions } from '../../src/diagnosis/rank.js';
import type { EventFields, SourceName, TimelineEvent } from '../../src/model/event.js';
import { genericOf } from '../../src/sources/registry.js';

export const T0 = Date.UTC(2026, 10, 20, 14, 2);

/** What hand-built test packs may name. */
export const VOCABULARY: PackVocabulary = {
  kinds: [
    { kind: 'device.trust.failure', generic: 'endpoint.trust.failure', stream: 'endpoint.log', fields: ['trustResult'] },
    { kind: 'device.sso.error', generic: 'endpoint.sso.error', stream: 'endpoint.log' },
    { kind: 'okta.*', generic: 'idp.event', stream: 'idp.system-log' },
    { kind: 'okta.policy.rule.update', generic: 'idp.admin.policy-change', stream: 'idp.system-log' },
    { kind: 'jamf.mdm.command', generic: 'mdm.command', stream: 'mdm.commands' },
  ],
  facts: [
    { name: 'endpoint.clock.offset-seconds', description: 'offset', type: 'number' },
    { name: 'endpoint.trust-cert.count', description: 'certificates', type: 'number' },
    { name: 'mdm.profile-present', description: 'profile', type: 'boolean', arg: 'pattern' },
  ],
  probes: ['sntp', 'okta-mtls-cert', 'log-trust'],
  sources: ['okta', 'jamf', 'device'],
};

export function modelOf(yaml: string, file = 'test.yaml'): DiagnosisModel {
  return compileModel([parsePackText(yaml, file)], VOCABULARY);
}

let seq = 0;
export function ev(source: SourceName, kind: string, offsetS: number, summary = '', fields: EventFields = {}, keys: TimelineEvent['keys'] = {}): TimelineEvent {
  return { id: `${source}:${++seq}`, epochMs: T0 + offsetS * 1000, originalTime: '', source, kind, generic: genericOf(source, kind), severity: 'error', summary, keys, raw: { file: 'f' }, fields };
}

export function facts(values: Record<string, FactValue>, events: readonly TimelineEvent[] = []): FactLookup {
  return {
    get: (name): FactResult => (name in values ? { state: 'known', value: values[name]!, events } : { state: 'unknown', why: `${name} not measured` }),
    declared: () => VOCABULARY.facts,
  };
}

export function complete(source: string, role: Coverage['role'], stream: string, kinds: string[], fromMs: number | null = null, untilMs: number | null = null): Coverage {
  return { source, role, stream, kinds, fromMs, untilMs, complete: true };
}

export const FULL_COVERAGE: Coverage[] = [
  complete('okta', 'idp', 'idp.system-log', ['okta.*']),
  complete('device', 'endpoint', 'endpoint.log', ['device.*']),
  complete('jamf', 'mdm', 'mdm.commands', ['jamf.mdm.command']),
];

export function context(opts: { coverage?: Coverage[]; facts?: FactLookup; mine?: (e: TimelineEvent) => boolean } = {}): EvidenceContext {
  return {
    coverage: opts.coverage ?? FULL_COVERAGE,
    facts: opts.facts ?? facts({}),
    roles: new Map([
      ['okta', 'idp'],
      ['jamf', 'mdm'],
      ['device', 'endpoint'],
    ]),
    isMine: opts.mine ?? ((e) => e.keys.user === 'alice@example.com'),
  };
}

export const OPTIONS: RankOptions = { macReachable: true, probesInHand: new Set(), probeCommand: (name) => `probe ${name}` };
