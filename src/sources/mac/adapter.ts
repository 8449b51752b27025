import type { BundleFile, BundleInput, SourceAdapter, SourceRead } from '../../core/adapter.js';
import type { ParseContext } from '../../model/context.js';
import { parseDeviceLogFile } from './log/log-file.js';
import { deriveMacFacts, MAC_FACTS } from './facts.js';
import { macLive } from './live.js';
import { MAC_KINDS } from './kinds.js';
import { isProbeName, PROBE_NAMES } from './probes/probe-names.js';
import { parseProbeFile } from './probes/index.js';
import { deviceRead } from './read-capture.js';
import { PROBE_COMMANDS } from './ssh/commands.js';
import type { MacState } from './state.js';

const PROBE_FILE = /^device\/probes\/([^/]+)\.txt$/;
const LOG_FILE = /^device\/[^/]+\.(ndjson|log)$/;

function ownsFile(rel: string): boolean {
  const probe = PROBE_FILE.exec(rel);
  return probe ? isProbeName(probe[1]!) : LOG_FILE.test(rel);
}

async function readMacBundle(files: readonly BundleFile[], input: BundleInput): Promise<SourceRead<MacState>> {
  const ctx: ParseContext = input.ctx;
  const logFiles = files.filter((f) => LOG_FILE.test(f.rel));
  const probeFiles = files.flatMap((f) => {
    const name = PROBE_FILE.exec(f.rel)?.[1];
    return name !== undefined && isProbeName(name) ? [{ ...f, name }] : [];
  });
  const [logs, probes] = await Promise.all([
    Promise.all(logFiles.map((f) => parseDeviceLogFile(f.path, f.rel, ctx))),
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
  commands: PROBE_COMMANDS,
  kinds: MAC_KINDS,
  facts: MAC_FACTS,
  live: macLive,
  readBundle: readMacBundle,
  deriveFacts: deriveMacFacts,
  identities: () => [],
};
