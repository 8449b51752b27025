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

/**
 * A value folded over a list that only grows at its end (the console's timeline, src/store/timeline-log.ts):
 * a call folds in only the items the list gained since the last call with the same list and key. Another
 * key, or a list that got shorter, starts again. The state is the fold's own: callers read it, never keep it.
 */
export function foldGrowing<T, K, S>(start: (key: K) => S, add: (state: S, item: T, index: number) => void): (list: readonly T[], key: K) => S {
  const byList = new WeakMap<readonly T[], { key: K; length: number; state: S }>();
  return (list, key) => {
    let fold = byList.get(list);
    if (fold === undefined || !Object.is(fold.key, key) || fold.length > list.length) {
      fold = { key, length: 0, state: start(key) };
      byList.set(list, fold);
    }
    for (let i = fold.length; i < list.length; i++) add(fold.state, list[i]!, i);
    fold.length = list.length;
    return fold.state;
  };
}
