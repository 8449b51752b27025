/** Remembers the last call: the same arguments (by identity) give the same result without recomputing. */
export function memoLast<Args extends readonly unknown[], R>(fn: (...args: Args) => R): (...args: Args) => R {
  let last: { args: Args; value: R } | undefined;
  return (...args: Args): R => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i]))) return last.value;
    const value = fn(...args);
    last = { args, value };
    return value;
  };
}
