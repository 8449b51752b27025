import type { BundleFile, BundleInput, SourceAdapter, SourceIdentity, SourceRead } from '../../core/adapter.js';
import { fileCoverage } from '../coverage.js';
import { jamfConfig } from './config.js';
import { lazyLive } from '../../core/live.js';
import { parseJamfComputerFile } from './computer.js';
import { deriveJamfFacts, JAMF_FACTS } from './facts.js';
import { parseJamfHistoryFile } from './history.js';
import { JAMF_FILES, JAMF_KINDS, JAMF_SOURCE } from './kinds.js';
import { parseJamfMdmCommandsFile } from './mdm-commands.js';
import type { JamfDeviceState } from './state.js';

async function readJamfBundle(files: readonly BundleFile[], { ctx, recorded }: BundleInput): Promise<SourceRead<JamfDeviceState>> {
  const file = (rel: string): BundleFile | undefined => files.find((f) => f.rel === rel);
  const computer = file('jamf/computer.json');
  const mdmCommands = file('jamf/mdm-commands.json');
  const history = file('jamf/history.json');
  const [c, m, h] = await Promise.all([
    computer ? parseJamfComputerFile(computer.path, computer.rel, ctx) : undefined,
    mdmCommands ? parseJamfMdmCommandsFile(mdmCommands.path, mdmCommands.rel, ctx) : undefined,
    history ? parseJamfHistoryFile(history.path, history.rel, ctx) : undefined,
  ]);
  const parts = [c, m, h].filter((p) => p !== undefined);
  return {
    name: 'jamf',
    present: parts.length > 0,
    events: parts.flatMap((p) => p.events),
    reports: parts.map((p) => p.report),
    state: c?.state,
    coverage: parts.map((p) => jamfCoverage(p.report.file, p.events, [p.report], recorded)),
  };
}

/** Coverage of one Jamf document: a snapshot, complete unless the document failed. */
export function jamfCoverage(rel: string, events: Parameters<typeof fileCoverage>[0]['events'], reports: Parameters<typeof fileCoverage>[0]['reports'], recorded?: BundleInput['recorded']) {
  const stream = (JAMF_FILES as Record<string, string>)[rel] ?? 'mdm.inventory';
  return fileCoverage({ source: JAMF_SOURCE, stream, events, reports, recorded, snapshot: true });
}

function jamfIdentities(state: JamfDeviceState | undefined): SourceIdentity[] {
  if (!state || state.recordsFound === 0) return [];
  const vendorIds: Record<string, string> = {};
  if (state.managementId) vendorIds['jamf.managementId'] = state.managementId;
  return [
    {
      origin: 'jamf',
      serial: state.serial,
      udid: state.udid,
      hostname: state.name,
      owner: state.email ?? state.username,
      users: state.username ? [state.username] : [],
      emails: state.email ? [state.email] : [],
      vendorIds,
    },
  ];
}

export const jamfAdapter: SourceAdapter<JamfDeviceState> = {
  id: 'jamf',
  role: 'mdm',
  label: 'Jamf Pro',
  letter: 'J',
  shows: 'Jamf Pro: is the Mac enrolled and managed, which MDM commands failed',
  bundle: { folder: 'jamf', owns: (rel) => Object.hasOwn(JAMF_FILES, rel) },
  kinds: JAMF_KINDS,
  facts: JAMF_FACTS,
  config: jamfConfig,
  live: lazyLive(async () => (await import('./live.js')).jamfLive, { sweeps: true }),
  deviceIdFlag: { flag: '--jamf-id', help: 'its Jamf Pro computer id', pattern: /^[0-9]{1,12}$/, expected: "expected the computer's Jamf id, a number such as 412" },
  readBundle: readJamfBundle,
  deriveFacts: deriveJamfFacts,
  identities: jamfIdentities,
};
