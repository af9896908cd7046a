import { createContext, useContext } from 'react';
import type { TakhinClient } from '../core/client.js';

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
