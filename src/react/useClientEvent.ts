import { useEffect, useRef } from 'react';
import type { TakhinClient, TakhinClientEvents } from '../core/client.js';

/**
 * Calls `handler` once per client event of `kind`. The handler may change identity on every render
 * without resubscribing: the latest one is kept in a ref.
 */
export function useClientEvent<K extends keyof TakhinClientEvents>(
  client: TakhinClient,
  kind: K,
  handler: ((value: TakhinClientEvents[K]) => void) | undefined,
): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  const wanted = handler !== undefined;
  useEffect(() => {
    if (!wanted) return undefined;
    return client.on(kind, (value) => latest.current?.(value));
  }, [client, kind, wanted]);
}
