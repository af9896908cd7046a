import { useContext } from 'react';
import type { TakhinClient } from '../core/client.js';
import { TakhinContext } from './context.js';
import { useRequiredClient } from './useRequiredClient.js';

/** The client of the nearest `TakhinProvider`. Throws, naming the hook and the provider, when there is none. */
export function useTakhinClient(): TakhinClient {
  return useRequiredClient('useTakhinClient');
}

/** The client of the nearest `TakhinProvider`, or null: for components that also work from props. */
export function useOptionalTakhinClient(): TakhinClient | null {
  return useContext(TakhinContext);
}
