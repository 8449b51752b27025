// A generated Okta organisation for sweep tests and the sweep benchmark: thousands of users and Macs,
// everyday sign-in noise, an admin tightening a sign-on rule, then denials on a subset of Macs.
// Event shapes are authored after the LogEvent samples in /work/shared/reference/okta.md (§1.5, §10);
// nothing is copied. Events are built when the emulator reads them, so a million fit in little memory.
import type { JsonObject } from '../../src/emulators/json.js';
import type { OktaLogRecord, Scenario } from '../../src/emulators/index.js';
import { formatIsoUtc } from '../../src/time/timestamp.js';

export interface OrgSpec {
  seed: number;
  users: number;
  /** Users 0..n-1 have a second Mac. */
  secondMacUsers: number;
  windowStartMs: number;
  windowEndMs: number;
  /** Successful sign-ins, grants and password typos per user over the window (filtered out by a sweep). */
  noisePerUser: number;
  /** Unrelated OAuth failures (invalid_client) spread over the window: a small signature of their own. */
  noiseFailures: number;
  /** Failures of other shapes spread over the window (the benchmark's bulk): `reasons` × `clients` signatures. */
  bulkFailures?: number;
  incident?: {
    /** When the admin updated the rule; an earlier edit of the same rule happens `earlierEditMs` before. */
    changeAtMs: number;
    earlierEditMs: number;
    /** From the change to the first denial. */
    leadMs: number;
    /** Users 0..n-1 are affected: every Mac of theirs is denied. */
    affectedUsers: number;
    denialsPerDevice: number;
    intervalMs: number;
  };
  /** Jamf: Macs of users 0..n-1 show as not managed. */
  unmanagedUsers?: number;
}

export const POLICY = { id: 'rstMacSso0001', name: 'Mac SSO sign-on' };
export const RULE = { id: '0prManagedOnly01', name: 'Managed Macs only' };
export const ADMIN = 'it-admin@example.com';
const OTHER_POLICY = { id: 'rstAdminStepUp1', name: 'Admin console step-up' };
const APP = { id: '0oaMacSsoExt001', name: 'Mac SSO extension' };
const BULK_REASONS = ['invalid_grant', 'Device assurance policy not met', 'VERIFICATION_ERROR', 'Device is not managed', 'unauthorized_client'];
const BULK_CLIENTS = ['Slack', 'Zoom', 'GitHub Enterprise'];
const OS = ['14.7.1', '15.0.1', '15.1'];

const enum Kind {
  Allow,
  Session,
  Grant,
  Typo,
  NoiseFailure,
  Denial,
  Change,
  EarlierChange,
  OtherChange,
  AppChange,
  Bulk,
}

/** mulberry32: small, seeded, good enough to spread noise. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w = 6): string => String(n).padStart(w, '0');
export const login = (u: number): string => `user${pad(u)}@example.com`;
/** Device d: user d's first Mac for d < users, else the second Mac of user d - users. */
export const deviceId = (d: number): string => `guo${pad(d, 9)}Mac`;
export const serialOf = (d: number): string => `C02${pad(d, 7)}Q`;

export interface GeneratedOrg {
  scenario: Scenario;
  /** What the generator put in, to check a sweep against. */
  counts: { events: number; denials: number };
}

export function generateOrg(spec: OrgSpec): GeneratedOrg {
  const rand = random(spec.seed);
  const deviceCount = spec.users + spec.secondMacUsers;
  const ownerOf = (d: number): number => (d < spec.users ? d : d - spec.users);
  const devicesOf = (u: number): number[] => (u < spec.secondMacUsers ? [u, spec.users + u] : [u]);
  const affected = spec.incident?.affectedUsers ?? 0;
  const osOf = (d: number): string => (ownerOf(d) < affected ? '15.1' : OS[d % OS.length]!);

  // What happens when: [time, kind, subject], sorted by time.
  const plan: [number, Kind, number][] = [];
  const span = spec.windowEndMs - spec.windowStartMs;
  const at = (): number => spec.windowStartMs + Math.floor(rand() * span);
  for (let u = 0; u < spec.users; u++) {
    for (let n = 0; n < spec.noisePerUser; n++) plan.push([at(), [Kind.Allow, Kind.Session, Kind.Grant, Kind.Typo][n % 4]!, devicesOf(u)[n % devicesOf(u).length]!]);
  }
  for (let n = 0; n < spec.noiseFailures; n++) plan.push([at(), Kind.NoiseFailure, Math.floor(rand() * deviceCount)]);
  for (let n = 0; n < (spec.bulkFailures ?? 0); n++) plan.push([at(), Kind.Bulk, n]);
  let denials = 0;
  if (spec.incident) {
    const inc = spec.incident;
    plan.push([inc.changeAtMs - inc.earlierEditMs, Kind.EarlierChange, 0]);
    plan.push([inc.changeAtMs, Kind.Change, 0]);
    // Unrelated changes: one between the change and the first denial, one in the look-back.
    plan.push([inc.changeAtMs + Math.floor(inc.leadMs / 2), Kind.OtherChange, 0]);
    plan.push([inc.changeAtMs - 3 * 3_600_000, Kind.AppChange, 0]);
    let order = 0;
    for (let u = 0; u < inc.affectedUsers; u++) {
      for (const d of devicesOf(u)) {
        for (let k = 0; k < inc.denialsPerDevice; k++) {
          const t = inc.changeAtMs + inc.leadMs + k * inc.intervalMs + order * 1000;
          plan.push([t, Kind.Denial, d]);
          denials++;
        }
        order++;
      }
    }
  }
  plan.sort((a, b) => a[0] - b[0]);

  // The parts events share, built once: events reference them instead of allocating their own.
  const users = Array.from({ length: spec.users }, (_, u): JsonObject => ({ id: `00u${pad(u, 9)}`, type: 'User', alternateId: login(u), displayName: `User ${u}`, detailEntry: null }));
  const devicesJson = Array.from({ length: deviceCount }, (_, d): JsonObject => ({
    id: deviceId(d), name: 'Mac15,6', os_platform: 'OSX', os_version: osOf(d), managed: true, registered: true,
    device_integrator: null, disk_encryption_type: 'ALL_INTERNAL_VOLUMES', screen_lock_type: 'BIOMETRIC', jailbreak: null, secure_hardware_present: true,
  }));
  const user = (u: number): JsonObject => users[u]!;
  const device = (d: number): JsonObject => devicesJson[d]!;
  const client = { id: APP.id, zone: 'null', device: 'Computer', ipAddress: '198.51.100.7', userAgent: { rawUserAgent: 'AppSSOAgent/1.0 (Macintosh; macOS 15.1)', os: 'Mac OS X', browser: 'UNKNOWN' } };
  const policyTargets = (rule: { id: string; name: string }): JsonObject[] => [
    { id: POLICY.id, type: 'PolicyEntity', alternateId: 'unknown', displayName: POLICY.name, detailEntry: { policyType: 'OktaSignOn' } },
    { id: rule.id, type: 'PolicyRule', alternateId: 'unknown', displayName: rule.name, detailEntry: null },
    { id: APP.id, type: 'AppInstance', alternateId: APP.name, displayName: APP.name, detailEntry: null },
  ];
  const denyTargets = policyTargets(RULE);
  const allowTargets = policyTargets({ id: '0prDefault00001', name: 'Default rule' });
  const bulkTargets = BULK_CLIENTS.map((name, i): JsonObject[] => [{ id: `0oaBulk${i}`, type: 'AppInstance', alternateId: null, displayName: name, detailEntry: null }]);
  const admin = { id: '00uAdmin000001', type: 'User', alternateId: ADMIN, displayName: 'IT Admin', detailEntry: null };
  const adminClient = { ...client, id: null };
  const success = { result: 'SUCCESS', reason: null };

  const build = (t: number, kind: Kind, subject: number, uuid: string): JsonObject => {
    const published = formatIsoUtc(t);
    const base = { uuid, published, version: '0', severity: 'INFO', legacyEventType: null, transaction: { type: 'WEB', id: `tx${uuid.slice(-12)}`, detail: {} } };
    const change = (eventType: string, displayMessage: string, targets: JsonObject[]): JsonObject => ({
      ...base, eventType, displayMessage, actor: admin, client: adminClient, device: null, outcome: success, target: targets,
    });
    switch (kind) {
      case Kind.Allow:
      case Kind.Denial: {
        const deny = kind === Kind.Denial;
        return {
          ...base, eventType: 'policy.evaluate_sign_on', displayMessage: 'Evaluation of sign-on policy', actor: user(ownerOf(subject)), client, device: device(subject),
          outcome: { result: deny ? 'DENY' : 'ALLOW', reason: `Sign-on policy evaluation resulted in ${deny ? 'DENY' : 'ALLOW'}` },
          target: deny ? denyTargets : allowTargets,
        };
      }
      case Kind.Session:
      case Kind.Typo:
        return {
          ...base, eventType: 'user.session.start', displayMessage: 'User login to Okta', actor: user(ownerOf(subject)), client, device: device(subject),
          outcome: kind === Kind.Typo ? { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } : { result: 'SUCCESS', reason: null }, target: null,
        };
      case Kind.Grant:
      case Kind.NoiseFailure:
        return {
          ...base, eventType: 'app.oauth2.token.grant.access_token', displayMessage: 'OIDC access token is granted', actor: user(ownerOf(subject)),
          client: { ...client, id: kind === Kind.Grant ? APP.id : '0oaJiraCloud001' }, device: null,
          outcome: kind === Kind.Grant ? { result: 'SUCCESS', reason: null } : { result: 'FAILURE', reason: 'invalid_client' },
          target: [{ id: `AT.${uuid.slice(-8)}`, type: 'access_token', alternateId: null, displayName: 'Access Token', detailEntry: null }],
        };
      case Kind.Bulk: {
        const d = subject % deviceCount;
        return {
          ...base, eventType: subject % 2 ? 'app.oauth2.token.grant.access_token' : 'policy.evaluate_sign_on', displayMessage: 'Denied', actor: user(ownerOf(d)),
          client, device: device(d), outcome: { result: subject % 2 ? 'FAILURE' : 'DENY', reason: BULK_REASONS[subject % BULK_REASONS.length]! },
          target: bulkTargets[subject % BULK_CLIENTS.length]!,
        };
      }
      case Kind.Change:
        return change('policy.rule.update', 'Update policy rule', policyTargets(RULE).slice(0, 2).reverse());
      case Kind.EarlierChange:
        return change('policy.rule.update', 'Update policy rule', policyTargets(RULE).slice(0, 2).reverse());
      case Kind.OtherChange:
        return change('policy.rule.update', 'Update policy rule', [
          { id: '0prStepUp000001', type: 'PolicyRule', alternateId: 'unknown', displayName: 'Admins: phishing-resistant', detailEntry: null },
          { id: OTHER_POLICY.id, type: 'PolicyEntity', alternateId: 'unknown', displayName: OTHER_POLICY.name, detailEntry: null },
        ]);
      case Kind.AppChange:
        return change('application.lifecycle.update', 'Update application', [{ id: '0oaZoom0000001', type: 'AppInstance', alternateId: 'Zoom', displayName: 'Zoom', detailEntry: null }]);
    }
  };

  // Lazy records: the event is built each time the emulator reads it.
  const times = Float64Array.from(plan, (p) => p[0]);
  const kinds = Uint8Array.from(plan, (p) => p[1]);
  const subjects = Uint32Array.from(plan, (p) => p[2]);
  plan.length = 0;
  const uuidOf = (seq: number): string => `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
  const events: OktaLogRecord[] = [];
  let persisted = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < times.length; i++) {
    const seq = i + 1;
    const publishedMs = times[i]!;
    persisted = Math.max(publishedMs, persisted + 1);
    events.push({
      seq,
      publishedMs,
      persistedMs: persisted,
      get uuid() {
        return uuidOf(seq);
      },
      get event() {
        return build(publishedMs, kinds[i]!, subjects[i]!, uuidOf(seq));
      },
    });
  }

  const devices: JsonObject[] = [];
  const computers: JsonObject[] = [];
  for (let d = 0; d < deviceCount; d++) {
    const owner = ownerOf(d);
    devices.push({
      id: deviceId(d), status: 'ACTIVE', created: '2025-01-06T10:00:00.000Z', lastUpdated: formatIsoUtc(spec.windowStartMs), resourceType: 'UDDevice',
      profile: { displayName: `mac-${pad(d)}`, platform: 'MACOS', registered: true, serialNumber: serialOf(d), osVersion: osOf(d), managed: true },
      _embedded: { users: [{ created: '2025-01-06T10:00:00.000Z', managementStatus: 'MANAGED', user: { id: `00u${pad(owner, 9)}`, status: 'ACTIVE', profile: { login: login(owner) } } }] },
    });
    computers.push({
      id: String(d + 1), udid: `UDID-${pad(d, 8)}`,
      general: { name: `mac-${pad(d)}`, platform: 'Mac', remoteManagement: { managed: owner >= (spec.unmanagedUsers ?? 0) }, lastContactTime: formatIsoUtc(spec.windowEndMs - (d % 48) * 1_800_000), managementId: `mgmt-${pad(d)}` },
      hardware: { serialNumber: serialOf(d), model: 'MacBook Pro', modelIdentifier: 'Mac15,6' },
      operatingSystem: { name: 'macOS', version: osOf(d), build: '24B83' },
      userAndLocation: { username: login(owner).split('@')[0]!, email: login(owner) },
    });
  }
  return {
    scenario: {
      name: 'generated-org',
      title: 'Generated organisation',
      story: 'A sign-on rule tightened, then denials on a subset of Macs.',
      dir: '',
      meta: { serial: serialOf(0), hostname: 'mac-000000', user: login(0), collectedAt: formatIsoUtc(spec.windowEndMs), deviceTimeZone: 'UTC' },
      okta: { events, devices },
      jamf: { computers, mdmCommands: [], history: undefined },
    },
    counts: { events: events.length, denials },
  };
}
