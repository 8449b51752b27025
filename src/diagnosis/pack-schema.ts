import { z } from 'zod';
import { DURATION_PATTERN } from '../time/duration.js';

/**
 * Diagnosis pack format v2 (YAML or JSON). A pack declares findings (what the evidence shows, each
 * evaluated once and shared), causes (a prior and, per finding, the probability the cause produces it)
 * and steps (what the engineer or trustline can do next). See README, "Writing a diagnosis pack".
 */

export const ENGINE_VERSION = 2;

const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'lowercase letters, digits, dots and dashes');
const oneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const probability = z.number().min(0).max(1);
const duration = z.string().regex(DURATION_PATTERN, 'a duration such as 30s, 5m, 2h');
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export function asList(value: string | readonly string[] | undefined): readonly string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** A field condition: one value, a list of accepted values (an entry may be `@list`), or a pattern. */
const fieldCondition = z.union([scalar, z.array(scalar).min(1), z.strictObject({ re: z.string().min(1) })]);

/** Which events a finding looks at; every given condition must hold. */
export const MatcherSchema = z.strictObject({
  /** A role (`mdm`, `idp`, `endpoint`) or a registered adapter id, or several. */
  source: oneOrMany.optional(),
  /** Kind patterns matched against the vendor kind or the generic kind; `prefix*` and `@list` allowed. */
  kind: oneOrMany.optional(),
  severity: z.union([z.enum(['info', 'warn', 'error']), z.array(z.enum(['info', 'warn', 'error'])).min(1)]).optional(),
  fields: z.record(z.string(), fieldCondition).optional(),
  /** Case-insensitive pattern over the event summary. */
  text: z.string().min(1).optional(),
  /** Only events about this device or its user (the Mac's own log always is). */
  mine: z.boolean().optional(),
});

export const FactTestSchema = z.strictObject({
  name: z.string().min(1),
  /** Argument for facts that take one (a profile-name pattern). */
  arg: z.string().min(1).optional(),
  is: z.union([z.boolean(), z.string()]).optional(),
  gt: z.number().optional(),
  lt: z.number().optional(),
});

/**
 * A finding is exactly one of `match` (some event matches), `absent` (no event matches, judged
 * inside complete coverage) or `fact` (a derived fact compares true). `near`, `before` and `after`
 * relate it to another finding's events within `within` (default: the pack's `window`).
 */
export const FindingSchema = z
  .strictObject({
    id,
    /** Plain words for what the finding shows, as evidence lines. */
    why: z.string().min(1),
    /** Shown when the finding is refuted; default: "Not so: <why>". */
    whyNot: z.string().min(1).optional(),
    /** How often the finding is present with none of the listed causes. */
    leak: z.number().gt(0).lt(1),
    match: MatcherSchema.optional(),
    absent: MatcherSchema.optional(),
    fact: FactTestSchema.optional(),
    /** `match` only: present when at least this many events match. */
    count: z.number().int().min(2).optional(),
    near: id.optional(),
    before: id.optional(),
    after: id.optional(),
    within: duration.optional(),
  })
  .superRefine((f, ctx) => {
    const forms = [f.match, f.absent, f.fact].filter((x) => x !== undefined).length;
    if (forms !== 1) ctx.addIssue({ code: 'custom', message: 'a finding needs exactly one of match, absent or fact' });
    const relations = [f.near, f.before, f.after].filter((x) => x !== undefined).length;
    if (relations > 1) ctx.addIssue({ code: 'custom', message: 'a finding takes at most one of near, before or after' });
    if (f.fact !== undefined && (relations > 0 || f.within !== undefined || f.count !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'near, before, after, within and count apply to match and absent findings only' });
    }
    if (f.absent !== undefined && f.count !== undefined) ctx.addIssue({ code: 'custom', path: ['count'], message: 'count applies to match findings only' });
  });

export const CauseSchema = z.strictObject({
  id,
  title: z.string().min(1),
  explanation: z.string().min(1),
  /** Probability of the cause before any evidence, in a Mac sign-in incident. */
  prior: z.number().gt(0).lt(1),
  /** Finding id → probability that this cause, alone, makes the finding present. */
  produces: z.record(id, probability).refine((r) => Object.keys(r).length > 0, { message: 'a cause must produce at least one finding' }),
  /** Findings that make this cause logically impossible when present (not merely unlikely). */
  excludedBy: z.array(id).default([]),
  /** Step ids of its runbook, in the order shown. */
  steps: z.array(id).min(1),
  /** The step to take once the cause is likely: the one that confirms or fixes it. */
  remedy: id,
});

export const StepSchema = z
  .strictObject({
    id,
    title: z.string().min(1),
    /** What the step checks or does, in plain words. */
    checks: z.string().min(1),
    /** A read-only probe trustline runs on the Mac over SSH (needs a reachable Mac). */
    probe: z.string().optional(),
    /** Or a command for the engineer or admin to run. */
    command: z.string().optional(),
    /** Or a path in an admin console (always possible). */
    console: z.string().optional(),
    confirms: z.string().min(1),
    refutes: z.string().min(1),
    /** What to expect afterwards, for a step that fixes a cause. */
    expect: z.string().min(1).optional(),
    /** Findings whose value this step settles (chosen by the information it is expected to give). */
    settles: z.array(id).default([]),
    /** Relative effort: default 1 for a probe, 2 for a console path, 3 for a command. */
    cost: z.number().positive().optional(),
  })
  .refine((s) => [s.probe, s.command, s.console].filter((x) => x !== undefined).length === 1, {
    message: 'a step needs exactly one of probe, command or console',
  });

export const ThresholdsSchema = z.strictObject({
  /** A cause is likely at or above this posterior… */
  likely: probability,
  /** …and at least this many times the posterior of the next cause. */
  margin: z.number().min(1),
  /** A cause below this posterior is ruled out (verdict `unlikely`). */
  ruledOut: probability,
});

export const PackSchema = z.strictObject({
  /** The diagnosis engine the pack is written for. */
  engine: z.literal(ENGINE_VERSION),
  /** Default `within` for this pack's own findings. */
  window: duration.optional(),
  thresholds: ThresholdsSchema.optional(),
  /** Named lists of strings, used as `@name` in kind patterns and field values. */
  lists: z.record(id, z.array(scalar).min(1)).default({}),
  findings: z.array(FindingSchema).default([]),
  causes: z.array(CauseSchema).default([]),
  steps: z.array(StepSchema).default([]),
});

export type Matcher = z.infer<typeof MatcherSchema>;
export type FactTest = z.infer<typeof FactTestSchema>;
export type FindingDef = z.infer<typeof FindingSchema>;
export type CauseDef = z.infer<typeof CauseSchema>;
export type StepDef = z.infer<typeof StepSchema>;
export type Thresholds = z.infer<typeof ThresholdsSchema>;
export type PackV2 = z.infer<typeof PackSchema>;
