/**
 * The provider's context and the hooks that reach it: the client of the nearest `TakhinProvider` and
 * slices of its store.
 */
import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from 'react';
import type { TakhinClient } from '../core/client.js';
import type { StoreApi } from 'zustand/vanilla';
import type { TakhinState } from '../core/state.js';

/** The client of the nearest `TakhinProvider`, or null outside one. */
export const TakhinContext = createContext<TakhinClient | null>(null);
TakhinContext.displayName = 'TakhinContext';

/** The client of the nearest `TakhinProvider`. Throws, naming the hook and the provider, when there is none. */
export function useTakhinClient(): TakhinClient {
  return useRequiredClient('useTakhinClient');
}

/** The client of the nearest `TakhinProvider`, or null: for components that also work from props. */
export function useOptionalTakhinClient(): TakhinClient | null {
  return useContext(TakhinContext);
}

/**
 * The client of the nearest `TakhinProvider`. Throws when there is none, naming `hook` (the public hook
 * the user called), since a stack trace through React's internals rarely shows which call was outside.
 */
export function useRequiredClient(hook: string): TakhinClient {
  const client = useContext(TakhinContext);
  if (!client) {
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? `takhin-react: ${hook} must be used inside <TakhinProvider>. Wrap your tree in <TakhinProvider url="ws://…/api/monitoring/ws">.`
        : `takhin-react: ${hook} outside <TakhinProvider> (full message in development builds)`,
    );
  }
  return client;
}

const NO_STORE: Pick<StoreApi<undefined>, 'getState' | 'subscribe'> = {
  getState: () => undefined,
  subscribe: () => () => {},
};

/**
 * Selects any slice of the provider's store; the caller re-renders only when that slice changes.
 * @param equality how slices are compared. @default Object.is
 */
export function useTakhinStore<T>(
  selector: (state: TakhinState) => T,
  equality?: (a: T, b: T) => boolean,
): T {
  return useStoreFor('useTakhinStore', selector, equality);
}

/** `useTakhinStore` on behalf of the public hook `hook`, which the outside-a-provider error names. */
export function useStoreFor<T>(
  hook: string,
  selector: (state: TakhinState) => T,
  equality?: (a: T, b: T) => boolean,
): T {
  return useStoreSelector(useRequiredClient(hook).store, selector, equality);
}

/** Like `useTakhinStore`, but returns undefined outside a provider instead of throwing. */
export function useOptionalTakhinStore<T>(
  selector: (state: TakhinState) => T,
  equality?: (a: T, b: T) => boolean,
): T | undefined {
  const client = useOptionalTakhinClient();
  const store = (client?.store ?? NO_STORE) as Pick<
    StoreApi<TakhinState | undefined>,
    'getState' | 'subscribe'
  >;
  const select = useCallback(
    (state: TakhinState | undefined): T | undefined => (state === undefined ? undefined : selector(state)),
    [selector],
  );
  return useStoreSelector(
    store,
    select,
    equality as ((a: T | undefined, b: T | undefined) => boolean) | undefined,
  );
}

const skip = (): undefined => undefined;

/**
 * The value a component shows: its prop when given (props win, so a frozen snapshot stays frozen),
 * otherwise the provider's store, otherwise `undefined` (standalone without data).
 * With a prop present the store selector is swapped out, so store ticks do not re-render the view.
 * `equality` (module-level, so its identity is stable) keeps an unchanged slice's identity.
 */
export function useSource<T>(
  prop: T | undefined,
  selector: (state: TakhinState) => T,
  equality?: (a: T | undefined, b: T | undefined) => boolean,
): T | undefined {
  const fromStore = useOptionalTakhinStore<T | undefined>(prop === undefined ? selector : skip, equality);
  return prop !== undefined ? prop : fromStore;
}

interface SelectionCache<S, T> {
  state: S;
  selector: (state: S) => T;
  selection: T;
}

/**
 * Reads a slice of a store and re-renders only when the slice changes by `equality`; in development,
 * warns once when the selector builds a new value for the same state (use `shallow` as the equality).
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
    // Such a selector would re-render its component on every update, which nothing else would reveal.
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
