/**
 * Pack patterns run over every event summary, so one must not be able to hang the engine. JavaScript
 * regular expressions backtrack; the patterns that backtrack catastrophically repeat something that can
 * itself match in several ways. This check refuses, at load time: a repeated group that contains a
 * repetition or an alternation (`(a+)+`, `(a|ab)*`, `(x*y?){2,}`), backreferences and lookaround (not
 * in RE2 either). What remains runs in polynomial time over the bounded one-line summaries.
 */

interface Group {
  repeats: boolean;
  alternates: boolean;
}

/** Why a pattern is refused, or undefined when it is safe. */
export function unsafePatternReason(source: string): string | undefined {
  try {
    new RegExp(source, 'i');
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
  const stack: Group[] = [{ repeats: false, alternates: false }];
  let closed: Group | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    const top = stack[stack.length - 1]!;
    const repetition = quantifierAt(source, i);
    if (repetition !== undefined) {
      if (repetition.repeats) {
        if (closed && (closed.repeats || closed.alternates)) {
          return 'a repeated group contains a repetition or an alternation, which can backtrack catastrophically';
        }
        top.repeats = true;
      }
      i += repetition.length - 1;
      closed = undefined;
      continue;
    }
    closed = undefined;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not allowed';
      i++;
    } else if (c === '[') {
      i = classEnd(source, i);
    } else if (c === '(') {
      if (/^\(\?<?[=!]/.test(source.slice(i, i + 4))) return 'lookahead and lookbehind are not allowed';
      stack.push({ repeats: false, alternates: false });
    } else if (c === ')') {
      const group = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      parent.repeats ||= group.repeats;
      parent.alternates ||= group.alternates;
      closed = group;
    } else if (c === '|') {
      top.alternates = true;
    }
  }
  return undefined;
}

/** The quantifier starting at i, if any: whether it repeats (`*`, `+`, `{n,}`, `{n,m}` with m > 1) and its length. */
function quantifierAt(source: string, i: number): { repeats: boolean; length: number } | undefined {
  const c = source[i];
  const lazy = (n: number) => (source[i + n] === '?' ? n + 1 : n);
  if (c === '*' || c === '+') return { repeats: true, length: lazy(1) };
  if (c === '?') return { repeats: false, length: 1 };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (!m) return undefined;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return { repeats: max > 1, length: lazy(m[0].length) };
}

function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return source.length;
}
