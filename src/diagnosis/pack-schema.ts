import * as z from '../config/zod.js';
import { DURATION_PATTERN } from '../time/duration.js';

/**
 * Diagnosis pack format v2 (YAML or JSON). A pack declares findings (what the evidence shows, each
 * evaluated once and shared), causes (a prior and, per finding, the probability the cause produces it)
 * and steps (what the engineer or trustline can do next). See README, "Writing a diagnosis pack".
 */

export const ENGINE_VERSION = 2;

const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]*$/, 'lowercase letters, digits, dots and dashes'));
const nonEmpty = z.string().check(z.minLength(1));
const oneOrMany = z.union([nonEmpty, z.array(nonEmpty).check(z.minLength(1))]);
const probability = z.number().check(z.gte(0), z.lte(1));
const duration = z.string().check(z.regex(DURATION_PATTERN, 'a duration such as 30s, 5m, 2h'));
const scalar = z.union([z.string(), z.number(), z.boolean()]);

export function asList(value: string | readonly string[] | undefined): readonly string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** A field condition: one value, a list of accepted values (an entry may be `@list`), or a pattern. */
const fieldCondition = z.union([scalar, z.array(scalar).check(z.minLength(1)), z.strictObject({ re: nonEmpty })]);

/** Which events a finding looks at; every given condition must hold. */
export const MatcherSchema = z.strictObject({
  /** A role (`mdm`, `idp`, `endpoint`) or a registered adapter's id, or several. */
  source: z.optional(oneOrMany),
  /** Kind patterns matched against the vendor kind or the generic kind; `prefix*` and `@list` allowed. */
  kind: z.optional(oneOrMany),
  severity: z.optional(z.union([z.enum(['info', 'warn', 'error']), z.array(z.enum(['info', 'warn', 'error'])).check(z.minLength(1))])),
  fields: z.optional(z.record(z.string(), fieldCondition)),
  /** Case-insensitive pattern over the event summary. */
  text: z.optional(nonEmpty),
  /** Only events about this device or its user (the Mac's own log always is). */
  mine: z.optional(z.boolean()),
});

export const FactTestSchema = z.strictObject({
  name: nonEmpty,
  /** Argument for facts that take one (a profile-name pattern). */
  arg: z.optional(nonEmpty),
  is: z.optional(z.union([z.boolean(), z.string()])),
  gt: z.optional(z.number()),
  lt: z.optional(z.number()),
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
    why: nonEmpty,
    /** Shown when the finding is refuted; default: "Not so: <why>". */
    whyNot: z.optional(nonEmpty),
    /** How often the finding is present with none of the listed causes. */
    leak: z.number().check(z.gt(0), z.lt(1)),
    match: z.optional(MatcherSchema),
    absent: z.optional(MatcherSchema),
    fact: z.optional(FactTestSchema),
    /** `match` only: present when at least this many events match. */
    count: z.optional(z.int().check(z.gte(2))),
    near: z.optional(id),
    before: z.optional(id),
    after: z.optional(id),
    within: z.optional(duration),
  })
  .check(z.superRefine((f, ctx) => {
    const forms = [f.match, f.absent, f.fact].filter((x) => x !== undefined).length;
    if (forms !== 1) ctx.addIssue({ code: 'custom', message: 'a finding needs exactly one of match, absent or fact' });
    const relations = [f.near, f.before, f.after].filter((x) => x !== undefined).length;
    if (relations > 1) ctx.addIssue({ code: 'custom', message: 'a finding takes at most one of near, before or after' });
    if (f.fact !== undefined && (relations > 0 || f.within !== undefined || f.count !== undefined)) {
      ctx.addIssue({ code: 'custom', message: 'near, before, after, within and count apply to match and absent findings only' });
    }
    if (f.absent !== undefined && f.count !== undefined) ctx.addIssue({ code: 'custom', path: ['count'], message: 'count applies to match findings only' });
  }));

export const CauseSchema = z.strictObject({
  id,
  title: nonEmpty,
  explanation: nonEmpty,
  /** Probability of the cause before any evidence, in a Mac sign-in incident. */
  prior: z.number().check(z.gt(0), z.lt(1)),
  /** Finding id → probability that this cause, alone, makes the finding present. */
  produces: z.record(id, probability).check(z.refine((r) => Object.keys(r).length > 0, { message: 'a cause must produce at least one finding' })),
  /** Findings that make this cause logically impossible when present (not merely unlikely). */
  excludedBy: z._default(z.array(id), []),
  /**
   * Its premises: findings it produces that state what the cause is (the identity provider sees the Mac unmanaged, no
   * certificate in the keychain). It is not `likely` until each has been looked at and found present.
   */
  requires: z._default(z.array(id), []),
  /** Step ids of its runbook, in the order shown. */
  steps: z.array(id).check(z.minLength(1)),
  /** The step to take once the cause is likely: the one that confirms or fixes it. */
  remedy: id,
});

export const StepSchema = z
  .strictObject({
    id,
    title: nonEmpty,
    /** What the step checks or does, in plain words. */
    checks: nonEmpty,
    /** A read-only probe trustline runs on the Mac over SSH (needs a reachable Mac). */
    probe: z.optional(z.string()),
    /** Or a command for the engineer or admin to run. */
    command: z.optional(z.string()),
    /** Or a path in an admin console (always possible). */
    console: z.optional(z.string()),
    confirms: nonEmpty,
    refutes: nonEmpty,
    /** What to expect afterwards, for a step that fixes a cause. */
    expect: z.optional(nonEmpty),
    /** Findings whose value this step settles (chosen by the information it is expected to give). */
    settles: z._default(z.array(id), []),
    /** Relative effort: default 1 for a probe, 2 for a console path, 3 for a command. */
    cost: z.optional(z.number().check(z.positive())),
  })
  .check(
    z.refine((s) => [s.probe, s.command, s.console].filter((x) => x !== undefined).length === 1, {
      message: 'a step needs exactly one of probe, command or console',
    }),
  );

export const ThresholdsSchema = z.strictObject({
  /** A cause is likely at or above this posterior… */
  likely: probability,
  /** …and at least this many times the posterior of the next cause. */
  margin: z.number().check(z.gte(1)),
  /** A cause below this posterior is ruled out (verdict `unlikely`). */
  ruledOut: probability,
  /**
   * A cause is likely only while the chance that one finding not yet looked at turns out the way that
   * would overturn it stays at or below this (default 0.2: the
   * tolerance `likely: 0.8` already accepts).
   */
  reversal: z.optional(probability),
});

export const PackSchema = z.strictObject({
  /** The diagnosis engine the pack is written for. */
  engine: z.literal(ENGINE_VERSION),
  /** Default `within` for this pack's own findings. */
  window: z.optional(duration),
  thresholds: z.optional(ThresholdsSchema),
  /** Named lists of strings, used as `@name` in kind patterns and field values. */
  lists: z._default(z.record(id, z.array(scalar).check(z.minLength(1))), {}),
  findings: z._default(z.array(FindingSchema), []),
  causes: z._default(z.array(CauseSchema), []),
  steps: z._default(z.array(StepSchema), []),
});

export type Matcher = z.infer<typeof MatcherSchema>;
export type FactTest = z.infer<typeof FactTestSchema>;
export type FindingDef = z.infer<typeof FindingSchema>;
export type CauseDef = z.infer<typeof CauseSchema>;
export type StepDef = z.infer<typeof StepSchema>;
export type Thresholds = z.infer<typeof ThresholdsSchema>;
export type PackV2 = z.infer<typeof PackSchema>;
