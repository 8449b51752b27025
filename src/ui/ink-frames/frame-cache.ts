/**
 * A pure function's results kept across frames: two generations of at most `limit` entries each, so
 * memory stays bounded (a line's cells are ~10 KB at 200 columns; a 200x60 frame writes a few hundred
 * lines) while what the last frames used stays found.
 */
export function frameCache<K, V>(compute: (key: K) => V, limit = 2000): (key: K) => V {
  let now = new Map<K, V>();
  let before = new Map<K, V>();
  return (key) => {
    let value = now.get(key);
    if (value !== undefined) return value;
    value = before.get(key);
    if (value === undefined) value = compute(key);
    now.set(key, value);
    if (now.size > limit) {
      before = now;
      now = new Map();
    }
    return value;
  };
}
