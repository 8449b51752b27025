import * as z from '../../config/zod.js';
import type { Coverage } from '../../core/coverage.js';
import { SOURCE_ROLES } from '../../core/roles.js';
import { resolutionNotes } from '../../core/identity-text.js';
import { describeReadFailure, readJsonDocument } from '../../io/json-file.js';
import { EMPTY_CONTEXT, type ParseContext } from '../../model/context.js';
import { formatIsoUtc, parseZonedTimestamp } from '../../time/timestamp.js';
import { isValidTimeZone } from '../../time/zone.js';

const optionalText = z.pipe(
  z.nullable(z.optional(z.string().check(z.trim()))),
  z.transform((s: string | null | undefined) => (s ? s : undefined)),
);

const MetaSchema = z.object({
  serial: optionalText,
  hostname: optionalText,
  user: optionalText,
  collectedAt: optionalText,
  deviceTimeZone: optionalText,
  coverage: z.optional(z.unknown()),
});

/** One stream's recorded read, as `collect` writes it (see Coverage). */
const CoverageSchema = z.object({
  source: z.string(),
  role: z.enum(SOURCE_ROLES),
  stream: z.string(),
  kinds: z._default(z.array(z.string()), []),
  file: z.optional(z.string()),
  from: z.nullable(z.string()),
  until: z.nullable(z.string()),
  filter: z.optional(z.object({ users: z.optional(z.array(z.string())), devices: z.optional(z.array(z.string())) })),
  complete: z.boolean(),
  why: z.optional(z.string()),
});

function instantOrNull(text: string | null): number | null | undefined {
  if (text === null) return null;
  return parseZonedTimestamp(text)?.epochMs;
}

/** The recorded windows; a malformed entry is left out with a note (its stream then reads as unrecorded). */
function readCoverage(value: unknown, notes: string[]): Coverage[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    notes.push('meta.json: coverage is not a list; ignored');
    return undefined;
  }
  const out: Coverage[] = [];
  value.forEach((entry, i) => {
    const parsed = CoverageSchema.safeParse(entry);
    const fromMs = parsed.success ? instantOrNull(parsed.data.from) : undefined;
    const untilMs = parsed.success ? instantOrNull(parsed.data.until) : undefined;
    if (!parsed.success || fromMs === undefined || untilMs === undefined) {
      notes.push(`meta.json: coverage[${i}] is not a valid coverage entry; ignored`);
      return;
    }
    const { from: _from, until: _until, file, filter, why, ...rest } = parsed.data;
    const cleanFilter = filter ? { ...(filter.users ? { users: filter.users } : {}), ...(filter.devices ? { devices: filter.devices } : {}) } : undefined;
    out.push({ ...rest, fromMs, untilMs, ...(file !== undefined ? { file } : {}), ...(cleanFilter ? { filter: cleanFilter } : {}), ...(why !== undefined ? { why } : {}) });
  });
  return out;
}

/** Coverage as meta.json keeps it: times as ISO 8601 UTC text, like every other time in the bundle. */
export function coverageForMeta(coverage: readonly Coverage[]): Record<string, unknown>[] {
  return coverage.map(({ fromMs, untilMs, ...rest }) => ({
    ...rest,
    from: fromMs === null ? null : formatIsoUtc(fromMs),
    until: untilMs === null ? null : formatIsoUtc(untilMs),
  }));
}

const text = z.string().check(z.maxLength(400));
const ResolutionSchema = z.object({
  given: z.record(z.string().check(z.maxLength(40)), text),
  outcome: z.enum(['one', 'several', 'none', 'unresolved']),
  answers: z.array(z.object({ system: text, asked: z.array(text).check(z.maxLength(20)), outcome: z.enum(['found', 'none', 'error']), said: text })).check(z.maxLength(10)),
  identity: z.optional(z.array(z.object({ field: z.string().check(z.maxLength(40)), value: text, from: z.array(text).check(z.maxLength(10)) })).check(z.maxLength(50))),
  disagreements: z.optional(z.array(text).check(z.maxLength(10))),
});

/** `resolution` (written by collect: how the Mac was found) as note lines; a malformed one is ignored with a note. */
function resolutionOf(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null || !('resolution' in doc)) return [];
  const parsed = ResolutionSchema.safeParse((doc as { resolution: unknown }).resolution);
  if (!parsed.success) return [`meta.json: resolution: ${parsed.error.issues[0]?.message ?? 'invalid'}; ignored`];
  return resolutionNotes(parsed.data);
}

/**
 * Reads meta.json into the parse context. Every field is optional; a field that is present but wrong
 * is ignored with a note rather than failing the bundle, because the evidence files still stand.
 */
export interface BundleMeta {
  ctx: ParseContext;
  notes: string[];
  /** What `collect` recorded of each stream's read; undefined in bundles written before it did. */
  coverage: Coverage[] | undefined;
}

export async function readBundleMeta(path: string | undefined): Promise<BundleMeta> {
  const notes: string[] = [];
  if (!path) return { ctx: EMPTY_CONTEXT, notes, coverage: undefined };
  let doc: unknown;
  try {
    doc = await readJsonDocument(path);
  } catch (error) {
    const reason = describeReadFailure(error);
    if (reason === undefined) throw error;
    return { ctx: EMPTY_CONTEXT, notes: [`meta.json: ${reason}; ignored`], coverage: undefined };
  }
  const parsed = MetaSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'document';
    return { ctx: EMPTY_CONTEXT, notes: [`meta.json: ${field}: ${issue?.message ?? 'invalid'}; ignored`], coverage: undefined };
  }
  const meta = parsed.data;
  let collectedAtMs: number | undefined;
  if (meta.collectedAt !== undefined) {
    const instant = parseZonedTimestamp(meta.collectedAt);
    if (instant) collectedAtMs = instant.epochMs;
    else notes.push(`meta.json: collectedAt ${JSON.stringify(meta.collectedAt)} is not an ISO 8601 UTC time; ignored`);
  }
  let deviceTimeZone = meta.deviceTimeZone;
  if (deviceTimeZone !== undefined && !isValidTimeZone(deviceTimeZone)) {
    notes.push(`meta.json: deviceTimeZone ${JSON.stringify(deviceTimeZone)} is not an IANA time zone; ignored`);
    deviceTimeZone = undefined;
  }
  return {
    ctx: { serial: meta.serial, hostname: meta.hostname, user: meta.user, collectedAtMs, deviceTimeZone },
    notes: [...resolutionOf(doc), ...notes],
    coverage: readCoverage(meta.coverage, notes),
  };
}
