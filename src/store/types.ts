import type { Analysis } from '../model/analysis.js';
import type { ParseContext } from '../model/context.js';
import type { Severity, SourceName, TimelineEvent } from '../model/event.js';
import type { ProbeRunner } from '../core/probe-runner.js';
import type { SweepResult } from '../sweep/run-sweep.js';
import type { ActiveModel, AnalysisDiagnosis } from '../diagnosis/rank-analysis.js';
import type { TimeZones } from './selectors/time-format.js';

export type LoadState = 'loading' | 'ok' | 'partial' | 'error' | 'missing';

/** How far one source has got: shown in the header (a spinner while loading). */
export interface SourceLoad {
  state: LoadState;
  events: number;
  /** One line: the error, or what is being fetched. External text: sanitise before display. */
  text?: string;
}

export type Pane = 'timeline' | 'hypotheses' | 'runbook';
export const PANES: readonly Pane[] = ['timeline', 'hypotheses', 'runbook'];

/** How times are shown: UTC with Z, the Mac's zone (from meta.json), or the local zone of this terminal. */
export type TimeMode = 'utc' | 'device' | 'local';

/** A timeline position that survives inserts: the event id, and its instant to find it again fast. */
export interface EventRef {
  id: string;
  epochMs: number;
  micros?: number;
}

export type Overlay =
  | { kind: 'event'; ref: EventRef; offset: number }
  | { kind: 'hypothesis'; hypothesisId: string; line: number }
  | { kind: 'help'; offset: number; lines: number }
  | { kind: 'confirm'; stepKey: string }
  | { kind: 'step'; stepKey: string }
  | { kind: 'notes'; offset: number }
  | { kind: 'fleet'; offset: number }
  /** Several Macs match the keys given: choose one before anything is fetched. */
  | { kind: 'picker'; cursor: number };

export interface Filters {
  /** Sources toggled on or off; a source not listed is shown. */
  sources: Record<SourceName, boolean>;
  minSeverity: Severity;
  /** Only the events matching this search (lnav's filter-in, key `m`); absent or '' shows all. */
  matching?: string;
}

export interface SearchState {
  /** The committed query the hits are for. */
  query: string;
  /** What is being typed after `/`; undefined when the prompt is closed. */
  draft: string | undefined;
}

export type { JournalEntry } from '../model/journal.js';
import type { JournalEntry } from '../model/journal.js';

export type StepMark = 'done' | 'skipped';

/**
 * The last probe run, with the hypothesis whose runbook it ran from: a finished run shows on that
 * runbook only (a probe that failed there has not run on another hypothesis' runbook). A run that
 * worked also marks its step done, by step key, on every runbook: its evidence joins the timeline for all.
 */
export type RunState =
  | { state: 'idle' }
  | { state: 'running'; stepKey: string; hypothesisId: string; command: string; controller: AbortController }
  | { state: 'ok'; stepKey: string; hypothesisId: string; command: string; events: number }
  | { state: 'failed'; stepKey: string; hypothesisId: string; command: string; error: string };

/** What the export key hands to the report writer: the analysis as shown and the probes run here. */
export interface ReportSnapshot {
  analysis: Analysis;
  journalEntries: JournalEntry[];
  /** Outputs of the probes run from this console, by the SHA-256 their journal entries record. */
  outputs: ReadonlyMap<string, string>;
  /** Runbook steps marked done or skipped here, in the diagnosis model's order. */
  steps: { title: string; mark: StepMark }[];
}

export interface ConsoleInit {
  analysis: Analysis;
  active: ActiveModel;
  ctx: ParseContext;
  /** The Mac's probe-run action, when this console is connected to it. */
  probes?: ProbeRunner;
  journal?: (entry: JournalEntry) => void;
  /** Writes the incident report (the `x` key); resolves to where it went. */
  exportReport?: (snapshot: ReportSnapshot) => Promise<string>;
  guided?: boolean;
  now?: () => number;
  /** The zone `z` shows as local (default: this process' zone). */
  localTimeZone?: string;
  /** Several Macs match: one row of columns per candidate; the console opens on the picker. */
  candidates?: readonly (readonly string[])[];
  /** Called once with the index of the candidate chosen. */
  onPick?: (index: number) => void;
}

/** The Mac picker: the candidates' columns (serial, host name, model, OS, last seen, management). */
export interface PickerSlice {
  candidates: readonly (readonly string[])[];
  /** Opens the picker on these candidates (the console starts with it when several Macs match). */
  openPicker(candidates: readonly (readonly string[])[]): void;
  pickerMove(delta: number): void;
  /** Chooses the candidate under the cursor and closes the picker. */
  pickCandidate(): void;
}

/** `ranking`: a ranking over the whole timeline runs in slices between keys; the hypotheses shown are the previous ones (or none). */
export type RankingState = 'ranked' | 'ranking';

export interface DataSlice {
  /**
   * The analysis shown. Its timeline array may grow in place with later live batches (src/store/timeline-log.ts):
   * keep the analysis, not the array, across an update.
   */
  analysis: Analysis;
  ranking: RankingState;
  /** The diagnosis model causes are ranked with, and the collection's context (zones, serial, collection time). */
  active: ActiveModel;
  /** The analysis' findings, kept across live batches and probe outputs (updated, not redone). */
  diagnosis: AnalysisDiagnosis;
  /** Whether probes can run on the Mac from this console (a transport is connected). */
  macReachable: boolean;
  ctx: ParseContext;
  sourceStates: Record<SourceName, SourceLoad>;
  setSourceState(name: SourceName, load: SourceLoad): void;
  /** Live arrivals: merged in time order and re-ranked; the cursor and scroll stay on their events. */
  appendEvents(events: readonly TimelineEvent[]): void;
  /** A new analysis (e.g. a later fetch): re-ranked; per-source states follow it except those loading. */
  replaceAnalysis(analysis: Analysis): void;
  /** A new analysis with a probe's output in it, re-ranked; `added`: its events beyond the one shown, when nothing else changed. */
  rerank(analysis: Analysis, added?: readonly TimelineEvent[]): void;
}

export interface ViewSlice {
  focus: Pane;
  cursor: EventRef | null;
  /** The event the engineer last put the cursor on: a filter that hides it moves the cursor to the nearest visible event, and showing it again brings the cursor back. */
  anchor: EventRef | null;
  /** The first timeline row shown. */
  top: EventRef | null;
  /** How many timeline rows the UI shows (it sets this on layout). */
  timelineRows: number;
  /** How many rows an overlay (help, details) shows (the UI sets this on layout). */
  overlayRows: number;
  filters: Filters;
  search: SearchState;
  timeMode: TimeMode;
  zones: TimeZones;
  /** Selected hypothesis id; null means the top-ranked one. */
  selectedHypothesis: string | null;
  overlay: Overlay | null;
  /** One line for the hint bar: what the last action did or why it could not. */
  message: string | null;
  setFocus(pane: Pane): void;
  cycleFocus(delta: 1 | -1): void;
  setTimelineRows(rows: number): void;
  setOverlayRows(rows: number): void;
  toggleSource(source: SourceName): void;
  /** Keys 1..n: the n-th source in the analysis' (registry) order. */
  toggleSourceAt(position: number): void;
  cycleMinSeverity(): void;
  cycleTimeMode(): void;
  selectHypothesis(id: string): void;
  /** Opens the help overlay over `lines` entries (the key table's length: the store does not know it). */
  openHelp(lines: number): void;
  /** `i`: each source's state and reason, what time it covers, and the reading notes. */
  openNotes(): void;
  closeOverlay(): void;
}

export interface NavigationSlice {
  /** Moves the selection of whatever has the keys (pane, overlay or guided stage) by `delta` rows. */
  move(delta: number): void;
  /** Half a page down (1) or up (-1). */
  halfPage(direction: 1 | -1): void;
  /** Top (-1) or bottom (1) of whatever has the keys. */
  edge(direction: 1 | -1): void;
  /** Puts the timeline cursor on an event (clearing filters that hide it). */
  jumpToEvent(id: string): void;
  /** Enter: event detail, hypothesis evidence, jump to the chosen evidence, or confirm a probe. */
  activate(): void;
  nextError(direction: 1 | -1): void;
  openSearch(): void;
  typeSearch(text: string): void;
  eraseSearch(): void;
  commitSearch(): void;
  cancelSearch(): void;
  nextHit(direction: 1 | -1): void;
  /** `m`: only the events matching the search (lnav's filter-in), or all again. */
  toggleMatchesOnly(): void;
  /** Esc: closes the prompt or overlay, else cancels a running probe, else leaves the walkthrough. */
  escape(): void;
}

export interface RunbookSlice {
  marks: Record<string, StepMark>;
  /** Selected runbook step key; null means the hypothesis' next step. */
  selectedStep: string | null;
  run: RunState;
  /** Whether probes can run on the Mac in this session (a connection was given). */
  macConnected: boolean;
  journalEntries: JournalEntry[];
  /** Outputs of the probes run here, by SHA-256 (the journal keeps only the digest), for the report. */
  runOutputs: Record<string, string>;
  /** The selected step's command text (for the clipboard), or undefined when there is none. */
  copyCommand(): string | undefined;
  /** `o`: the selected step in full (its whole command, what it checks, confirms and refutes). */
  openStep(): void;
  /** `r`: asks for confirmation when the selected step is a probe trustline can run; else says why not. */
  requestRun(): void;
  /** Runs the step being confirmed. Resolves when it finished, failed or was cancelled. */
  confirmRun(): Promise<void>;
  cancelRun(): void;
  markStep(mark: StepMark): void;
}

export interface ExportSlice {
  exporting: boolean;
  /** `x`: writes the incident report; the hint bar says where (or why not). */
  exportReport(): Promise<void>;
}

export interface GuidedSlice {
  guided: boolean;
  guidedStage: number;
  /** The first line of the stage shown (j/k scroll a stage longer than the pane). */
  guidedOffset: number;
  /** How far the stage shown can scroll (the UI sets this: the store does not know the pane's size). */
  guidedMaxOffset: number;
  toggleGuided(): void;
  /** Goes to a stage, at its top. */
  setGuidedStage(stage: number): void;
  setGuidedMaxOffset(max: number): void;
}

/** The organisation view (a sweep over the same window), fetched beside the device's evidence. */
export interface FleetState {
  state: 'idle' | 'loading' | 'ok' | 'error';
  /** Progress while loading, the reason when it failed. External text: sanitise before display. */
  text?: string;
  result?: SweepResult;
}

export interface FleetSlice {
  fleet: FleetState;
  setFleet(fleet: FleetState): void;
  /** `f`: the Fleet view on or off. */
  toggleFleet(): void;
}

export type ConsoleState = DataSlice & ViewSlice & NavigationSlice & RunbookSlice & ExportSlice & GuidedSlice & FleetSlice & PickerSlice;

export type SetState = (partial: Partial<ConsoleState> | ((s: ConsoleState) => Partial<ConsoleState>)) => void;
export type GetState = () => ConsoleState;

/** What each slice creator receives. */
export interface SliceArgs {
  set: SetState;
  get: GetState;
  init: ConsoleInit;
}
