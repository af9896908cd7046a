import type { GroupInfo, TopicInfo } from '../core/state.js';
import { selectGroupList, selectTopicList } from '../core/selectors.js';
import { useStoreFor } from './context.js';

/** Current topics sorted by name: metrics reconcile them, topic events update them between ticks. */
export function useTopics(): TopicInfo[] {
  return useStoreFor('useTopics', selectTopicList);
}

/** Current consumer groups sorted by id, with the last known state and lag. */
export function useConsumerGroups(): GroupInfo[] {
  return useStoreFor('useConsumerGroups', selectGroupList);
}
