import type { MacState } from '../../src/sources/mac/state.js';
import type { Analysis } from '../../src/model/analysis.js';
import type { SourceName, TimelineEvent } from '../../src/model/event.js';
import { handAnalysis, sourceSummary } from '../helpers/analysis.js';

const KINDS: [SourceName, string, string, string][] = [
  ['device', 'device.log', 'endpoint.log', 'kernel: Sandbox: deny(1) process-exec* /usr/bin/touch'],
  ['device', 'device.log', 'endpoint.log', 'trustd: cert[0]: TemporalValidity =(leaf)[]> 1'],
  ['device', 'device.sso', 'endpoint.sso', 'AppSSOAgent: Sending registration notification'],
  ['device', 'device.mdm', 'endpoint.mdm', 'mdmclient: Processing server request: DeviceInformation'],
  ['device', 'device.sso.error', 'endpoint.sso.error', 'Okta Verify: Authorization request failed: invalid_grant'],
  ['device', 'device.tls.error', 'endpoint.tls.error', 'Task <1> HTTP load failed (error code: -1202 [3:-9807])'],
];

/** `count` events shaped like a busy Mac's log plus 200 Okta and 100 Jamf events, 10 ms apart. */
export function syntheticAnalysis(count: number): Analysis {
  const start = Date.UTC(2026, 10, 20, 12);
  const timeline: TimelineEvent[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const pick = i % 1000 === 0 ? KINDS[4 + ((i / 1000) % 2)]! : KINDS[i % 4]!;
    timeline[i] = {
      id: `device:device/x.log:${i + 1}`,
      epochMs: start + i * 10,
      originalTime: '',
      source: pick[0],
      kind: pick[1],
      generic: pick[2],
      severity: pick[1].endsWith('error') ? 'error' : 'info',
      summary: pick[3],
      keys: {},
      raw: { file: 'device/x.log', line: i + 1 },
      fields: { process: 'trustd', subsystem: 'com.apple.securityd', category: 'SecError', messageType: 'Default' },
      deviceClock: true,
    };
  }
  const step = Math.floor(count / 200);
  for (let i = 0; i < 200; i++) {
    timeline[i * step] = { ...timeline[i * step]!, id: `okta:${i}`, source: 'okta', kind: 'okta.policy.evaluate_sign_on', generic: 'idp.policy.decision', severity: 'error', summary: 'Evaluation of sign-on policy: DENY (policy)', fields: { outcome: 'DENY' }, deviceClock: false };
  }
  for (let i = 0; i < 100; i++) {
    const at = i * 2 * step + 1;
    timeline[at] = { ...timeline[at]!, id: `jamf:${i}`, source: 'jamf', kind: 'jamf.mdm.command', generic: 'mdm.command', severity: i % 10 === 0 ? 'warn' : 'info', summary: 'InstallProfile Okta SSO Extension: Acknowledged', fields: { status: 'Acknowledged' }, deviceClock: false };
  }
  return handAnalysis({
    device: { serial: 'C02', hostname: null, user: null },
    collectedAtMs: start + count * 10,
    sources: [sourceSummary('jamf', 'ok', 100), sourceSummary('okta', 'ok', 200), sourceSummary('device', 'ok', count - 300)],
    clock: { deviceOffsetMs: 2100, basis: 'sntp', applied: true },
    // As the Mac's bundle reader leaves it: its probe facts, the clock reading and the probe outputs' events (none here).
    state: { device: { probes: {}, clock: { deviceOffsetMs: 2100, basis: 'sntp', applied: true }, probeEvents: [] } satisfies MacState },
    timeline,
  });
}
