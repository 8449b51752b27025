import type { FactInput } from '../../core/adapter.js';
import { emptyFacts, known, setFact, unknown, type DerivedFacts } from '../../core/fact-table.js';
import type { FactDeclaration } from '../../core/facts.js';
import type { TimelineEvent } from '../../model/event.js';
import type { OktaState } from './state.js';

const NAMES = {
  recordFound: ['idp.device.record-found', 'okta.device.record-found'],
  managed: ['idp.device.managed', 'okta.device-managed'],
  status: ['idp.device.status', 'okta.device.status'],
  active: ['idp.device.active', 'okta.device.active'],
  registered: ['idp.device.registered', 'okta.device.registered'],
  recordCount: ['idp.device.record-count', 'okta.device.record-count'],
} as const;

export const OKTA_FACTS: readonly FactDeclaration[] = [
  ...NAMES.recordFound.map((name) => ({ name, type: 'boolean' as const, description: 'the identity provider has a device record for the Mac' })),
  ...NAMES.managed.map((name) => ({ name, type: 'boolean' as const, description: 'the identity provider sees the Mac as managed (Devices API or sign-in events)' })),
  ...NAMES.status.map((name) => ({ name, type: 'string' as const, description: "the identity provider's device status (ACTIVE, SUSPENDED, DEACTIVATED…)" })),
  ...NAMES.active.map((name) => ({ name, type: 'boolean' as const, description: 'the identity provider device record is ACTIVE (not suspended, deactivated or deleted)' })),
  ...NAMES.registered.map((name) => ({ name, type: 'boolean' as const, description: 'the identity provider device record says the Mac is registered' })),
  ...NAMES.recordCount.map((name) => ({ name, type: 'number' as const, description: 'identity provider device records for the Mac (more than one: a duplicate left by a reimage)' })),
];

/** Sign-in events say `device.managed` for the device that presented itself; the latest one that says wins. */
function managedFromSignIns(events: readonly TimelineEvent[]): TimelineEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (typeof events[i]!.fields['deviceManaged'] === 'boolean') return events[i];
  return undefined;
}

/** Okta's facts from its device records and, for management, from sign-in events. */
export function deriveOktaFacts(input: FactInput<OktaState>): DerivedFacts {
  const facts = emptyFacts();
  const state = input.state;
  const devices = state?.devices ?? [];
  const deviceEvent = input.ofKind('okta.device.state')[0];
  // Okta searched for the Mac and had no record: a finding (Device Trust never registered, or the record deleted).
  const notFound = input.ofKind('okta.device.not-found')[0];
  if (devices.length > 0) setFact(facts, NAMES.recordFound, known(true, [deviceEvent]));
  else if (state?.devicesComplete || notFound) setFact(facts, NAMES.recordFound, known(false, [notFound]));
  else setFact(facts, NAMES.recordFound, unknown(input.present ? 'the Okta Devices API was not read in full' : 'no Okta evidence'));

  const byRecord = devices.some((d) => d.managed !== undefined || d.users.some((u) => u.managementStatus !== undefined));
  if (byRecord) {
    const managed = devices.some((d) => d.managed === true || d.users.some((u) => u.managementStatus === 'MANAGED'));
    setFact(facts, NAMES.managed, known(managed, [deviceEvent]));
  } else {
    const signIn = managedFromSignIns(input.events);
    setFact(facts, NAMES.managed, signIn ? known(signIn.fields['deviceManaged'] as boolean, [signIn]) : unknown('Okta does not say whether it sees the Mac as managed'));
  }
  const status = devices.find((d) => d.status !== undefined)?.status;
  setFact(facts, NAMES.status, status !== undefined ? known(status, [deviceEvent]) : unknown('no Okta device status'));
  setFact(facts, NAMES.active, status !== undefined ? known(status === 'ACTIVE', [deviceEvent]) : unknown('no Okta device status'));
  const registered = devices.find((d) => d.registered !== undefined)?.registered;
  setFact(facts, NAMES.registered, registered !== undefined ? known(registered, [deviceEvent]) : unknown('no Okta device record says whether the Mac is registered'));
  setFact(facts, NAMES.recordCount, devices.length > 0 ? known(devices.length, [deviceEvent]) : unknown('no Okta device record'));
  return facts;
}
