import { useCallback, useState } from 'react';
import type { FocusEvent } from 'react';

/** Rank of each row key in the order frozen when the pointer or focus entered the table. */
export type Ranks = ReadonlyMap<string, number>;

/**
 * Reorders `items` (already sorted) by their frozen rank: ranked items keep the order they had when the
 * hold began, items that appeared since follow them in their sorted order. Stable.
 */
export function holdOrder<T>(items: T[], keyOf: (item: T) => string, ranks: Ranks | null): T[] {
  if (ranks === null || ranks.size === 0) return items;
  const rank = (item: T) => ranks.get(keyOf(item)) ?? Infinity;
  return items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((a, b) => (a.rank === b.rank ? a.index - b.index : a.rank < b.rank ? -1 : 1))
    .map((entry) => entry.item);
}

interface Hold {
  /** What the order was held under: a new sort or filter chosen while holding re-sorts once. */
  basis: string;
  ranks: Map<string, number>;
}

export interface HeldOrder {
  /** Whether the order is held now (pointer or focus in the table). */
  held: boolean;
  /** Ranks to order by, null when not held. */
  ranks: Ranks | null;
  /** Spread onto the element the pointer and focus are tracked in. */
  handlers: {
    onPointerEnter: () => void;
    onPointerLeave: () => void;
    onFocus: () => void;
    onBlur: (event: FocusEvent<HTMLElement>) => void;
  };
  /**
   * Call during render with the keys as shown: records the ranks of keys seen for the first time in this
   * hold (new rows keep their place from then on). Cheap when nothing is new.
   */
  record: (keys: readonly string[]) => void;
}

/**
 * Keeps a table's row order still while the pointer is over it or focus is inside it, so a row does not
 * move away under the pointer as new metrics re-sort the table. `basis` names the sort and filter:
 * choosing another while holding applies it, then holds the new order.
 */
export function useHeldOrder(basis: string): HeldOrder {
  const [pointer, setPointer] = useState(false);
  const [focus, setFocus] = useState(false);
  const held = pointer || focus;
  const [hold, setHold] = useState<Hold | null>(null);
  // Adjusting state while rendering (React's pattern for state derived from a change): a hold starts
  // empty and is filled by `record` with the order as first shown under it.
  if (!held && hold !== null) setHold(null);
  if (held && (hold === null || hold.basis !== basis)) setHold({ basis, ranks: new Map() });

  const record = useCallback(
    (keys: readonly string[]) => {
      const ranks = hold?.ranks;
      if (!ranks) return;
      let next = ranks.size;
      for (const key of keys) if (!ranks.has(key)) ranks.set(key, next++);
    },
    [hold],
  );

  const onPointerEnter = useCallback(() => setPointer(true), []);
  const onPointerLeave = useCallback(() => setPointer(false), []);
  const onFocus = useCallback(() => setFocus(true), []);
  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocus(false);
  }, []);
  return {
    held,
    ranks: held && hold ? hold.ranks : null,
    handlers: { onPointerEnter, onPointerLeave, onFocus, onBlur },
    record,
  };
}
