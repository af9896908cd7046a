import type { TopicEvent } from '../core/state.js';
import { useClientEvent } from './useClientEvent.js';
import { useRequiredClient, useStoreSelector } from './context.js';
import { selectTopicEvents } from '../core/selectors.js';

/**
 * Recent `topic_created` / `topic_deleted` events (bounded, newest last). The optional handler is called
 * exactly once per event as it arrives, never replayed on re-render, and may change identity freely.
 */
export function useTopicEvents(handler?: (event: TopicEvent) => void): TopicEvent[] {
  const client = useRequiredClient('useTopicEvents');
  useClientEvent(client, 'topicEvent', handler);
  return useStoreSelector(client.store, selectTopicEvents);
}
