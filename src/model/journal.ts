/** One command run on the Mac from the console, as the journal keeps it. */
export interface JournalEntry {
  /** ISO 8601 UTC, when the command was started. */
  at: string;
  /** The runbook step's title. */
  step: string;
  /** The command line as displayed (exactly what ran). */
  command: string;
  exitCode: number | null;
  /** SHA-256 (hex) of the captured evidence text; of the empty string when nothing was captured. */
  outputSha256: string;
  error?: string;
}
