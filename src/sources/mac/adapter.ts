import type { BundleFile, BundleInput, SourceAdapter, SourceRead } from '../../core/adapter.js';
import type { ParseContext } from '../../model/context.js';
import { parseDeviceLogFile, type DeviceLogResult } from './log/log-file.js';
import { SeenRecords } from './log/seen-records.js';
import { deriveMacFacts, MAC_FACTS } from './facts.js';
import { MAC_KINDS } from './kinds.js';
import { isProbeName, PROBE_NAMES } from './probes/probe-names.js';
import { parseProbeFile } from './probes/index.js';
import { deviceRead } from './read-capture.js';
import type { MacState } from './state.js';

const PROBE_FILE = /^device\/probes\/([^/]+)\.txt$/;
const LOG_FILE = /^device\/[^/]+\.(ndjson|json|log)$/;

function ownsFile(rel: string): boolean {
  const probe = PROBE_FILE.exec(rel);
  return probe ? isProbeName(probe[1]!) : LOG_FILE.test(rel);
}

/** One after another in path order, so a record two captures share is kept from the first file. */
async function readLogsInOrder(files: readonly BundleFile[], ctx: ParseContext): Promise<DeviceLogResult[]> {
  const seen = new SeenRecords();
  const logs: DeviceLogResult[] = [];
  for (const f of files) logs.push(await parseDeviceLogFile(f.path, f.rel, ctx, seen));
  return logs;
}

async function readMacBundle(files: readonly BundleFile[], input: BundleInput): Promise<SourceRead<MacState>> {
  const ctx: ParseContext = input.ctx;
  const logFiles = files.filter((f) => LOG_FILE.test(f.rel));
  const probeFiles = files.flatMap((f) => {
    const name = PROBE_FILE.exec(f.rel)?.[1];
    return name !== undefined && isProbeName(name) ? [{ ...f, name }] : [];
  });
  const [logs, probes] = await Promise.all([
    readLogsInOrder(logFiles, ctx),
    Promise.all(probeFiles.map((f) => parseProbeFile(f.path, f.rel, f.name, ctx))),
  ]);
  return deviceRead(logs, probes, ctx, input.recorded);
}

export const macAdapter: SourceAdapter<MacState> = {
  id: 'device',
  role: 'endpoint',
  label: 'Mac',
  letter: 'D',
  shows: "the Mac's unified log and probes: trust, TLS, SSO extension, MDM client, clock",
  bundle: { folder: 'device', owns: ownsFile },
  probes: PROBE_NAMES,
  kinds: MAC_KINDS,
  facts: MAC_FACTS,
  readBundle: readMacBundle,
  deriveFacts: deriveMacFacts,
  identities: () => [],
};
