import type { FactInput } from '../../core/adapter.js';
import { emptyFacts, known, setFact, unknown, type DerivedFacts } from '../../core/fact-table.js';
import type { FactDeclaration, FactResult } from '../../core/facts.js';
import type { TimelineEvent } from '../../model/event.js';
import type { JamfDeviceState } from './state.js';

const HOUR_MS = 3_600_000;
/** Silent this long, a Mac is no longer managed in practice. */
const STALE_CHECK_IN_HOURS = 14 * 24;
/** A Mac that never checked in has an unbounded age: a large number, not unknown. */
const NEVER_CHECKED_IN_HOURS = 1e6;

/** Generic name, then the Jamf alias organisation packs may use. */
const NAMES = {
  recordFound: ['mdm.record-found', 'jamf.record-found'],
  managed: ['mdm.managed', 'jamf.managed'],
  mdmCapable: ['mdm.mdm-capable', 'jamf.mdm-capable'],
  checkInAge: ['mdm.check-in-age-hours', 'jamf.check-in-age-hours'],
  profileExpired: ['mdm.enrollment-profile-expired', 'jamf.mdm-profile-expired'],
  profilePresent: ['mdm.profile-present', 'jamf.profile-present'],
  lapsed: ['mdm.management-lapsed', 'jamf.management-lapsed'],
  userApproved: ['mdm.user-approved', 'jamf.user-approved-mdm'],
  pendingDays: ['mdm.pending-command-max-days', 'jamf.pending-command-max-days'],
  trustCertRevoked: ['mdm.trust-cert.revoked', 'jamf.trust-cert.revoked'],
  trustCertStatus: ['mdm.trust-cert.status', 'jamf.trust-cert.status'],
} as const;

const DESCRIPTIONS: [keyof typeof NAMES, FactDeclaration['type'], string, string?][] = [
  ['recordFound', 'boolean', 'the MDM has an inventory record for the Mac'],
  ['managed', 'boolean', 'the MDM manages the Mac'],
  ['mdmCapable', 'boolean', 'the MDM says the Mac can be managed over MDM'],
  ['checkInAge', 'number', 'hours since the Mac last checked in with the MDM, at collection'],
  ['profileExpired', 'boolean', "the Mac's MDM enrollment profile had expired at collection"],
  ['profilePresent', 'boolean', 'a configuration profile whose name or identifier matches the pattern is installed', 'profile name pattern'],
  ['lapsed', 'boolean', 'the MDM no longer manages the Mac in practice: no record, unmanaged, profile expired or silent 14 days'],
  ['userApproved', 'boolean', 'the MDM enrollment is user approved (the Mac\'s profiles status says so when the MDM does not)'],
  ['pendingDays', 'number', 'days the oldest still-pending MDM command has waited (0 when none is pending)'],
  ['trustCertRevoked', 'boolean', 'the MDM inventory lists the Okta Device Trust certificate as REVOKED'],
  ['trustCertStatus', 'string', "the MDM inventory's status of the Okta Device Trust certificate (ISSUED, EXPIRING, EXPIRED, REVOKED)"],
];

const DAY_MS = 86_400_000;
/** The Okta Device Trust / management certificate among the MDM inventory's certificates. */
const TRUST_CERT = /okta|device trust|management attestation|mtls/i;

export const JAMF_FACTS: readonly FactDeclaration[] = DESCRIPTIONS.flatMap(([key, type, description, arg]) =>
  NAMES[key].map((name) => ({ name, type, description, ...(arg ? { arg } : {}) })),
);

/** Jamf's facts from its inventory state; unknown wherever the inventory did not say. */
export function deriveJamfFacts(input: FactInput<JamfDeviceState>): DerivedFacts {
  const facts = emptyFacts();
  const jamf = input.state;
  if (!jamf) {
    const why = input.present ? 'the Jamf inventory could not be read' : 'no Jamf evidence';
    for (const names of Object.values(NAMES)) setFact(facts, names, unknown(why));
    return facts;
  }
  const stateEvent = input.ofKind('jamf.inventory.state')[0];
  const notFound = input.ofKind('jamf.inventory.not-found')[0];
  const now = input.collectedAtMs;
  const put = (names: readonly string[], value: boolean | number | undefined, why: string, event = stateEvent): FactResult => {
    const result = value === undefined ? unknown(why) : known(value, [event]);
    setFact(facts, names, result);
    return result;
  };
  put(NAMES.recordFound, jamf.recordsFound > 0, '', jamf.recordsFound === 0 ? notFound : stateEvent);
  if (jamf.recordsFound === 0) {
    setFact(facts, NAMES.lapsed, known(true, [notFound]));
    const unknownWithoutRecord = [NAMES.managed, NAMES.mdmCapable, NAMES.checkInAge, NAMES.profileExpired, NAMES.profilePresent, NAMES.userApproved, NAMES.trustCertRevoked, NAMES.trustCertStatus];
    setFact(facts, NAMES.pendingDays, pendingCommandDays(input.ofKind('jamf.mdm.command'), input.ofKind('jamf.history.command'), now));
    for (const names of unknownWithoutRecord) {
      setFact(facts, names, unknown('Jamf has no record of the Mac'));
    }
    return facts;
  }
  put(NAMES.managed, jamf.managed, 'the inventory does not say whether Jamf manages the Mac');
  put(NAMES.mdmCapable, jamf.mdmCapable, 'the inventory does not say whether the Mac is MDM capable');
  const checkIn = jamf.lastCheckInMs ?? jamf.lastContactMs;
  const age = checkIn === undefined || now === undefined ? undefined : checkIn === null ? NEVER_CHECKED_IN_HOURS : (now - checkIn) / HOUR_MS;
  put(NAMES.checkInAge, age, now === undefined ? 'no collection time to age the last check-in' : 'the inventory has no check-in time');
  const expires = jamf.mdmProfileExpiresMs;
  const expired = expires !== undefined && expires !== null && now !== undefined ? expires < now : undefined;
  put(NAMES.profileExpired, expired, 'the inventory has no MDM profile expiry (or no collection time)');
  const lapsedBy = [jamf.managed === false, expired === true, age !== undefined && age > STALE_CHECK_IN_HOURS];
  const clearBy = [jamf.managed !== undefined, expired !== undefined, age !== undefined];
  // Not lapsed only when management, profile expiry and check-in are all known and none says so.
  put(NAMES.lapsed, lapsedBy.some(Boolean) ? true : clearBy.every(Boolean) ? false : undefined, 'the inventory does not say management, check-in and profile expiry');
  put(NAMES.userApproved, jamf.userApprovedMdm, 'the inventory does not say whether the enrollment is user approved');
  setFact(facts, NAMES.pendingDays, pendingCommandDays(input.ofKind('jamf.mdm.command'), input.ofKind('jamf.history.command'), now));
  const trustCert = jamf.certificates.find((c) => TRUST_CERT.test(`${c.commonName} ${c.subject ?? ''}`));
  const certEvent = input.ofKind('jamf.certificate.expiry').find((e) => trustCert && e.fields['certificateName'] === trustCert.commonName) ?? stateEvent;
  const noCert = 'Jamf lists no Okta Device Trust certificate (or no status for it)';
  setFact(facts, NAMES.trustCertStatus, trustCert?.status ? known(trustCert.status.toUpperCase(), [certEvent]) : unknown(noCert));
  setFact(facts, NAMES.trustCertRevoked, trustCert?.status ? known(/REVOKE/i.test(trustCert.status), [certEvent]) : unknown(noCert));
  const profilePresent = (pattern: string | undefined): FactResult => profileFact(jamf, pattern, stateEvent, input.ofKind('jamf.profile.installed'));
  for (const name of NAMES.profilePresent) facts.withArg.set(name, profilePresent);
  return facts;
}

function profileFact(jamf: JamfDeviceState, pattern: string | undefined, stateEvent: TimelineEvent | undefined, installed: readonly TimelineEvent[]): FactResult {
  if (!pattern) return unknown('profile-present needs a name pattern');
  if (!jamf.profilesReturned) return unknown('the inventory did not return its configuration profiles');
  const re = new RegExp(pattern, 'i');
  const profile = jamf.profiles.find((p) => re.test(p.name) || (p.identifier !== undefined && re.test(p.identifier)));
  if (!profile) return known(false, [stateEvent]);
  return known(true, [installed.find((e) => e.fields['profileName'] === profile.name) ?? stateEvent]);
}

/**
 * The age of the oldest MDM command still pending at collection, from the v2 command list
 * (`pendingDays`) and the classic history's pending list; 0 when the lists were read and none is
 * pending; unknown without a command list or a collection time.
 */
function pendingCommandDays(commands: readonly TimelineEvent[], history: readonly TimelineEvent[], nowMs: number | undefined): FactResult {
  const all = [...commands, ...history];
  if (all.length === 0) return unknown('no MDM command list');
  if (nowMs === undefined) return unknown('no collection time');
  let oldest: TimelineEvent | undefined;
  let days = 0;
  for (const e of all) {
    const state = String(e.fields['commandState'] ?? e.fields['state'] ?? '').toUpperCase();
    if (state !== 'PENDING') continue;
    const waited = typeof e.fields['pendingDays'] === 'number' ? e.fields['pendingDays'] : (nowMs - e.epochMs) / DAY_MS;
    if (waited > days) {
      days = waited;
      oldest = e;
    }
  }
  return known(days, [oldest]);
}
