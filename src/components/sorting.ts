import { useCallback, useState } from 'react';

export type SortDirection = 'ascending' | 'descending';

/** A column and a direction; `direction` names match `aria-sort`. */
export interface SortState<K extends string = string> {
  column: K;
  direction: SortDirection;
}

/**
 * Sort state for a table: clicking a new column sorts it in that column's natural direction
 * (names A→Z, numbers largest first), clicking the same column again flips it.
 */
export function useSort<K extends string>(
  initial: SortState<K>,
  naturalDirection: (column: K) => SortDirection,
) {
  const [sort, setSort] = useState(initial);
  const toggle = useCallback(
    (column: K) =>
      setSort((current) =>
        current.column === column
          ? { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
          : { column, direction: naturalDirection(column) },
      ),
    [naturalDirection],
  );
  return [sort, toggle] as const;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Compares two cell values: strings by locale with numeric parts in order, numbers numerically. */
export function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') {
    // NaN (unknown) sorts after every number in both directions would need the direction; keep it last here.
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a - b;
  }
  return collator.compare(String(a), String(b));
}

/**
 * Collation rank of every name sorted so far: names the collator holds equal share a rank, so comparing
 * two ranks answers as `compareValues` on the names would. Kept across sorts: a table sorts the same
 * names on every tick, and ranking them costs about one sort by name.
 */
let nameRanks = new Map<string, number>();
/** The names of {@link nameRanks} in collation order. */
let rankedNames: string[] = [];
/** More names than this, and the ranking starts again from the names being sorted. */
const MAX_RANKED_NAMES = 100_000;

/** {@link nameRanks}, with the names of `names` it did not know ranked in. */
function ranksFor(names: readonly string[]): ReadonlyMap<string, number> {
  const fresh = new Set<string>();
  for (let i = 0; i < names.length; i++) if (!nameRanks.has(names[i])) fresh.add(names[i]);
  if (fresh.size === 0) return nameRanks;
  if (rankedNames.length + fresh.size > MAX_RANKED_NAMES) {
    rankedNames = [...new Set(names)].sort(collator.compare);
  } else if (fresh.size > 64) {
    rankedNames = [...rankedNames, ...fresh].sort(collator.compare);
  } else {
    // A few new names (a group appeared): each goes in its place, without sorting every name again.
    for (const name of fresh) rankedNames.splice(insertionPoint(rankedNames, name), 0, name);
  }
  const ranks = new Map<string, number>();
  let rank = 0;
  for (let i = 0; i < rankedNames.length; i++) {
    if (i > 0 && collator.compare(rankedNames[i - 1], rankedNames[i]) !== 0) rank++;
    ranks.set(rankedNames[i], rank);
  }
  nameRanks = ranks;
  return ranks;
}

/** Where `name` goes in `sorted` (in collation order), after the names equal to it. */
function insertionPoint(sorted: readonly string[], name: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (collator.compare(sorted[middle], name) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * `values` as numbers that order as {@link compareValues} orders them: the values themselves when all
 * are numbers, their collation ranks when all are strings; null when they are mixed.
 */
function comparable(values: ReadonlyArray<string | number>): Float64Array | null {
  const order = new Float64Array(values.length);
  if (values.every((v) => typeof v === 'number')) {
    for (let i = 0; i < values.length; i++) order[i] = values[i] as number;
    return order;
  }
  if (!values.every((v) => typeof v === 'string')) return null;
  const ranks = ranksFor(values as string[]);
  for (let i = 0; i < values.length; i++) order[i] = ranks.get(values[i] as string)!;
  return order;
}

/**
 * Sorts a copy of `items` by `key`, unknown (NaN) keys last, ties broken by `name` so the order never
 * depends on input order.
 */
export function sortBy<T>(
  items: readonly T[],
  key: (item: T) => string | number,
  name: (item: T) => string | number,
  direction: SortDirection,
): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const keys = comparable(items.map(key));
  const names = keys === null ? null : comparable(items.map(name));
  if (keys === null || names === null) return sortByValues(items, key, name, sign);
  // Each item's key and name are read once, and the sort compares numbers only.
  const indices = Array.from(items, (_, i) => i);
  indices.sort((a, b) => {
    const ka = keys[a];
    const kb = keys[b];
    // Unknown (NaN) values go last in both directions: "largest first" must not start with "—".
    const unknownA = ka !== ka;
    if (unknownA !== (kb !== kb)) return unknownA ? 1 : -1;
    const byKey = sign * (ka - kb); // NaN for two unknowns or two equal infinities: a tie
    if (byKey > 0 || byKey < 0) return byKey;
    const byName = compareValues(names[a], names[b]);
    return byName !== 0 ? byName : a - b;
  });
  return indices.map((i) => items[i]);
}

/** {@link sortBy} comparing the values as given, for keys or names of mixed types. */
function sortByValues<T>(
  items: readonly T[],
  key: (item: T) => string | number,
  name: (item: T) => string | number,
  sign: number,
): T[] {
  const unknown = (value: string | number) => typeof value === 'number' && Number.isNaN(value);
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (unknown(ka) !== unknown(kb)) return unknown(ka) ? 1 : -1;
    return sign * compareValues(ka, kb) || compareValues(name(a), name(b));
  });
}

/** Case-insensitive substring match; an empty query matches everything. */
export function matches(text: string, query: string): boolean {
  return query === '' || text.toLocaleLowerCase().includes(query);
}

/** Normalizes what the user typed into a filter box. */
export function normalizeQuery(query: string): string {
  return query.trim().toLocaleLowerCase();
}
