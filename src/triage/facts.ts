import type { Analysis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';

/**
 * The fact names packs of this engine use, and the name each has in the sources' fact table
 * (`analysis.facts`). The one place the old names live until this engine is replaced.
 */
const SOURCE_FACT = {
  'clock.offset-seconds': 'endpoint.clock.offset-seconds',
  'okta-cert.count': 'endpoint.trust-cert.count',
  'okta-cert.valid-count': 'endpoint.trust-cert.valid-count',
  'okta-cert.all-expired': 'endpoint.trust-cert.expired',
  'okta-cert.expired-days': 'endpoint.trust-cert.expired-days',
  'okta-keychain.missing': 'endpoint.keychain.missing',
  'jamf.record-found': 'mdm.record-found',
  'jamf.managed': 'mdm.managed',
  'jamf.mdm-capable': 'mdm.mdm-capable',
  'jamf.check-in-age-hours': 'mdm.check-in-age-hours',
  'jamf.mdm-profile-expired': 'mdm.enrollment-profile-expired',
  'jamf.profile-present': 'mdm.profile-present',
  'jamf.management-lapsed': 'mdm.management-lapsed',
  'mdm.enrolled': 'endpoint.mdm.enrolled',
  'sso.registered': 'endpoint.sso.registered',
  'sso.extension': 'endpoint.sso.extension',
  'okta.device-managed': 'idp.device.managed',
} as const;

export type FactName = keyof typeof SOURCE_FACT;
export const FACT_NAMES = Object.keys(SOURCE_FACT) as [FactName, ...FactName[]];

export type FactValue = boolean | number | string;

export interface Fact {
  value: FactValue;
  /** The event that shows the fact (a probe, the Jamf inventory state), when there is one. */
  event: TimelineEvent | undefined;
}

/** Reads the analysis' facts under this engine's names; an unknown fact is undefined, never false. */
export class FactBook {
  constructor(private readonly analysis: Analysis) {}

  get(name: FactName, arg?: string): Fact | undefined {
    const result = this.analysis.facts.get(SOURCE_FACT[name], arg);
    return result.state === 'known' ? { value: result.value, event: result.events[0] } : undefined;
  }
}
