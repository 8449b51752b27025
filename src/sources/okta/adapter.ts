import type { BundleFile, BundleInput, SourceAdapter, SourceIdentity, SourceRead } from '../../core/adapter.js';
import type { Coverage } from '../../core/coverage.js';
import { fileCoverage } from '../coverage.js';
import { lazyLive } from '../../core/live.js';
import { oktaConfig } from './config.js';
import { recordsForThisMac } from './device-match.js';
import { deriveOktaFacts, OKTA_FACTS } from './facts.js';
import { OKTA_KINDS, OKTA_SOURCE } from './kinds.js';
import { parseOktaDevicesFile, parseOktaLogFiles } from './index.js';
import type { OktaDeviceRecord, OktaState } from './state.js';

const DEVICES = 'okta/devices.json';

/** Who the System Log was asked about: the Mac's Okta device ids and the users linked to it. */
export function oktaLogFilter(devices: readonly OktaDeviceRecord[], user: string | undefined): NonNullable<Coverage['filter']> {
  const users = new Set<string>();
  if (user) users.add(user);
  for (const d of devices) for (const u of d.users) if (u.login) users.add(u.login);
  return { users: [...users], devices: devices.map((d) => d.id) };
}

async function readOktaBundle(files: readonly BundleFile[], { ctx, recorded, otherIdentities = [] }: BundleInput): Promise<SourceRead<OktaState>> {
  const devicesFile = files.find((f) => f.rel === DEVICES);
  const logFiles = files.filter((f) => f.rel !== DEVICES);
  const [logs, devices] = await Promise.all([
    parseOktaLogFiles(logFiles, ctx),
    devicesFile ? parseOktaDevicesFile(devicesFile.path, devicesFile.rel, ctx) : undefined,
  ]);
  const records = devices ? recordsForThisMac(devices.records, ctx, otherIdentities, devices.report) : [];
  const kept = new Set(records.map((r) => r.id));
  const deviceEvents = devices?.events.filter((e) => e.keys.oktaDeviceId === undefined || kept.has(e.keys.oktaDeviceId)) ?? [];
  const coverage: Coverage[] = [];
  if (logFiles.length > 0) {
    coverage.push(fileCoverage({ source: OKTA_SOURCE, stream: 'idp.system-log', events: logs.events, reports: logs.reports, recorded, filter: oktaLogFilter(records, ctx.user) }));
  }
  if (devices) coverage.push(fileCoverage({ source: OKTA_SOURCE, stream: 'idp.devices', events: deviceEvents, reports: [devices.report], recorded, snapshot: true }));
  return {
    name: 'okta',
    present: logFiles.length > 0 || devices !== undefined,
    events: devices ? [...logs.events, ...deviceEvents] : logs.events,
    reports: devices ? [...logs.reports, devices.report] : logs.reports,
    // Records none of which is this Mac do not say Okta has none: the saved answer may be another search.
    state: { devices: records, devicesComplete: devices !== undefined && devices.report.fatal === undefined && (records.length > 0 || devices.records.length === 0) },
    coverage,
  };
}

function oktaIdentities(state: OktaState | undefined): SourceIdentity[] {
  return (state?.devices ?? []).map((d) => ({
    origin: 'okta',
    serial: d.serial,
    udid: d.udid,
    hostname: d.displayName,
    users: d.users.map((u) => u.login).filter((l): l is string => l !== undefined),
    emails: [],
    vendorIds: { 'okta.deviceId': d.id },
  }));
}

export const oktaAdapter: SourceAdapter<OktaState> = {
  id: 'okta',
  role: 'idp',
  label: 'Okta',
  letter: 'O',
  shows: 'Okta System Log: Device Trust, policy and sign-in events',
  bundle: { folder: 'okta', owns: (rel) => /^okta\/[^/]+\.json$/.test(rel) },
  // Its devices.json may list other devices: it is read knowing what Jamf and meta.json say the Mac is.
  readsLast: true,
  kinds: OKTA_KINDS,
  facts: OKTA_FACTS,
  config: oktaConfig,
  live: lazyLive(async () => (await import('./live.js')).oktaLive, { sweeps: true }),
  deviceIdFlag: { flag: '--okta-device-id', help: 'its Okta device id (guo…)', pattern: /^[A-Za-z0-9]{4,40}$/, expected: 'expected an Okta device id such as guo7tlMbpAlice26x7d8' },
  readBundle: readOktaBundle,
  deriveFacts: deriveOktaFacts,
  identities: oktaIdentities,
};
