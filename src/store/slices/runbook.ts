import { addExitCleanup } from '../../io/exit-cleanup.js';
import { selectedHypothesis } from '../selectors/hypotheses.js';
import { runbookSteps, selectedStep } from '../selectors/runbook.js';
import { stepCommand } from '../step-command.js';
import type { JournalEntry, RunbookSlice, SliceArgs, StepMark } from '../types.js';
import { loadsOf } from './data.js';

export function runbookSlice({ set, get, init }: SliceArgs): RunbookSlice {
  const now = init.now ?? Date.now;
  // A hang-up, a signal or a quit while a probe runs still leaves its line in the journal.
  const journal = init.journal;
  const whileRunning = journal ? (interrupted: JournalEntry) => addExitCleanup(() => journal(interrupted)) : undefined;
  return {
    marks: {},
    selectedStep: null,
    run: { state: 'idle' },
    macConnected: init.probes !== undefined,
    journalEntries: [],
    runOutputs: {},
    copyCommand() {
      const step = selectedStep(get());
      if (!step || step.command === '') return void set({ message: 'no runbook step to copy' });
      set({ message: `copied: ${step.command}` });
      return step.command;
    },
    openStep() {
      const step = selectedStep(get());
      if (!step) return set({ message: 'no runbook step' });
      set({ overlay: { kind: 'step', stepKey: step.key }, message: null });
    },
    requestRun() {
      const s = get();
      const step = selectedStep(s);
      if (!step) return set({ message: 'no runbook step' });
      if (s.run.state === 'running') return set({ message: 'a probe is already running (Esc cancels it)' });
      const command = stepCommand(step.probe);
      if (typeof command === 'string') return set({ message: command });
      if (!init.probes) return set({ message: 'no connection to the Mac in this session: copy the command (c) and run it there' });
      set({ overlay: { kind: 'confirm', stepKey: step.key }, message: null });
    },
    async confirmRun() {
      const s = get();
      const o = s.overlay;
      if (o?.kind !== 'confirm' || !init.probes) return;
      const step = runbookSteps(s).find((x) => x.key === o.stepKey);
      const command = step ? stepCommand(step.probe) : 'the step is gone';
      if (!step || typeof command === 'string') return set({ overlay: null, message: typeof command === 'string' ? command : null });
      const controller = new AbortController();
      const hypothesisId = selectedHypothesis(s)?.id ?? '';
      set({ overlay: null, run: { state: 'running', stepKey: step.key, hypothesisId, command: command.display, controller }, message: `running ${command.name}… (Esc cancels)` });
      const outcome = await init.probes.run({ probe: command.name, title: step.title, signal: controller.signal, now, ctx: init.ctx, whileRunning }, () => get().analysis);
      const after = get();
      const { entry } = outcome;
      if (outcome.analysis) after.rerank(outcome.analysis, outcome.added);
      const ok = entry.error === undefined;
      set({
        sourceStates: loadsOf(get().analysis, after.sourceStates),
        journalEntries: [...after.journalEntries, entry],
        runOutputs: outcome.text === undefined ? after.runOutputs : { ...after.runOutputs, [entry.outputSha256]: outcome.text },
        marks: ok ? { ...after.marks, [step.key]: 'done' } : after.marks,
        run: ok
          ? { state: 'ok', stepKey: step.key, hypothesisId, command: entry.command, events: outcome.added.length }
          : { state: 'failed', stepKey: step.key, hypothesisId, command: entry.command, error: entry.error ?? 'failed' },
        message: ok ? `${step.title}: ${outcome.added.length} events added, ${get().ranking === 'ranking' ? 'ranking…' : 'hypotheses re-ranked'}` : `${step.title}: ${entry.error ?? 'failed'}`,
      });
      init.journal?.(entry);
    },
    cancelRun() {
      const run = get().run;
      if (run.state !== 'running') return;
      run.controller.abort(new Error('cancelled'));
      set({ message: 'cancelling…' });
    },
    markStep(mark: StepMark) {
      const s = get();
      const step = selectedStep(s);
      if (!step) return set({ message: 'no runbook step' });
      const marks = { ...s.marks };
      if (marks[step.key] === mark) delete marks[step.key];
      else marks[step.key] = mark;
      set({ marks, message: `${step.title}: ${marks[step.key] ?? 'open'}` });
    },
  };
}
