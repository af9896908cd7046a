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
  const unknown = (value: string | number) => typeof value === 'number' && Number.isNaN(value);
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    // Unknown (NaN) values go last in both directions: "largest first" must not start with "—".
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
