import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A busy Mac's unified log, generated: background chatter of many processes (kernel sandbox denials,
 * WindowServer, runningboardd, network connections, bluetooth), SSO and MDM traffic, and now and then
 * the trust and TLS errors trustline looks for, some with a multi-line `UserInfo` continuation.
 * Deterministic (a fixed-seed generator), so every run parses the same bytes.
 */

interface Template {
  process: string;
  /** processImagePath in ndjson. */
  image: string;
  subsystem: string;
  category: string;
  messageType: 'Default' | 'Info' | 'Error' | 'Fault';
  /** Relative weight among the templates. */
  weight: number;
  message: (n: number, r: number) => string;
  /** A second line (multi-line messages: `log show` prints them as they are). */
  continuation?: string;
}

const HOSTS = ['example.okta.com', 'example.jamfcloud.com', 'gateway.icloud.com', 'api.github.com', 'login.microsoftonline.com', 'ocsp.digicert.com'];
const uuid = (n: number): string => `${(0x1000_0000 + ((n * 2_654_435_761) >>> 4)).toString(16).toUpperCase()}-8A44-4C21-9E0D-${(0x2b7a_2f7c_1d11 + n).toString(16).toUpperCase()}`;
const host = (r: number): string => HOSTS[r % HOSTS.length]!;

const TEMPLATES: Template[] = [
  { process: 'kernel', image: '/kernel', subsystem: '', category: '', messageType: 'Default', weight: 14, message: (n, r) => `Sandbox: mdworker_shared(${2000 + (r % 900)}) deny(1) file-read-data /Users/alice/Library/Containers/com.apple.mail/Data/Library/Mail Downloads/${uuid(n)}` },
  { process: 'WindowServer', image: '/System/Library/PrivateFrameworks/SkyLight.framework/Resources/WindowServer', subsystem: 'com.apple.SkyLight', category: 'default', messageType: 'Default', weight: 12, message: (n) => `<CGXDisplay> CGXDisplayDidWakeNotification [${n}]: posting kCGSDisplayDidWake` },
  { process: 'runningboardd', image: '/usr/libexec/runningboardd', subsystem: 'com.apple.runningboard', category: 'assertion', messageType: 'Info', weight: 12, message: (n, r) => `Acquiring assertion targeting [app<application.com.apple.Safari.${r % 97}(501)>:${1000 + (n % 5000)}] from originator [osservice<com.apple.WebKit.Networking>:${r % 4000}] with description <RBSAssertionDescriptor| "WebProcess Background Assertion" ID:${n}>` },
  { process: 'nsurlsessiond', image: '/usr/libexec/nsurlsessiond', subsystem: 'com.apple.network', category: 'connection', messageType: 'Default', weight: 10, message: (n, r) => `nw_connection_report_state_with_handler_on_nw_queue [C${n % 9000}] reporting state ready to ${host(r)}:443` },
  { process: 'bluetoothd', image: '/usr/sbin/bluetoothd', subsystem: 'com.apple.bluetooth', category: 'Server.Core', messageType: 'Default', weight: 8, message: (n, r) => `Device ${(r % 0xffffff).toString(16)} RSSI ${-40 - (n % 50)} dBm, state connected` },
  { process: 'trustd', image: '/usr/libexec/trustd', subsystem: 'com.apple.securityd', category: 'policy', messageType: 'Default', weight: 8, message: (_n, r) => `cert[0]: TemporalValidity =(leaf)[]> ${r % 2} for ${host(r)}` },
  { process: 'trustd', image: '/usr/libexec/trustd', subsystem: 'com.apple.securityd', category: 'ocsp', messageType: 'Info', weight: 4, message: (n, r) => `OCSPSingleResponse: cached response for ${host(r)} serial ${n.toString(16)} is good` },
  { process: 'AppSSOAgent', image: '/System/Library/PrivateFrameworks/AppSSO.framework/Support/AppSSOAgent.app/Contents/MacOS/AppSSOAgent', subsystem: 'com.apple.AppSSO', category: 'SOAuthorizationCore', messageType: 'Default', weight: 6, message: () => 'Requesting token for https://example.okta.com/oauth2/v1/token (grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer)' },
  { process: 'Okta Verify', image: '/Applications/Okta Verify.app/Contents/MacOS/Okta Verify', subsystem: 'com.okta.mobile.auth-service-extension', category: 'SSOExtension', messageType: 'Default', weight: 4, message: () => 'Handling authorization request for example.okta.com' },
  { process: 'mdmclient', image: '/usr/libexec/mdmclient', subsystem: 'com.apple.ManagedClient', category: 'MDMDaemon', messageType: 'Default', weight: 4, message: (n) => `Processing server request: DeviceInformation for: <Device> (request ${n})` },
  { process: 'timed', image: '/usr/libexec/timed', subsystem: 'com.apple.timed', category: 'text', messageType: 'Default', weight: 1, message: (_n, r) => `cmd,fetchTime,num,0,result,0,mach,${r},timeSource,NTP` },
  // The evidence trustline is for: rare, as on a real Mac.
  { process: 'trustd', image: '/usr/libexec/trustd', subsystem: 'com.apple.securityd', category: 'SecError', messageType: 'Error', weight: 0.3, message: (_n, r) => `Trust evaluate failure: [leaf IssuerCommonName SSLHostname] for ${host(r)}` },
  { process: 'trustd', image: '/usr/libexec/trustd', subsystem: 'com.apple.securityd', category: 'SecError', messageType: 'Error', weight: 0.2, message: (_n, r) => `SecTrustEvaluateWithError: trust result 5 (kSecTrustResultRecoverableTrustFailure) for ${host(r)}` },
  { process: 'nsurlsessiond', image: '/usr/libexec/nsurlsessiond', subsystem: 'com.apple.CFNetwork', category: 'Default', messageType: 'Error', weight: 0.3, message: (n, r) => `Task <${uuid(n)}>.<1> HTTP load failed, 0/0 bytes (error code: -1202 [3:-9807]) to ${host(r)}` },
  { process: 'AppSSOAgent', image: '/System/Library/PrivateFrameworks/AppSSO.framework/Support/AppSSOAgent.app/Contents/MacOS/AppSSOAgent', subsystem: 'com.apple.network', category: 'boringssl', messageType: 'Error', weight: 0.2, message: (n) => `boringssl_context_handle_fatal_alert(1991) [C${n % 9000}.1.1:2][0x7f8a] write alert, level: fatal, description: certificate unknown` },
  {
    process: 'AppSSOAgent',
    image: '/System/Library/PrivateFrameworks/AppSSO.framework/Support/AppSSOAgent.app/Contents/MacOS/AppSSOAgent',
    subsystem: 'com.apple.AppSSO',
    category: 'SOAuthorizationCore',
    messageType: 'Error',
    weight: 0.2,
    message: () => 'Error Domain=com.apple.AuthenticationServices.AuthorizationError Code=-1000 "(null)"',
    continuation: '    UserInfo={NSUnderlyingError=0x600003a1c0f0 {Error Domain=com.okta.sso Code=400 "invalid_grant"}}',
  },
];

const TOTAL_WEIGHT = TEMPLATES.reduce((sum, t) => sum + t.weight, 0);

/** Park–Miller: deterministic and fast enough to make a million lines in well under a second. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48_271) % 2_147_483_647);
}

function pick(r: number): Template {
  let at = (r % 10_000) / (10_000 / TOTAL_WEIGHT);
  for (const t of TEMPLATES) {
    at -= t.weight;
    if (at < 0) return t;
  }
  return TEMPLATES[0]!;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `2026-11-20 05:57:41.226100-0800` for local wall time (Pacific standard time: UTC-8). */
function localStamp(epochMicros: number): string {
  const d = new Date(Math.floor(epochMicros / 1000) - 8 * 3_600_000);
  const micros = epochMicros % 1_000_000;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(micros, 6)}-0800`;
}

interface GeneratedRecord {
  stamp: string;
  t: Template;
  pid: number;
  text: string;
}

export type GeneratedStyle = 'syslog' | 'ndjson';

/** Records until `lines` output lines are written (a multi-line record counts each of its lines). */
function* records(lines: number, continuationsCount: boolean): Generator<GeneratedRecord> {
  const next = random(20_261_120);
  // Evidence collected 2026-11-20 around 14:30Z; the log covers the hours before.
  let micros = Date.UTC(2026, 10, 20, 10) * 1000;
  let written = 0;
  for (let n = 0; written < lines; n++) {
    const r = next();
    const picked = pick(r);
    // The last line has no room for a two-line record: the file has exactly `lines` lines.
    const t = continuationsCount && picked.continuation && written + 2 > lines ? TEMPLATES[0]! : picked;
    micros += 1 + (r % 25_000); // ~80 lines a second
    written += continuationsCount && t.continuation ? 2 : 1;
    yield { stamp: localStamp(micros), t, pid: 100 + (t.process.length * 37) % 3000, text: t.message(n, r >>> 3) };
  }
}

function syslogLines(rec: GeneratedRecord): string {
  const { t } = rec;
  const sub = t.subsystem ? `[${t.subsystem}:${t.category}] ` : '';
  const first = `${rec.stamp}  localhost ${t.process}[${rec.pid}]: ${sub}${rec.text}\n`;
  return t.continuation ? `${first}${t.continuation}\n` : first;
}

/** `log show` escapes every slash in its JSON (`\/usr\/libexec\/trustd`). */
function ndjsonLine(rec: GeneratedRecord, n: number): string {
  const { t } = rec;
  const text = t.continuation ? `${rec.text}\n${t.continuation}` : rec.text;
  return `${JSON.stringify({
    timezoneName: '',
    messageType: t.messageType,
    eventType: 'logEvent',
    source: null,
    formatString: '%{public}s',
    userID: 501,
    activityIdentifier: 0,
    subsystem: t.subsystem,
    category: t.category,
    threadID: 2_998_417 + (n % 64),
    senderImageUUID: '6A1E7F0C-33A5-3F9B-9F43-08C5A5A4B0D1',
    bootUUID: 'B2C4E1F0-7D1A-4C33-9A35-0E1F2A3B4C5D',
    processImagePath: t.image,
    senderImagePath: t.image,
    timestamp: rec.stamp,
    machTimestamp: 10_854_631_418_804 + n * 1000,
    eventMessage: text,
    processImageUUID: '6A1E7F0C-33A5-3F9B-9F43-08C5A5A4B0D1',
    traceID: 3_169_743_378_388_877 + n,
    processID: rec.pid,
    senderProgramCounter: 448_218,
    parentActivityIdentifier: 0,
  }).replaceAll('/', '\\/')}\n`;
}

const HEADER: Record<GeneratedStyle, string> = {
  syslog: 'Timestamp                       (process)[PID]    \n',
  ndjson: '',
};

/** Writes `lines` lines of `log show --style STYLE` output to `path`; returns the byte count. */
export function writeGeneratedLog(path: string, style: GeneratedStyle, lines: number): number {
  const fd = openSync(path, 'w');
  let bytes = 0;
  let chunk = HEADER[style];
  let n = 0;
  try {
    // One line goes to the header (syslog) or the count trailer (ndjson). A syslog record may take two
    // lines; an ndjson record is always one (its continuation stays inside the JSON string).
    for (const rec of records(lines - 1, style === 'syslog')) {
      chunk += style === 'syslog' ? syslogLines(rec) : ndjsonLine(rec, n);
      n++;
      if (chunk.length > 1 << 20) {
        bytes += writeSync(fd, chunk);
        chunk = '';
      }
    }
    chunk += style === 'ndjson' ? `{"count":${n},"finished":1}\n` : '';
    bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

/** An evidence bundle holding one generated device log (device/NAME.log or .ndjson) and meta.json. */
export function writeGeneratedBundle(dir: string, style: GeneratedStyle, lines: number): { dir: string; file: string; bytes: number } {
  mkdirSync(join(dir, 'device'), { recursive: true });
  writeFileSync(
    join(dir, 'meta.json'),
    `${JSON.stringify({ serial: 'C02BENCH0001', hostname: 'alice-mbp', user: 'alice@example.com', collectedAt: '2026-11-20T14:30:00Z', deviceTimeZone: 'America/Los_Angeles' }, null, 2)}\n`,
  );
  const file = join(dir, 'device', style === 'syslog' ? 'unified.log' : 'unified.ndjson');
  return { dir, file, bytes: writeGeneratedLog(file, style, lines) };
}
