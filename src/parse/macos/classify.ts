import type { EventFields, Severity } from '../../model/event.js';

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

// Codes that mark a failed TLS exchange: SecureTransport (-98xx) and NSURLError (-12xx) forms.
const TLS_ERROR_CODES = ['-9807', '-9802', '-9808', '-9813', '-9816', '-9824', '-9829', '-9836', '-9838', '-1202', '-1200', '-1201', '-1203', '-1204', '-1205', '-1206'];
const HTTP_STATUS = /\b(?:status(?: ?code)?|HTTP(?:\/\d(?:\.\d)?)?|response ?code|statusCode)[\s:=(]*([1-5]\d\d)\b/i;
const TRUST_RESULT = /(?:kSecTrustResult|SecTrustResultType|trust result)\D{0,12}(\d)\b/i;

function severityOf(messageType: string): Severity {
  if (messageType === 'Error' || messageType === 'Fault') return 'error';
  return 'info';
}

function firstTlsCode(text: string): string | undefined {
  for (const code of TLS_ERROR_CODES) {
    const at = text.indexOf(code);
    // Reject a code that is only the prefix of a longer number (-12021).
    if (at !== -1 && !/\d/.test(text.charAt(at + code.length))) return code;
  }
  return undefined;
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
    return { kind: 'device.trust.failure', severity: 'error', fields: { trustFailure: keys } };
  }
  const trustResult = TRUST_RESULT.exec(text);
  if (trustResult && trustResult[1] !== '1' && trustResult[1] !== '4' && /trust/i.test(text)) {
    return { kind: 'device.trust.failure', severity: 'error', fields: { trustResult: Number(trustResult[1]) } };
  }
  if (text.includes('ocsp') || text.includes('OCSP')) {
    if (/fail|error|timed? ?out|unreachable|too many recent timeouts/i.test(text)) {
      return { kind: 'device.ocsp.failure', severity: 'error', fields: {} };
    }
  }
  const tlsCode = firstTlsCode(text);
  if (
    tlsCode !== undefined ||
    text.includes('TLS Trust evaluation failed') ||
    text.includes('boringssl_context_handle_fatal_alert') ||
    text.includes('SSL alert number')
  ) {
    const fields: EventFields = {};
    if (tlsCode) fields.tlsCode = tlsCode;
    return { kind: 'device.tls.error', severity: 'error', fields };
  }
  if (text.includes('TLS connected') || text.includes('yielded status(0)') || text.includes('TLS Trust result 0')) {
    return { kind: 'device.tls.ok', severity: 'info', fields: {} };
  }
  if (isClockLine(l)) {
    if (text.includes('cmd,apply') || text.includes('ntp_adjtime') || text.includes('settimeofday') || text.includes('wallclock time adjusted')) {
      return { kind: 'device.clock.adjust', severity: 'info', fields: clockFields(text) };
    }
    if (/skew/i.test(text)) return { kind: 'device.clock.skew', severity: 'error', fields: {} };
    return { kind: 'device.clock', severity: base, fields: {} };
  }
  const http = HTTP_STATUS.exec(text);
  const httpFields: EventFields = http ? { httpStatus: Number(http[1]) } : {};
  const failed = base === 'error' || /\b(error|fail(ed|ure)?|denied|invalid)\b/i.test(text);
  if (l.process === 'mdmclient' || l.subsystem === 'com.apple.ManagedClient') {
    if (text.includes('Installed configuration profile')) return { kind: 'device.mdm.profile-installed', severity: 'info', fields: httpFields };
    return { kind: failed ? 'device.mdm.error' : 'device.mdm', severity: failed ? 'error' : base, fields: httpFields };
  }
  if (isSsoLine(l)) {
    if (/skew/i.test(text)) return { kind: 'device.clock.skew', severity: 'error', fields: httpFields };
    return { kind: failed ? 'device.sso.error' : 'device.sso', severity: failed ? 'error' : base, fields: httpFields };
  }
  if (/skew exceeded|clock skew/i.test(text)) return { kind: 'device.clock.skew', severity: 'error', fields: {} };
  return { kind: 'device.log', severity: base, fields: httpFields };
}
