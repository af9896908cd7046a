import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand/vanilla';

interface SelectionCache<S, T> {
  state: S;
  selector: (state: S) => T;
  selection: T;
}

/**
 * Reads a slice of a store and re-renders only when the slice changes by `equality`. The last selection
 * is cached so an unchanged slice keeps its identity, which `useSyncExternalStore` requires.
 */
export function useStoreSelector<S, T>(
  store: Pick<StoreApi<S>, 'getState' | 'subscribe'>,
  selector: (state: S) => T,
  equality: (a: T, b: T) => boolean = Object.is,
): T {
  const cache = useRef<SelectionCache<S, T> | null>(null);
  const getSelection = useCallback(() => {
    const state = store.getState();
    const cached = cache.current;
    if (cached && cached.state === state && cached.selector === selector) return cached.selection;
    const next = selector(state);
    if (cached && equality(cached.selection, next)) {
      cache.current = { state, selector, selection: cached.selection };
      return cached.selection;
    }
    cache.current = { state, selector, selection: next };
    return next;
  }, [store, selector, equality]);
  return useSyncExternalStore(store.subscribe, getSelection, getSelection);
}
