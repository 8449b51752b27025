import type { BundleFile, BundleInput, SourceAdapter, SourceRead } from '../../core/adapter.js';
import type { ParseContext } from '../../model/context.js';
import { parseDeviceLogFile, type DeviceLogResult } from './log/log-file.js';
import { SeenRecords } from './log/seen-records.js';
import { deriveMacFacts, MAC_FACTS } from './facts.js';
import { macLive } from './live.js';
import { MAC_KINDS } from './kinds.js';
import { isProbeName, PROBE_NAMES } from './probes/probe-names.js';
import { parseProbeFile } from './probes/index.js';
import { deviceRead } from './read-capture.js';
import { PROBE_COMMANDS, remoteCommand } from './ssh/commands.js';
import type { TimelineEvent } from '../../model/event.js';
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

/**
 * The allow-listed commands as shown. sntp's output names the server it asked, which need not be the
 * default (an admin's own run, a Mac set to another time server): the command shown names that one.
 */
function macCommands(events: readonly TimelineEvent[]): Record<string, string> {
  const commands = { ...PROBE_COMMANDS };
  const server = events.findLast((e) => e.kind === 'device.probe.sntp')?.fields['server'];
  if (typeof server === 'string') {
    try {
      commands['sntp'] = remoteCommand('sntp', { server }).display;
    } catch {
      // Not a host name trustline would run sntp against: the default command is all it can show.
    }
  }
  return commands;
}

export const macAdapter: SourceAdapter<MacState> = {
  id: 'device',
  role: 'endpoint',
  label: 'Mac',
  letter: 'D',
  shows: "the Mac's unified log and probes: trust, TLS, SSO extension, MDM client, clock",
  bundle: { folder: 'device', owns: ownsFile },
  probes: PROBE_NAMES,
  commands: macCommands,
  kinds: MAC_KINDS,
  facts: MAC_FACTS,
  live: macLive,
  readBundle: readMacBundle,
  deriveFacts: deriveMacFacts,
  identities: () => [],
};
