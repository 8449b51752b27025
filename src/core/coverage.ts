import type { SourceRole } from './roles.js';

/**
 * What a source read, for which time window and filter, and whether the read was complete.
 * An absence ("no IdP event near the failure") is evidence only inside complete coverage of a stream
 * whose kinds include the ones asked about; everywhere else it is unknown.
 */
export interface Coverage {
  /** Adapter id (`SourceAdapter.id`). */
  source: string;
  role: SourceRole;
  /** The stream read, role-prefixed: `idp.system-log`, `idp.devices`, `mdm.inventory`, `mdm.commands`,
   *  `mdm.history`, `endpoint.log`, `endpoint.probe.<name>`. */
  stream: string;
  /** Kind patterns (generic and vendor, `*` suffix allowed) that events of this stream can have. */
  kinds: readonly string[];
  /** UTC epoch ms; null when the read is not bounded in time (a state snapshot) or the bound is not known. */
  fromMs: number | null;
  untilMs: number | null;
  /** What the read was restricted to (the users or device ids asked about); absent = everything. */
  filter?: { users?: readonly string[]; devices?: readonly string[] };
  /** The bundle file the read is kept in, when a stream has one file per read (each `log show`, each probe). */
  file?: string;
  /** False after a fatal error, a page cap, a deadline or a rate-limit stop; `why` says which. */
  complete: boolean;
  /** Why the read is incomplete, or what limits it (a window inferred from the events). */
  why?: string;
}
