import { useContext } from 'react';
import type { TakhinClient } from '../core/client.js';
import { TakhinContext } from './context.js';

/** The client of the nearest `TakhinProvider`. Throws, naming the provider, when there is none. */
export function useTakhinClient(): TakhinClient {
  const client = useContext(TakhinContext);
  if (!client) {
    throw new Error(
      'takhin-react: this hook must be used inside <TakhinProvider>. Wrap your tree in <TakhinProvider url="ws://…/api/monitoring/ws">.',
    );
  }
  return client;
}

/** The client of the nearest `TakhinProvider`, or null: for components that also work from props. */
export function useOptionalTakhinClient(): TakhinClient | null {
  return useContext(TakhinContext);
}
