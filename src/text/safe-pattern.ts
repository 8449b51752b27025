/**
 * A guard for regular expressions written by people outside the team (organisation packs): refuses the
 * shapes that make a backtracking engine take exponential time, before the pattern is ever run.
 * `(a+)+$` against forty `a`s and a `!` runs for hours; no pattern an engineer needs for matching log
 * summaries has these shapes.
 *
 * Refused: a repeated group whose body repeats too (`(a+)+`, `(a*)*`, `(\w+\s?)*`, `(a{1,9}){2,}`);
 * a repeated group whose alternatives can match the same text (`(a|a)*`, `(a|ab)+`, `(|a)+`);
 * backreferences (`\1`, `\k<name>`), which no linear bound holds for; and patterns longer than
 * MAX_PATTERN_CHARS. Nothing else is changed: an accepted pattern means what it says.
 */

export const MAX_PATTERN_CHARS = 1000;

export class PatternRefused extends Error {}

interface Frame {
  /** Where the group opened, for the message. */
  start: number;
  /** Something inside repeats (a quantifier whose maximum is above one). */
  repeats: boolean;
  /** Raw text of each alternative, for the overlap check. */
  alternatives: string[];
  altStart: number;
}

interface Quantifier {
  length: number;
  /** The most times the atom may match; Infinity for `*`, `+`, `{n,}`. */
  max: number;
}

function quantifierAt(source: string, i: number): Quantifier | undefined {
  const c = source[i];
  let q: Quantifier | undefined;
  if (c === '*' || c === '+') q = { length: 1, max: Infinity };
  else if (c === '?') q = { length: 1, max: 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (m) q = { length: m[0].length, max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
  }
  if (q && source[i + q.length] === '?') q.length++;
  return q;
}

/** Index just past a character class starting at `i` (`[`). */
function classEnd(source: string, i: number): number {
  let j = i + 1;
  if (source[j] === '^') j++;
  if (source[j] === ']') j++;
  while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Index just past an escape starting at `i` (`\`); throws on a backreference. */
function escapeEnd(source: string, i: number): number {
  const c = source[i + 1];
  if (c !== undefined && /[1-9]/.test(c)) throw new PatternRefused(`backreference at column ${i + 1}`);
  if (c === 'k' && source[i + 2] === '<') throw new PatternRefused(`backreference at column ${i + 1}`);
  if ((c === 'p' || c === 'P' || c === 'u') && source[i + 2] === '{') return source.indexOf('}', i) + 1 || source.length;
  if (c === 'u') return i + 6;
  if (c === 'x') return i + 4;
  if (c === 'c') return i + 3;
  return i + 2;
}

/** Two alternatives a repeat could split the same text between: equal, empty, or one a literal prefix of the other. */
function overlapping(alternatives: string[]): boolean {
  const literal = (s: string): boolean => !/[\\[\](){}.*+?|^$]/.test(s);
  for (let a = 0; a < alternatives.length; a++) {
    const x = alternatives[a]!;
    if (x === '') return true;
    for (let b = a + 1; b < alternatives.length; b++) {
      const y = alternatives[b]!;
      if (x === y) return true;
      if (literal(x) && literal(y) && (x.toLowerCase().startsWith(y.toLowerCase()) || y.toLowerCase().startsWith(x.toLowerCase()))) return true;
    }
  }
  return false;
}

/**
 * Why `source` is refused, or undefined when it is safe to run. Syntax errors are left to `new RegExp`
 * (call it after this).
 */
export function patternProblem(source: string): string | undefined {
  if (source.length > MAX_PATTERN_CHARS) return `longer than ${MAX_PATTERN_CHARS} characters`;
  try {
    scan(source);
    return undefined;
  } catch (error) {
    if (error instanceof PatternRefused) return error.message;
    throw error;
  }
}

function scan(source: string): void {
  const stack: Frame[] = [{ start: 0, repeats: false, alternatives: [], altStart: 0 }];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const frame = stack[stack.length - 1]!;
    let atomEnd: number;
    let closed: Frame | undefined;
    if (c === '(') {
      let body = i + 1;
      if (source[body] === '?') {
        const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(body));
        body += m ? m[0].length : 1;
      }
      stack.push({ start: i, repeats: false, alternatives: [], altStart: body });
      i = body;
      continue;
    } else if (c === '|') {
      frame.alternatives.push(source.slice(frame.altStart, i));
      frame.altStart = i + 1;
      i++;
      continue;
    } else if (c === ')') {
      if (stack.length === 1) return; // unbalanced: new RegExp will say so
      closed = stack.pop()!;
      closed.alternatives.push(source.slice(closed.altStart, i));
      atomEnd = i + 1;
    } else if (c === '[') {
      atomEnd = classEnd(source, i);
    } else if (c === '\\') {
      atomEnd = escapeEnd(source, i);
    } else {
      atomEnd = i + 1;
    }
    const q = quantifierAt(source, atomEnd);
    const parent = stack[stack.length - 1]!;
    if (closed) {
      // A group's repeating body makes its parent repeat too, quantified or not.
      if (closed.repeats) parent.repeats = true;
      if (q && q.max > 1) {
        if (closed.repeats) throw new PatternRefused(`nested repetition: the group at column ${closed.start + 1} repeats and repeats inside`);
        if (closed.alternatives.length > 1 && overlapping(closed.alternatives)) {
          throw new PatternRefused(`the repeated group at column ${closed.start + 1} has alternatives that match the same text`);
        }
      }
    }
    if (q && q.max > 1) parent.repeats = true;
    i = atomEnd + (q?.length ?? 0);
  }
}

/** A RegExp for a pattern from outside, or PatternRefused (one line) when its shape could hang the engine. */
export function safeRegExp(source: string, flags = ''): RegExp {
  const problem = patternProblem(source);
  if (problem !== undefined) throw new PatternRefused(`pattern refused: ${problem}`);
  return new RegExp(source, flags);
}
