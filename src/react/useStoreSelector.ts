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
 *
 * In development it calls the selector twice on the same state and warns once (per hook) when the two
 * results differ by `equality`: such a selector re-renders its component on every store update, which
 * nothing else would reveal. `shallow` as the equality fixes a selector that builds an object or array.
 */
export function useStoreSelector<S, T>(
  store: Pick<StoreApi<S>, 'getState' | 'subscribe'>,
  selector: (state: S) => T,
  equality: (a: T, b: T) => boolean = Object.is,
): T {
  const cache = useRef<SelectionCache<S, T> | null>(null);
  const warned = useRef(false);
  const getSelection = useCallback(() => {
    const state = store.getState();
    const cached = cache.current;
    if (cached && cached.state === state && cached.selector === selector) return cached.selection;
    const next = selector(state);
    if (
      typeof process !== 'undefined' &&
      process.env.NODE_ENV !== 'production' &&
      !warned.current &&
      !equality(next, selector(state))
    ) {
      warned.current = true;
      console.warn(
        'takhin-react: a selector returned a new value for the same state, so its component re-renders on ' +
          'every update. Return a stored value, or compare with an equality: useMetrics(selector, shallow).',
      );
    }
    if (cached && equality(cached.selection, next)) {
      cache.current = { state, selector, selection: cached.selection };
      return cached.selection;
    }
    cache.current = { state, selector, selection: next };
    return next;
  }, [store, selector, equality]);
  return useSyncExternalStore(store.subscribe, getSelection, getSelection);
}
