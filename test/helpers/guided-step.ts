import { demoTransport } from '../../src/cli/demo.js';
import { loadScenario } from '../../src/emulators/index.js';
import type { Analysis } from '../../src/model/analysis.js';
import { runStep } from '../../src/sources/mac/run-step.js';
import { remoteCommand, type CommandName } from '../../src/sources/mac/ssh/commands.js';
import { parseZonedTimestamp } from '../../src/time/timestamp.js';

/**
 * A demo scenario's analysis after one runbook probe ran on its recorded Mac (device/on-demand/ first),
 * as the console's `r` does: for scenarios whose story needs a step before a cause is likely.
 */
export async function afterProbe(dir: string, analysis: Analysis, probe: CommandName): Promise<Analysis> {
  const { meta } = await loadScenario(dir);
  const collectedAtMs = parseZonedTimestamp(meta.collectedAt)!.epochMs;
  const ctx = { collectedAtMs, deviceTimeZone: meta.deviceTimeZone, serial: meta.serial, hostname: meta.hostname, user: meta.user };
  const outcome = await runStep(
    { transport: demoTransport(dir, collectedAtMs), command: remoteCommand(probe), title: probe, signal: new AbortController().signal, now: () => collectedAtMs, ctx },
    () => analysis,
  );
  if (outcome.entry.error !== undefined || outcome.analysis === undefined) throw new Error(`${probe}: ${outcome.entry.error ?? 'no analysis'}`);
  return outcome.analysis;
}
