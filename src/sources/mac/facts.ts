import type { FactInput } from '../../core/adapter.js';
import { certificateValidity } from '../../core/certificate.js';
import { emptyFacts, known, setFact, unknown, type DerivedFacts } from '../../core/fact-table.js';
import type { FactDeclaration, FactResult } from '../../core/facts.js';
import type { MacState } from './state.js';

const DAY_MS = 86_400_000;
const ROOT_KEYCHAIN = "the probes read root's keychain, not the user's";

const DECLARED: [string, FactDeclaration['type'], string][] = [
  ['endpoint.clock.offset-seconds', 'number', "how far the Mac's clock is off true time, in absolute seconds"],
  ['endpoint.trust-cert.count', 'number', 'device-trust certificates in the keychain'],
  ['endpoint.trust-cert.valid-count', 'number', 'device-trust certificates whose expiry was read and lies after collection'],
  ['endpoint.trust-cert.expired', 'boolean', 'there is a device-trust certificate and every one has expired (unknown when an expiry could not be read)'],
  ['endpoint.trust-cert.expired-days', 'number', 'days since the newest device-trust certificate expired'],
  ['endpoint.keychain.missing', 'boolean', "the user's login keychain is missing"],
  ['endpoint.mdm.enrolled', 'boolean', 'the Mac says it is enrolled in MDM (profiles status)'],
  ['endpoint.sso.registered', 'boolean', 'Platform SSO registration is complete for the user'],
  ['endpoint.sso.extension', 'string', 'the SSO extension identifier the Mac reports ("" when none)'],
  ['endpoint.psso.user-state', 'string', 'Platform SSO user state: normal, needs-new-keys, needs-registration or other'],
  ['endpoint.psso.available', 'boolean', 'app-sso platform exists on this Mac (macOS 13 or later)'],
  ['endpoint.os.version', 'string', 'the macOS version (sw_vers)'],
  ['endpoint.os.major', 'number', 'the macOS major version number (sw_vers)'],
  ['endpoint.okta-verify.installed', 'boolean', 'Okta Verify is installed in /Applications'],
  ['endpoint.okta-verify.version', 'string', 'the Okta Verify version'],
  ['endpoint.proxy.configured', 'boolean', 'a system proxy (manual, PAC or auto-discovery) is configured'],
  ['endpoint.network-extension.count', 'number', 'active network system extensions (content filters, VPN, TLS inspection)'],
];

export const MAC_FACTS: readonly FactDeclaration[] = DECLARED.map(([name, type, description]) => ({ name, type, description }));

/** The Mac's facts from its probe outputs and measured clock; a probe not run leaves its facts unknown. */
export function deriveMacFacts(input: FactInput<MacState>): DerivedFacts {
  const facts = emptyFacts();
  const set = (name: string, result: FactResult): void => setFact(facts, [name], result);
  const probe = (name: string) => input.ofKind(`device.probe.${name}`)[0];
  const notRun = (name: string): FactResult => unknown(`the ${name} probe was not run`);
  const probes = input.state?.probes ?? {};
  const clock = input.state?.clock;
  if (clock && clock.deviceOffsetMs !== null) {
    set('endpoint.clock.offset-seconds', known(Math.abs(clock.deviceOffsetMs) / 1000, [probe(clock.basis === 'sntp' ? 'sntp' : 'date-utc')]));
  } else set('endpoint.clock.offset-seconds', unknown('the clock offset was not measured (no sntp or date -u output)'));

  // Probes run as root read root's keychain, not the user's: what they found proves nothing about the user's.
  const rootKeychain = /^(\/private)?\/var\/root\//.test(probes.keychain?.path ?? '');
  const certs = rootKeychain ? undefined : probes.oktaCertificates;
  if (rootKeychain) {
    for (const name of ['count', 'valid-count', 'expired', 'expired-days']) set(`endpoint.trust-cert.${name}`, unknown(ROOT_KEYCHAIN));
  } else if (certs) {
    const event = probe('okta-mtls-cert');
    const validity = certs.map((c) => certificateValidity(c.notAfterMs, input.collectedAtMs));
    const unread = validity.filter((v) => v === 'unknown').length;
    const valid = validity.filter((v) => v === 'valid').length;
    set('endpoint.trust-cert.count', known(certs.length, [event]));
    const why = input.collectedAtMs === undefined ? 'no collection time to judge certificate expiry' : unread === 1 ? 'a certificate end date could not be read' : `${unread} certificate end dates could not be read`;
    set('endpoint.trust-cert.valid-count', unread === 0 ? known(valid, [event]) : unknown(why));
    set('endpoint.trust-cert.expired', unread === 0 ? known(certs.length > 0 && valid === 0, [event]) : unknown(why));
    if (certs.length > 0 && unread === 0 && valid === 0 && input.collectedAtMs !== undefined) {
      const newest = Math.max(...certs.map((c) => c.notAfterMs!));
      set('endpoint.trust-cert.expired-days', known((input.collectedAtMs - newest) / DAY_MS, [event]));
    } else set('endpoint.trust-cert.expired-days', unknown('no certificate is known to have expired'));
  } else {
    for (const name of ['count', 'valid-count', 'expired', 'expired-days']) set(`endpoint.trust-cert.${name}`, notRun('okta-mtls-cert'));
  }
  set('endpoint.keychain.missing', rootKeychain ? unknown(ROOT_KEYCHAIN) : probes.keychain ? known(probes.keychain.missing, [probe('keychain-info')]) : notRun('keychain-info'));
  const mdm = probes.enrollment?.mdm;
  set('endpoint.mdm.enrolled', mdm !== undefined && mdm !== null ? known(mdm, [probe('profiles-status')]) : notRun('profiles-status'));
  const sso = probes.ssoPlatform;
  const ssoEvent = probe('app-sso-platform');
  set('endpoint.sso.registered', sso && sso.registered !== null ? known(sso.registered, [ssoEvent]) : unknown(sso ? 'app-sso does not say whether registration completed' : 'the app-sso-platform probe was not run'));
  set('endpoint.sso.extension', sso ? known(sso.extensionIdentifier ?? '', [ssoEvent]) : notRun('app-sso-platform'));
  set('endpoint.psso.user-state', sso?.userState ? known(sso.userState, [ssoEvent]) : unknown(sso ? 'app-sso printed no user state' : 'the app-sso-platform probe was not run'));
  set('endpoint.psso.available', sso ? known(sso.available ?? true, [ssoEvent]) : notRun('app-sso-platform'));
  // The MDM's own answer (Jamf) is declared and preferred; profiles status fills in only when it says.
  const userApproved = probes.enrollment?.userApproved;
  if (userApproved !== undefined) set('mdm.user-approved', known(userApproved, [probe('profiles-status')]));
  const os = probes.os?.available ? probes.os : undefined;
  const osEvent = probe('sw-vers');
  set('endpoint.os.version', os?.version !== undefined ? known(os.version, [osEvent]) : notRun('sw-vers'));
  const major = os?.version === undefined ? Number.NaN : Number.parseInt(os.version, 10);
  set('endpoint.os.major', Number.isFinite(major) ? known(major, [osEvent]) : notRun('sw-vers'));
  const verify = probes.oktaVerify;
  const verifyEvent = probe('okta-verify-version');
  set('endpoint.okta-verify.installed', verify ? known(verify.installed, [verifyEvent]) : notRun('okta-verify-version'));
  set('endpoint.okta-verify.version', verify?.version !== undefined ? known(verify.version, [verifyEvent]) : unknown(verify ? 'Okta Verify is not installed' : 'the okta-verify-version probe was not run'));
  const proxy = probes.proxy?.available ? probes.proxy : undefined;
  set('endpoint.proxy.configured', proxy ? known(proxy.proxies.length > 0 || proxy.pacUrl !== undefined || proxy.autoDiscovery, [probe('scutil-proxy')]) : notRun('scutil-proxy'));
  const extensions = probes.systemExtensions?.available ? probes.systemExtensions.extensions : undefined;
  set(
    'endpoint.network-extension.count',
    extensions ? known(extensions.filter((e) => e.category === 'network_extension' && e.enabled && e.active).length, [probe('systemextensions')]) : notRun('systemextensions'),
  );
  return facts;
}
