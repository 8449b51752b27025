import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioDir } from '../../src/emulators/index.js';
import type { Analysis } from '../../src/model/analysis.js';
import type { ParseContext } from '../../src/model/context.js';
import type { TimelineEvent } from '../../src/model/event.js';
import { analyzeBundle } from '../../src/sources/bundle/analyze-bundle.js';
import { readBundleMeta } from '../../src/sources/bundle/meta.js';
import type { CommandResult, ProbeTransport } from '../../src/sources/mac/ssh/transport.js';
import { transportProbeRunner } from '../../src/sources/mac/run-step.js';
import { createConsoleStore, type ConsoleStore } from '../../src/store/create-console-store.js';
import { runbookSteps } from '../../src/store/selectors/runbook.js';
import type { ConsoleInit } from '../../src/store/types.js';
import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import type { ActiveModel } from '../../src/diagnosis/rank-analysis.js';
import { tempDir } from './temp-files.js';
import { genericOf } from '../../src/sources/registry.js';

let activeOnce: Promise<ActiveModel> | undefined;
export function builtinModel(): Promise<ActiveModel> {
  activeOnce ??= loadDiagnosisModel({});
  return activeOnce;
}

export interface Loaded {
  analysis: Analysis;
  ctx: ParseContext;
  active: ActiveModel;
  dir: string;
}

/** A real analysis of a bundle directory, with its parse context and the built-in hypotheses. */
export async function loadBundle(dir: string): Promise<Loaded> {
  const [analysis, meta, active] = await Promise.all([analyzeBundle(dir), readBundleMeta(join(dir, 'meta.json')), builtinModel()]);
  return { analysis, ctx: meta.ctx, active, dir };
}

export function loadScenario(name: string): Promise<Loaded> {
  return loadBundle(scenarioDir(name));
}

/** A copy of a scenario with some device outputs held back (paths relative to device/), as if not yet run. */
export async function loadScenarioWithout(name: string, deviceRels: string[]): Promise<Loaded> {
  const dir = join(tempDir(), name);
  cpSync(scenarioDir(name), dir, { recursive: true });
  for (const rel of deviceRels) rmSync(join(dir, 'device', rel));
  return loadBundle(dir);
}

/** A store on a loaded bundle; `transport` connects the Mac through the sources layer's probe-run loop. */
export function storeFor(loaded: Loaded, { transport, ...extra }: Partial<ConsoleInit> & { transport?: ProbeTransport } = {}): ConsoleStore {
  return createConsoleStore({
    analysis: loaded.analysis,
    ctx: loaded.ctx,
    active: loaded.active,
    localTimeZone: 'Europe/Berlin',
    now: () => Date.UTC(2026, 10, 20, 15),
    ...(transport ? { probes: transportProbeRunner(transport) } : {}),
    ...extra,
  });
}

/** A transport that answers every command with fixed text (the ProbeTransport interface, not a network mock). */
export function fixedTransport(answer: Partial<CommandResult> | ((signal?: AbortSignal) => Promise<CommandResult>)): ProbeTransport & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async run(command, signal) {
      calls.push(command.name);
      if (typeof answer === 'function') return answer(signal);
      return { stdout: '', stderr: '', exitCode: 0, truncated: false, startedAtMs: 0, endedAtMs: 1, ...answer };
    },
    async close() {},
  };
}

/** A transport whose answer never comes until the signal aborts it. */
export function hangingTransport(): ProbeTransport & { calls: string[] } {
  return fixedTransport(
    (signal) =>
      new Promise<CommandResult>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      }),
  );
}

let seq = 0;
/** A synthetic timeline event (for live arrivals and hostile text). */
export function makeEvent(over: Partial<TimelineEvent> & { epochMs: number }): TimelineEvent {
  seq++;
  const source = over.source ?? 'okta';
  const kind = over.kind ?? ({ okta: 'okta.test', jamf: 'jamf.mdm.command' }[source] ?? `${source}.log`);
  return {
    id: `test:${seq}`,
    originalTime: new Date(over.epochMs).toISOString(),
    source: 'okta',
    kind,
    generic: genericOf(source, kind),
    severity: 'info',
    summary: `synthetic event ${seq}`,
    keys: {},
    raw: { file: 'okta/live.json', pointer: `/${seq}` },
    fields: {},
    ...over,
  };
}

/** Moves the runbook selection to the first probe step (a likely cause's next step is its remedy, not a probe). */
export function selectProbeStep(store: ConsoleStore): void {
  store.getState().setFocus('runbook');
  store.setState({ selectedStep: runbookSteps(store.getState()).find((x) => x.kind === 'probe')!.key });
}
