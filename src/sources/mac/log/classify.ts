import type { EventFields, Severity } from '../../../model/event.js';
import { own } from './own-strings.js';

/** The parts of a unified-log record that classification looks at. */
export interface LogLine {
  process: string;
  subsystem: string;
  category: string;
  /** Default, Info, Debug, Error, Fault (absent in syslog style, which does not print it). */
  messageType: string;
  text: string;
}

export interface Classification {
  kind: string;
  severity: Severity;
  fields: EventFields;
}

// Most lines add no fields: share one frozen object instead of allocating per line.
export const NO_FIELDS: EventFields = Object.freeze({}) as EventFields;
const NONE = NO_FIELDS;

// Codes that mark a failed TLS exchange: SecureTransport (-98xx) and NSURLError (-12xx) forms,
// not followed by another digit (-12021 is something else).
const TLS_ERROR_CODES = /-(98(?:0[278]|1[3456]|2[489]|3[68])|120[0-6])(?!\d)/g;
// Processes and subsystems of TLS-inspecting proxies, content filters and endpoint protection.
const INTERCEPTOR = /zscaler|netskope|crowdstrike|falcon|sentinel|jamf ?protect|proxy|filter|networkextension/i;
// Processes and subsystems repeat on every line (and are shared strings, see FieldInterner): test each once.
const interceptors = new Map<string, boolean>();
function isInterceptor(name: string): boolean {
  let known = interceptors.get(name);
  if (known === undefined) {
    known = INTERCEPTOR.test(name);
    if (interceptors.size < 4096) interceptors.set(name, known);
  }
  return known;
}
const HTTP_STATUS = /\b(?:status(?: ?code)?|HTTP(?:\/\d(?:\.\d)?)?|response ?code|statusCode)[\s:=(]*([1-5]\d\d)\b/i;
const TRUST_RESULT = /(?:kSecTrustResult|SecTrustResultType|trust result)\D{0,12}(\d)\b/i;
// Results named without their number, as some tools print them; Proceed and Unspecified mean trusted.
const TRUST_RESULT_NAME = /kSecTrustResult(Deny|RecoverableTrustFailure|FatalTrustFailure|OtherError|Invalid)\b/;

function severityOf(messageType: string): Severity {
  if (messageType === 'Error' || messageType === 'Fault') return 'error';
  return 'info';
}

function isSsoLine(l: LogLine): boolean {
  return (
    l.subsystem === 'com.apple.AppSSO' ||
    l.subsystem === 'com.apple.PlatformSSO' ||
    l.subsystem.startsWith('com.okta.') ||
    l.process.startsWith('AppSSO') ||
    l.process.startsWith('Okta') ||
    l.process.startsWith('OktaVerify')
  );
}

function isClockLine(l: LogLine): boolean {
  return l.process === 'timed' || l.subsystem === 'com.apple.timed' || l.text.startsWith('=== system wallclock time adjusted');
}

function clockFields(text: string): EventFields {
  const fields: EventFields = {};
  const adjust = /(?:^|,)adjust,(-?\d+(?:\.\d+)?)/.exec(text);
  if (adjust) fields.adjustSeconds = Number(adjust[1]);
  const offsetUs = /offset_us,(-?\d+)/.exec(text);
  if (offsetUs) fields.adjustSeconds = Number(offsetUs[1]) / 1e6;
  return fields;
}

/**
 * Maps a log record to a kind the triage engine matches on. Checks are plain substring tests,
 * ordered from most to least specific, so a million lines cost a few `includes` each.
 */
export function classifyLogLine(l: LogLine): Classification {
  const { text } = l;
  const base = severityOf(l.messageType);

  if (text.includes('Trust evaluate failure')) {
    const keys = text.slice(text.indexOf('Trust evaluate failure') + 23).trim();
    return { kind: 'device.trust.failure', severity: 'error', fields: { trustFailure: own(keys) } };
  }
  const trustResult = text.includes('rust') ? TRUST_RESULT.exec(text) : null;
  if (trustResult && trustResult[1] !== '1' && trustResult[1] !== '4' && /trust/i.test(text)) {
    return { kind: 'device.trust.failure', severity: 'error', fields: { trustResult: Number(trustResult[1]) } };
  }
  const trustName = text.includes('kSecTrustResult') ? TRUST_RESULT_NAME.exec(text) : null;
  if (trustName) return { kind: 'device.trust.failure', severity: 'error', fields: { trustResultName: own(trustName[1]!) } };
  if (text.includes('ocsp') || text.includes('OCSP')) {
    // An answer, not a failure to get one: which certificate it names decides what it means.
    if (/\brevoked\b/i.test(text)) return { kind: 'device.ocsp.revoked', severity: 'error', fields: NONE };
    if (/fail|error|timed? ?out|unreachable|too many recent timeouts/i.test(text)) {
      return { kind: 'device.ocsp.failure', severity: 'error', fields: NONE };
    }
  }
  // All codes in text order: NSURLError -1202 usually wraps the SecureTransport cause (-9807).
  // Every code starts -9 or -12: most lines have neither and skip the regular expression.
  const tlsCodes = text.includes('-9') || text.includes('-12') ? text.match(TLS_ERROR_CODES) : null;
  if (
    tlsCodes !== null ||
    text.includes('TLS Trust evaluation failed') ||
    text.includes('boringssl_context_handle_fatal_alert') ||
    text.includes('SSL alert number')
  ) {
    const fields: EventFields = tlsCodes ? { tlsCodes: [...new Set(tlsCodes)].join(' ') } : NONE;
    return { kind: 'device.tls.error', severity: 'error', fields };
  }
  if (text.includes('client identity')) {
    return { kind: 'device.tls.client-identity', severity: base, fields: NONE };
  }
  if (text.includes('TLS connected') || text.includes('yielded status(0)') || text.includes('TLS Trust result 0')) {
    return { kind: 'device.tls.ok', severity: 'info', fields: NONE };
  }
  if (isClockLine(l)) {
    if (text.includes('cmd,apply') || text.includes('ntp_adjtime') || text.includes('settimeofday') || text.includes('wallclock time adjusted')) {
      return { kind: 'device.clock.adjust', severity: 'info', fields: clockFields(text) };
    }
    if (/skew/i.test(text)) return { kind: 'device.clock.skew', severity: 'error', fields: NONE };
    return { kind: 'device.clock', severity: base, fields: NONE };
  }
  if (isInterceptor(l.process) || isInterceptor(l.subsystem) || text.includes('TLS inspection') || text.includes('SSL inspection')) {
    return { kind: 'device.network.interceptor', severity: base, fields: NONE };
  }
  if (l.process === 'apsd' || l.subsystem === 'com.apple.apsd') return classifyPush(text, base);
  const mdm = l.process === 'mdmclient' || l.subsystem === 'com.apple.ManagedClient';
  if (mdm && text.includes('push dictionary')) return { kind: 'device.push.rejected', severity: 'error', fields: NONE };
  if (mdm && text.includes('Received HTTP response (200) [')) {
    const status = /\[(Acknowledged|NotNow|Idle|Error|CommandFormatError)/.exec(text)?.[1];
    return { kind: 'device.mdm.response', severity: status === 'Error' || status === 'CommandFormatError' ? 'error' : 'info', fields: status ? { mdmStatus: status } : NONE };
  }
  const sso = !mdm && isSsoLine(l);
  if (!mdm && !sso) {
    if (/skew exceeded|clock skew/i.test(text)) return { kind: 'device.clock.skew', severity: 'error', fields: NONE };
    return { kind: 'device.log', severity: base, fields: NONE };
  }
  const http = HTTP_STATUS.exec(text);
  const httpFields: EventFields = http ? { httpStatus: Number(http[1]) } : NONE;
  const failed = base === 'error' || (http !== null && Number(http[1]) >= 400) || /\b(error|fail(ed|ure)?|denied|invalid|not installed|could not)\b/i.test(text);
  if (mdm) {
    if (text.includes('Installed configuration profile')) return { kind: 'device.mdm.profile-installed', severity: 'info', fields: httpFields };
    // "Removed configuration profile: NAME (ID) … (Source: MDM | Manual)": by the MDM (out of scope, unenrolled) or by hand.
    if (text.includes('Removed configuration profile')) return { kind: 'device.mdm.profile-removed', severity: 'warn', fields: httpFields };
    return { kind: failed ? 'device.mdm.error' : 'device.mdm', severity: failed ? 'error' : base, fields: httpFields };
  }
  if (/skew/i.test(text)) return { kind: 'device.clock.skew', severity: 'error', fields: httpFields };
  if (OKTA_DEVICE_INVALID.test(text)) {
    const code = /E000015[23]/.exec(text)?.[0];
    return { kind: 'device.okta.device-invalid', severity: 'error', fields: code ? { ...httpFields, oktaErrorCode: code } : httpFields };
  }
  if (PSSO_REGISTRATION.test(text)) {
    const registrationFailed = failed || /result = [1-9]|will automatically retry|NeedsRegistration|NeedsNewKeys/.test(text);
    return { kind: registrationFailed ? 'device.psso.registration-failed' : 'device.psso.registration', severity: registrationFailed ? 'error' : base, fields: httpFields };
  }
  return { kind: failed ? 'device.sso.error' : 'device.sso', severity: failed ? 'error' : base, fields: httpFields };
}

// Okta Verify told that its device record is deleted (410, E0000153 "Invalid device id, it no longer
// exists.", ServerErrorCode.deviceDeleted) or suspended / deactivated (403, E0000152 "Illegal device
// status, cannot perform action.", ILLEGAL_DEVICE_STATE) (support.okta.com KB articles, field notes §1 #7).
const OKTA_DEVICE_INVALID = /E000015[23]|ILLEGAL_DEVICE_STATE|deviceDeleted|deviceSuspended|Invalid device id|Illegal device status|was invalidated for use on Okta Verify/;

// Platform SSO registration, as AppSSOAgent and the SSO extension log it (fleetdm/fleet#51666,
// developer.apple.com/forums/thread/827496): "registration failed and will automatically retry",
// beginUserRegistrationUsingLoginManager, handleUserRegistrationForUser, resetRegistrationWithCompletion.
const PSSO_REGISTRATION = /registration|Registration(?:For|Using|With)|POUserStateNeeds/;

/** apsd, the Apple Push Notification service daemon: MDM push arrives through its connection to APNs. */
function classifyPush(text: string, base: Severity): Classification {
  if (/fail|error|timed? ?out|unable|refused|not connected|disconnected|no route/i.test(text)) return { kind: 'device.push.error', severity: 'error', fields: NONE };
  if (/connected|connection (?:is )?(?:established|open)|received message|incoming message/i.test(text)) return { kind: 'device.push.connected', severity: 'info', fields: NONE };
  return { kind: 'device.push', severity: base, fields: NONE };
}
