import { z } from 'zod';
import { patternProblem } from '../text/safe-pattern.js';
import { DURATION_PATTERN } from '../time/duration.js';
import { FACT_NAMES } from './facts.js';

/**
 * The hypothesis pack format (YAML or JSON). A pack lists hypotheses; each has evidence signatures
 * that support it, contradicting signatures, and runbook steps. See README, "Writing a hypothesis pack".
 */

const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
type OneOrMany = z.infer<typeof oneOrMany>;

export function asList(value: OneOrMany | undefined): string[] | undefined {
  return value === undefined ? undefined : Array.isArray(value) ? value : [value];
}

const regex = z
  .string()
  .min(1)
  .refine(
    (pattern) => {
      try {
        new RegExp(pattern, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  )
  // A pattern that could backtrack for hours is refused at load, never run.
  .superRefine((pattern, ctx) => {
    const problem = patternProblem(pattern);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `pattern refused: ${problem}` });
  });

/** A field condition: one value, a list of accepted values, or a pattern. */
const fieldCondition = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  z.strictObject({ re: regex }),
]);

/** Which events a signature looks at; every given condition must hold. */
export const EventMatcherSchema = z.strictObject({
  source: z.enum(['jamf', 'okta', 'device']).optional(),
  /** Exact kinds, or prefixes ending in `*` ("okta.*"). */
  kind: oneOrMany.optional(),
  severity: z.union([z.enum(['info', 'warn', 'error']), z.array(z.enum(['info', 'warn', 'error'])).min(1)]).optional(),
  fields: z.record(z.string(), fieldCondition).optional(),
  /** Case-insensitive pattern over the event summary. */
  text: regex.optional(),
  /** Only events whose keys name this device or its user (sources may carry other users' events). */
  mine: z.boolean().optional(),
});

const duration = z.string().regex(DURATION_PATTERN, 'a duration such as 30s, 5m, 2h');

const factCondition = z.strictObject({
  name: z.enum(FACT_NAMES),
  /** Extra argument for facts that take one (a profile-name pattern). */
  arg: regex.optional(),
  is: z.union([z.boolean(), z.string()]).optional(),
  gt: z.number().optional(),
  lt: z.number().optional(),
});

/**
 * A signature is one of: `match` (some event matches), `absent` (no event matches around `near`'s
 * events) or `fact` (a derived fact compares true). One object rather than a union, so validation
 * errors point at the exact field.
 */
const signatureShape = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  weight: z.number().min(0).max(1),
  /** Plain-language reason shown next to the evidence. */
  why: z.string().min(1),
  match: EventMatcherSchema.optional(),
  absent: EventMatcherSchema.optional(),
  fact: factCondition.optional(),
  /** Only events within the correlation window of an event matched by this other signature. */
  near: z.string().optional(),
  window: duration.optional(),
};

function checkSignature(s: { match?: unknown; absent?: unknown; fact?: unknown; near?: string | undefined; window?: string | undefined }, ctx: z.RefinementCtx): void {
  const kinds = [s.match, s.absent, s.fact].filter((x) => x !== undefined).length;
  if (kinds !== 1) ctx.addIssue({ code: 'custom', message: 'a signature needs exactly one of match, absent or fact' });
  if (s.fact !== undefined && (s.near !== undefined || s.window !== undefined)) {
    ctx.addIssue({ code: 'custom', message: 'near and window apply to match and absent signatures only' });
  }
}

export const EvidenceSchema = z.strictObject({ ...signatureShape, core: z.boolean().optional() }).superRefine(checkSignature);
export const ContradictionSchema = z.strictObject({ ...signatureShape, strong: z.boolean().optional() }).superRefine(checkSignature);

export const RunbookStepSchema = z
  .strictObject({
    title: z.string().min(1),
    /** What the step checks, in plain words. */
    checks: z.string().min(1),
    /** A read-only probe trustline can run on the Mac over SSH. */
    probe: z.string().optional(),
    /** Or a command for the engineer or admin to run. */
    command: z.string().optional(),
    /** Or a path in an admin console. */
    console: z.string().optional(),
    confirms: z.string().min(1),
    refutes: z.string().min(1),
    /** Signature ids whose evidence this step produces (so it is chosen when they are unknown). */
    produces: z.array(z.string()).default([]),
  })
  .refine((s) => [s.probe, s.command, s.console].filter(Boolean).length === 1, {
    message: 'a step needs exactly one of probe, command or console',
  });

export const HypothesisSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  title: z.string().min(1),
  explanation: z.string().min(1),
  evidence: z.array(EvidenceSchema).min(1),
  contradictions: z.array(ContradictionSchema).default([]),
  runbook: z.array(RunbookStepSchema).min(1),
});

export const PackSchema = z.strictObject({
  /** Default correlation window for `near`, e.g. 30s. */
  window: duration.optional(),
  hypotheses: z.array(HypothesisSchema).min(1),
});

export type EventMatcher = z.infer<typeof EventMatcherSchema>;
export type EvidenceSignature = z.infer<typeof EvidenceSchema>;
export type ContradictionSignature = z.infer<typeof ContradictionSchema>;
export type Signature = EvidenceSignature | ContradictionSignature;
export type RunbookStep = z.infer<typeof RunbookStepSchema>;
export type HypothesisDefinition = z.infer<typeof HypothesisSchema>;
export type Pack = z.infer<typeof PackSchema>;
