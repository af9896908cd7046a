import type { TopicEvent } from '../core/state.js';
import { useClientEvent } from './useEventHandler.js';
import { useTakhinClient } from './useTakhinClient.js';
import { useTakhinStore } from './useTakhinStore.js';

const selectTopicEvents = (state: { topicEvents: TopicEvent[] }) => state.topicEvents;

/**
 * Recent `topic_created` / `topic_deleted` events (bounded, newest last). The optional handler is called
 * exactly once per event as it arrives, never replayed on re-render, and may change identity freely.
 */
export function useTopicEvents(handler?: (event: TopicEvent) => void): TopicEvent[] {
  const client = useTakhinClient();
  useClientEvent(client, 'topicEvent', handler);
  return useTakhinStore(selectTopicEvents);
}
