import type { TimelineEvent } from '../model/event.js';
import type { Analysis } from '../model/analysis.js';
import type { ParseContext } from '../model/context.js';
import type { JournalEntry } from '../model/journal.js';

/** What running one probe gave. */
export interface StepOutcome {
  entry: JournalEntry;
  /** The analysis with the output folded in (not yet re-ranked); undefined when nothing was kept. */
  analysis: Analysis | undefined;
  /** The events the output added to the timeline (none when nothing was kept). */
  added: readonly TimelineEvent[];
  /** The captured evidence text (its SHA-256 is the entry's outputSha256). */
  text?: string;
}

/** One runbook step to run on the Mac: its allow-listed probe by name. */
export interface ProbeRunRequest {
  probe: string;
  title: string;
  signal: AbortSignal;
  now: () => number;
  ctx: ParseContext;
  /** Handed the entry to journal should the process end before the run does; returns its remover. */
  whileRunning?: ((interrupted: JournalEntry) => () => void) | undefined;
}

/**
 * An endpoint source's probe-run loop bound to its connection (run the command, parse its output, fold
 * the evidence into the analysis): the store calls it as an action and does no I/O itself. Never
 * throws for an allow-listed probe: a failure or a cancellation becomes the journal entry's `error`.
 */
export interface ProbeRunner {
  run(request: ProbeRunRequest, current: () => Analysis): Promise<StepOutcome>;
}
