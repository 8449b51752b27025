import type { Coverage } from '../core/coverage.js';
import type { FactDeclaration, FactLookup, FactResult, FactValue } from '../core/facts.js';
import type { KindDeclaration } from '../core/kinds.js';
import type { Analysis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';
import { PROBE_NAMES } from '../sources/mac/probes/index.js';
import type { EventIndex } from './event-index.js';

/**
 * Coverage, facts and kinds for an Analysis whose sources do not report them yet (until the adapters
 * deliver `Analysis.coverage` and `Analysis.facts`). Coverage is conservative: a stream counts as
 * read only when the source loaded and events of that stream are present, and it is never bounded in
 * time, so an absence is only judged where the stream itself shows it was read.
 */

const HOUR_MS = 3_600_000;
const STALE_CHECK_IN_HOURS = 14 * 24;

const STREAMS: { source: 'okta' | 'jamf' | 'device'; role: Coverage['role']; stream: string; kinds: string[]; generic: string }[] = [
  { source: 'okta', role: 'idp', stream: 'idp.system-log', kinds: ['okta.user.*', 'okta.app.*', 'okta.policy.*', 'okta.pki.*', 'okta.device.enrollment.*', 'okta.device.user.*', 'okta.device.assurance.*', 'okta.device.lifecycle.*', 'okta.device.platform_sso.*', 'okta.system.*', 'okta.application.*', 'okta.security.*', 'okta.group.*'], generic: 'idp.event' },
  { source: 'okta', role: 'idp', stream: 'idp.devices', kinds: ['okta.device.state', 'okta.device.not-found'], generic: 'idp.device.state' },
  { source: 'jamf', role: 'mdm', stream: 'mdm.inventory', kinds: ['jamf.inventory.*', 'jamf.profile.*', 'jamf.certificate.*', 'jamf.mdm-profile.*', 'jamf.attestation'], generic: 'mdm.inventory.state' },
  { source: 'jamf', role: 'mdm', stream: 'mdm.commands', kinds: ['jamf.mdm.command'], generic: 'mdm.command' },
  { source: 'jamf', role: 'mdm', stream: 'mdm.history', kinds: ['jamf.history.*', 'jamf.policy.*'], generic: 'mdm.command' },
  { source: 'device', role: 'endpoint', stream: 'endpoint.log', kinds: ['device.trust.*', 'device.tls.*', 'device.ocsp.*', 'device.network.*', 'device.mdm*', 'device.sso*', 'device.clock*', 'device.psso*', 'device.log'], generic: 'endpoint.log' },
  { source: 'device', role: 'endpoint', stream: 'endpoint.log.push', kinds: ['device.push*'], generic: 'endpoint.push' },
  { source: 'device', role: 'endpoint', stream: 'endpoint.log.okta-verify', kinds: ['device.okta.*'], generic: 'endpoint.sso.error' },
];

const PROBES = PROBE_NAMES;

function kindIn(kind: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? kind.startsWith(p.slice(0, -1)) : p === kind));
}

/** The kinds today's parsers emit. */
export const LEGACY_KINDS: readonly KindDeclaration[] = [
  ...STREAMS.flatMap((s) => s.kinds.map((kind) => ({ kind, generic: s.generic, stream: s.stream }))),
  ...PROBES.map((p) => ({ kind: `device.probe.${p}`, generic: 'endpoint.probe', stream: `endpoint.probe.${p}` })),
];

export function legacyCoverage(analysis: Analysis, index: EventIndex): Coverage[] {
  const out: Coverage[] = [];
  const kinds = [...index.kinds()].map(([kind]) => kind);
  for (const s of STREAMS) {
    if (analysis.sources.find((x) => x.name === s.source)?.status !== 'ok') continue;
    if (!kinds.some((k) => kindIn(k, s.kinds))) continue;
    out.push({ source: s.source, role: s.role, stream: s.stream, kinds: s.kinds, fromMs: null, untilMs: null, complete: true });
  }
  for (const kind of kinds) {
    if (kind.startsWith('device.probe.')) {
      out.push({ source: 'device', role: 'endpoint', stream: `endpoint.probe.${kind.slice('device.probe.'.length)}`, kinds: [kind], fromMs: null, untilMs: null, complete: true });
    }
  }
  return out;
}

export const LEGACY_FACTS: readonly FactDeclaration[] = [
  { name: 'endpoint.clock.offset-seconds', description: "The Mac's clock offset from true time, in seconds (absolute)", type: 'number' },
  { name: 'endpoint.trust-cert.count', description: 'Okta MTLS certificates in the keychain', type: 'number' },
  { name: 'endpoint.trust-cert.valid-count', description: 'Okta MTLS certificates valid now', type: 'number' },
  { name: 'endpoint.trust-cert.expired', description: 'Every Okta MTLS certificate has expired (unknown when an expiry could not be read)', type: 'boolean' },
  { name: 'endpoint.trust-cert.expired-days', description: 'Days since the last Okta MTLS certificate expired', type: 'number' },
  { name: 'endpoint.keychain.missing', description: 'okta.keychain is missing', type: 'boolean' },
  { name: 'endpoint.mdm.enrolled', description: 'The Mac says it is enrolled in MDM', type: 'boolean' },
  { name: 'endpoint.sso.registered', description: 'An SSO extension is registered', type: 'boolean' },
  { name: 'endpoint.sso.extension', description: 'The registered SSO extension identifier', type: 'string' },
  { name: 'mdm.record-found', description: 'The MDM has a record of the Mac', type: 'boolean' },
  { name: 'mdm.managed', description: 'The MDM manages the Mac', type: 'boolean' },
  { name: 'mdm.mdm-capable', description: 'The MDM says the Mac is MDM capable', type: 'boolean' },
  { name: 'mdm.check-in-age-hours', description: 'Hours since the Mac last checked in with the MDM', type: 'number' },
  { name: 'mdm.enrollment-profile-expired', description: 'The MDM enrollment profile has expired', type: 'boolean' },
  { name: 'mdm.profile-present', description: 'A configuration profile matching the pattern is installed', type: 'boolean', arg: 'profile name or identifier pattern' },
  { name: 'mdm.management-lapsed', description: 'The MDM no longer manages the Mac in practice', type: 'boolean' },
  { name: 'idp.device.record-found', description: 'The IdP has a device record for the Mac', type: 'boolean' },
  { name: 'idp.device.managed', description: 'The IdP sees the Mac as managed', type: 'boolean' },
  { name: 'idp.device.status', description: "The IdP device record's status", type: 'string' },
  { name: 'idp.device.active', description: 'The IdP device record is ACTIVE (not suspended, deactivated or deleted)', type: 'boolean' },
  { name: 'idp.device.registered', description: 'The IdP device record says the Mac is registered', type: 'boolean' },
  { name: 'idp.device.record-count', description: 'IdP device records for the Mac (more than one: a duplicate left by a reimage)', type: 'number' },
  { name: 'mdm.user-approved', description: 'The MDM enrollment is user approved', type: 'boolean' },
  { name: 'mdm.pending-command-max-days', description: 'Days the oldest still-pending MDM command has waited (0 when none is pending)', type: 'number' },
  { name: 'mdm.trust-cert.revoked', description: 'The MDM inventory lists the Okta Device Trust certificate as REVOKED', type: 'boolean' },
  { name: 'mdm.trust-cert.status', description: "The MDM inventory's status of the Okta Device Trust certificate (ISSUED, EXPIRING, EXPIRED, REVOKED)", type: 'string' },
  { name: 'endpoint.psso.user-state', description: "Platform SSO user state: normal, needs-new-keys, needs-registration or other", type: 'string' },
  { name: 'endpoint.psso.available', description: 'app-sso platform exists on this Mac (macOS 13 or later)', type: 'boolean' },
  { name: 'endpoint.os.version', description: 'The macOS version (sw_vers)', type: 'string' },
  { name: 'endpoint.os.major', description: 'The macOS major version number (sw_vers)', type: 'number' },
  { name: 'endpoint.okta-verify.installed', description: 'Okta Verify is installed in /Applications', type: 'boolean' },
  { name: 'endpoint.okta-verify.version', description: 'The Okta Verify version', type: 'string' },
  { name: 'endpoint.proxy.configured', description: 'A system proxy (manual, PAC or auto-discovery) is configured', type: 'boolean' },
  { name: 'endpoint.network-extension.count', description: 'Active network system extensions (content filters, VPN, TLS inspection)', type: 'number' },
];

/** The Okta Device Trust / management certificate among the MDM inventory's certificates. */
const TRUST_CERT = /okta|device trust|management attestation|mtls/i;

/** Facts from the device state the parsers collected. */
export function legacyFacts(analysis: Analysis, index: EventIndex): FactLookup {
  const byKind = (kind: string): TimelineEvent[] => {
    const e = index.first(kind);
    return e ? [e] : [];
  };
  const facts = new Map<string, FactResult>();
  const set = (name: string, value: FactValue | undefined, kind: string, why: string) => {
    facts.set(name, value === undefined ? { state: 'unknown', why } : { state: 'known', value, events: byKind(kind) });
  };
  const { state, clock } = analysis;
  const now = analysis.collectedAtMs ?? undefined;
  set('endpoint.clock.offset-seconds', clock.deviceOffsetMs === null ? undefined : Math.abs(clock.deviceOffsetMs) / 1000, clock.basis === 'sntp' ? 'device.probe.sntp' : 'device.probe.date-utc', 'no sntp or date-utc reading');
  // Probes run as root read root's keychain, not the user's: what they found proves nothing about the user's.
  const rootKeychain = /^(\/private)?\/var\/root\//.test(state.probes.keychain?.path ?? '');
  const certs = rootKeychain ? undefined : state.probes.oktaCertificates;
  const certWhy = rootKeychain ? "the probes read root's keychain, not the user's" : 'the okta-mtls-cert probe did not run';
  const readable = certs?.every((c) => c.notAfterMs !== null) ?? false;
  const valid = certs && now !== undefined ? certs.filter((c) => c.notAfterMs !== null && c.notAfterMs > now).length : undefined;
  set('endpoint.trust-cert.count', certs?.length, 'device.probe.okta-mtls-cert', certWhy);
  // One rule for "valid": an end date that could be read and lies after the collection time.
  set('endpoint.trust-cert.valid-count', valid !== undefined && (valid > 0 || readable) ? valid : undefined, 'device.probe.okta-mtls-cert', certs ? 'a certificate end date could not be read' : certWhy);
  set('endpoint.trust-cert.expired', certs && certs.length > 0 && valid !== undefined && (valid > 0 || readable) ? valid === 0 : undefined, 'device.probe.okta-mtls-cert', certs?.length === 0 ? 'no certificate' : certs ? 'a certificate end date could not be read' : certWhy);
  const ends = (certs ?? []).map((c) => c.notAfterMs).filter((t): t is number => t !== null);
  set('endpoint.trust-cert.expired-days', valid === 0 && readable && ends.length > 0 && now !== undefined ? (now - Math.max(...ends)) / (24 * HOUR_MS) : undefined, 'device.probe.okta-mtls-cert', 'no expired certificate with a readable end date');
  set('endpoint.keychain.missing', rootKeychain ? undefined : state.probes.keychain?.missing, 'device.probe.keychain-info', rootKeychain ? certWhy : 'the keychain-info probe did not run');
  set('endpoint.mdm.enrolled', state.probes.enrollment?.mdm ?? undefined, 'device.probe.profiles-status', 'the profiles-status probe did not run or said nothing about MDM');
  const sso = state.probes.ssoPlatform;
  set('endpoint.sso.registered', sso?.registered ?? undefined, 'device.probe.app-sso-platform', 'the app-sso-platform probe did not run or said nothing about registration');
  set('endpoint.sso.extension', sso ? (sso.extensionIdentifier ?? '') : undefined, 'device.probe.app-sso-platform', 'the app-sso-platform probe did not run');
  const jamf = state.jamf;
  const jamfWhy = 'no Jamf inventory';
  const jamfKind = jamf?.recordsFound === 0 ? 'jamf.inventory.not-found' : 'jamf.inventory.state';
  set('mdm.record-found', jamf ? jamf.recordsFound > 0 : undefined, jamfKind, jamfWhy);
  set('mdm.managed', jamf?.managed, jamfKind, jamfWhy);
  set('mdm.mdm-capable', jamf?.mdmCapable, jamfKind, jamfWhy);
  const checkIn = jamf ? (jamf.lastCheckInMs ?? jamf.lastContactMs) : undefined;
  // A Mac that never checked in has an unbounded age: a large number, not unknown.
  const age = checkIn !== undefined && now !== undefined ? (checkIn === null ? 1e6 : (now - checkIn) / HOUR_MS) : undefined;
  set('mdm.check-in-age-hours', age, jamfKind, jamf ? 'no check-in time or collection time' : jamfWhy);
  const expires = jamf?.mdmProfileExpiresMs;
  const expired = expires !== undefined && expires !== null && now !== undefined ? expires < now : undefined;
  set('mdm.enrollment-profile-expired', expired, jamfKind, jamf ? 'no MDM profile expiry in the inventory' : jamfWhy);
  const lapsed = jamf && (jamf.recordsFound === 0 || jamf.managed === false || expired === true || (age !== undefined && age > STALE_CHECK_IN_HOURS));
  const lapseKnown = jamf && (lapsed || (jamf.managed !== undefined && expired !== undefined && age !== undefined));
  set('mdm.management-lapsed', lapseKnown ? lapsed : undefined, jamfKind, jamf ? 'the inventory does not say managed, check-in and profile expiry' : jamfWhy);
  const okta = state.okta;
  const managedKnown = okta.some((d) => d.managed !== undefined || d.users.some((u) => u.managementStatus !== undefined));
  const managed = okta.some((d) => d.managed === true || d.users.some((u) => u.managementStatus === 'MANAGED'));
  const oktaWhy = 'no Okta device record';
  // Okta searched for the Mac and had no record: a finding (Device Trust never registered, or the record deleted).
  const searchedNone = okta.length === 0 && byKind('okta.device.not-found').length > 0;
  set('idp.device.record-found', okta.length > 0 ? true : searchedNone ? false : undefined, searchedNone ? 'okta.device.not-found' : 'okta.device.state', oktaWhy);
  set('idp.device.managed', managedKnown ? managed : undefined, 'okta.device.state', oktaWhy);
  set('idp.device.status', okta[0]?.status, 'okta.device.state', oktaWhy);
  set('idp.device.active', okta[0]?.status === undefined ? undefined : okta[0].status === 'ACTIVE', 'okta.device.state', oktaWhy);
  set('idp.device.registered', okta.find((d) => d.registered !== undefined)?.registered, 'okta.device.state', oktaWhy);
  set('idp.device.record-count', okta.length > 0 ? okta.length : undefined, 'okta.device.state', oktaWhy);

  set('mdm.user-approved', jamf?.userApprovedMdm ?? state.probes.enrollment?.userApproved, jamf?.userApprovedMdm !== undefined ? jamfKind : 'device.probe.profiles-status', 'neither Jamf nor profiles status said');
  const pending = pendingCommandDays(index, now);
  facts.set('mdm.pending-command-max-days', pending);
  const trustCert = jamf?.certificates.find((c) => TRUST_CERT.test(`${c.commonName} ${c.subject ?? ''}`));
  const certWhyJamf = jamf ? 'Jamf lists no Okta Device Trust certificate' : jamfWhy;
  set('mdm.trust-cert.status', trustCert?.status?.toUpperCase(), 'jamf.certificate.expiry', certWhyJamf);
  set('mdm.trust-cert.revoked', trustCert?.status === undefined ? undefined : /REVOKE/i.test(trustCert.status), 'jamf.certificate.expiry', certWhyJamf);

  const probes = state.probes;
  set('endpoint.psso.user-state', sso?.userState, 'device.probe.app-sso-platform', 'the app-sso-platform probe did not run or printed no user state');
  set('endpoint.psso.available', sso?.available ?? (sso ? true : undefined), 'device.probe.app-sso-platform', 'the app-sso-platform probe did not run');
  const os = probes.os?.available ? probes.os : undefined;
  set('endpoint.os.version', os?.version, 'device.probe.sw-vers', 'the sw-vers probe did not run');
  set('endpoint.os.major', os?.version === undefined ? undefined : Number.parseInt(os.version, 10), 'device.probe.sw-vers', 'the sw-vers probe did not run');
  set('endpoint.okta-verify.installed', probes.oktaVerify?.installed, 'device.probe.okta-verify-version', 'the okta-verify-version probe did not run');
  set('endpoint.okta-verify.version', probes.oktaVerify?.version, 'device.probe.okta-verify-version', 'the okta-verify-version probe did not run or Okta Verify is not installed');
  const proxy = probes.proxy?.available ? probes.proxy : undefined;
  set('endpoint.proxy.configured', proxy ? proxy.proxies.length > 0 || proxy.pacUrl !== undefined || proxy.autoDiscovery : undefined, 'device.probe.scutil-proxy', 'the scutil-proxy probe did not run');
  const extensions = probes.systemExtensions?.available ? probes.systemExtensions.extensions : undefined;
  set('endpoint.network-extension.count', extensions?.filter((e) => e.category === 'network_extension' && e.enabled && e.active).length, 'device.probe.systemextensions', 'the systemextensions probe did not run');

  const profilePresent = (pattern: string): FactResult => {
    if (!jamf || jamf.recordsFound === 0) return { state: 'unknown', why: jamfWhy };
    const re = new RegExp(pattern, 'i');
    const profile = jamf.profiles.find((p) => re.test(p.name) || (p.identifier !== undefined && re.test(p.identifier)));
    if (!profile) return { state: 'known', value: false, events: byKind('jamf.inventory.state') };
    const event = [...index.candidates(['jamf.profile.installed'])].flat().find((e) => e.fields.profileName === profile.name);
    return { state: 'known', value: true, events: event ? [event] : byKind('jamf.inventory.state') };
  };
  return {
    get: (name, arg) => (name === 'mdm.profile-present' ? profilePresent(arg ?? '') : (facts.get(name) ?? { state: 'unknown', why: `no source provides ${name}` })),
    declared: () => LEGACY_FACTS,
  };
}

const DAY_MS = 86_400_000;

/**
 * The age of the oldest MDM command still pending at collection, from the v2 command list
 * (`pendingDays`) and the classic history's pending list; 0 when the lists were read and none is
 * pending; unknown without a command list or a collection time.
 */
function pendingCommandDays(index: EventIndex, nowMs: number | undefined): FactResult {
  const commands = [...index.candidates(['jamf.mdm.command', 'jamf.history.command'])].flat();
  if (commands.length === 0) return { state: 'unknown', why: 'no MDM command list' };
  if (nowMs === undefined) return { state: 'unknown', why: 'no collection time' };
  let oldest: TimelineEvent | undefined;
  let days = 0;
  for (const e of commands) {
    const state = String(e.fields.commandState ?? e.fields.state ?? '').toUpperCase();
    if (state !== 'PENDING') continue;
    const waited = typeof e.fields.pendingDays === 'number' ? e.fields.pendingDays : (nowMs - e.epochMs) / DAY_MS;
    if (waited > days) {
      days = waited;
      oldest = e;
    }
  }
  return { state: 'known', value: days, events: oldest ? [oldest] : [] };
}
