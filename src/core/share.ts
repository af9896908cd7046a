/**
 * Helpers of structural sharing between consecutive samples: a part equal in value to the previous
 * sample's keeps the previous object, so identity-based memoisation skips what did not change.
 */

/** `before` when it holds the same values as `now` under the same keys, else `now`. */
export function keepIfEqual<T extends object>(before: T | undefined, now: T): T {
  if (before === undefined) return now;
  for (const key in now) if (before[key] !== now[key]) return now;
  return before;
}

/**
 * The row of `rows` (sorted by `keyOf`, keys unique) whose key is `key`, or undefined. Consecutive
 * samples usually list the same keys, so the row at `hint` is tried before a binary search.
 */
export function rowWithKey<T, K extends string | number>(
  rows: readonly T[],
  hint: number,
  key: K,
  keyOf: (row: T) => K,
): T | undefined {
  if (hint < rows.length && keyOf(rows[hint]) === key) return rows[hint];
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = keyOf(rows[middle]);
    if (found === key) return rows[middle];
    if (found < key) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
