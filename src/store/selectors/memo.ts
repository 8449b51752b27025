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

/**
 * memoLast per object, held weakly: the last result for each list (say), so going back to a list seen
 * before (a filter toggled off again) costs nothing.
 */
export function memoPer<K extends object, Args extends readonly unknown[], R>(fn: (key: K, ...args: Args) => R): (key: K, ...args: Args) => R {
  const byKey = new WeakMap<K, (...args: Args) => R>();
  return (key: K, ...args: Args): R => {
    let remembered = byKey.get(key);
    if (remembered === undefined) {
      remembered = memoLast((...rest: Args) => fn(key, ...rest));
      byKey.set(key, remembered);
    }
    return remembered(...args);
  };
}
