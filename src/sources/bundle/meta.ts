import { z } from 'zod';
import { resolutionNotes } from '../../core/identity-text.js';
import { describeReadFailure, readJsonDocument } from '../../io/json-file.js';
import { EMPTY_CONTEXT, type ParseContext } from '../../model/context.js';
import { parseZonedTimestamp } from '../../time/timestamp.js';
import { isValidTimeZone } from '../../time/zone.js';

const optionalText = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .nullable()
  .transform((s) => (s ? s : undefined));

const MetaSchema = z.object({
  serial: optionalText,
  hostname: optionalText,
  user: optionalText,
  collectedAt: optionalText,
  deviceTimeZone: optionalText,
});

const text = z.string().max(400);
const ResolutionSchema = z.object({
  given: z.record(z.string().max(40), text),
  outcome: z.enum(['one', 'several', 'none', 'unresolved']),
  answers: z.array(z.object({ system: text, asked: z.array(text).max(20), outcome: z.enum(['found', 'none', 'error']), said: text })).max(10),
  identity: z.array(z.object({ field: z.string().max(40), value: text, from: z.array(text).max(10) })).max(50).optional(),
  disagreements: z.array(text).max(10).optional(),
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
export async function readBundleMeta(path: string | undefined): Promise<{ ctx: ParseContext; notes: string[] }> {
  const notes: string[] = [];
  if (!path) return { ctx: EMPTY_CONTEXT, notes };
  let doc: unknown;
  try {
    doc = await readJsonDocument(path);
  } catch (error) {
    const reason = describeReadFailure(error);
    if (reason === undefined) throw error;
    return { ctx: EMPTY_CONTEXT, notes: [`meta.json: ${reason}; ignored`] };
  }
  const parsed = MetaSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'document';
    return { ctx: EMPTY_CONTEXT, notes: [`meta.json: ${field}: ${issue?.message ?? 'invalid'}; ignored`] };
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
  };
}
