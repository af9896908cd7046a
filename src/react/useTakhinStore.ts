import { useCallback } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { TakhinState } from '../core/state.js';
import { useOptionalTakhinClient } from './useTakhinClient.js';
import { useRequiredClient } from './useRequiredClient.js';
import { useStoreSelector } from './useStoreSelector.js';

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
