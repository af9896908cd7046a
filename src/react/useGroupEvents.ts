import type { GroupEvent } from '../core/state.js';
import { useClientEvent } from './useClientEvent.js';
import { useRequiredClient, useStoreSelector } from './context.js';
import { selectGroupEvents } from '../core/selectors.js';

/**
 * Recent consumer-group events (bounded, newest last). The optional handler is called exactly once per
 * event. Do not rely on these to know which groups exist: the real server rarely sends them; use
 * `useConsumerGroups()`, which metrics keep up to date.
 */
export function useGroupEvents(handler?: (event: GroupEvent) => void): GroupEvent[] {
  const client = useRequiredClient('useGroupEvents');
  useClientEvent(client, 'groupEvent', handler);
  return useStoreSelector(client.store, selectGroupEvents);
}
