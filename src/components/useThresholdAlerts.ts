import { useEffect, useRef } from 'react';
import type { ConsumerLag } from '../core/protocol.js';
import { groupKey, levelOf, topicKey } from './lagRows.js';
import type { LagThresholds, ThresholdLevel } from './lagRows.js';

/** What `onThresholdCrossed` receives. */
export interface ThresholdCrossing {
  groupId: string;
  /** Absent when the whole group crossed (its total lag). */
  topic?: string;
  /** The level just reached. */
  level: ThresholdLevel;
  /** The lag that crossed it, messages. */
  lag: number;
}

const RANK = { warning: 1, critical: 2 } as const;
const rank = (level: ThresholdLevel | undefined) => (level ? RANK[level] : 0);

/**
 * Calls `onCrossed` once each time a group's or a group-topic's lag rises into a higher level. The
 * last level of every row is remembered across renders, so re-renders and repeated ticks at the same
 * level stay silent; falling back below a level re-arms it.
 */
export function useThresholdAlerts(
  data: readonly ConsumerLag[] | null | undefined,
  thresholds: LagThresholds,
  onCrossed: ((crossing: ThresholdCrossing) => void) | undefined,
) {
  const levels = useRef(new Map<string, ThresholdLevel | undefined>());
  const { warning, critical } = thresholds;

  useEffect(() => {
    if (!data) return;
    const previous = levels.current;
    const next = new Map<string, ThresholdLevel | undefined>();
    const crossings: ThresholdCrossing[] = [];
    const check = (key: string, lag: number, groupId: string, topic?: string) => {
      const level = levelOf(lag, { warning, critical });
      next.set(key, level);
      if (level && rank(level) > rank(previous.get(key))) {
        crossings.push(topic === undefined ? { groupId, level, lag } : { groupId, topic, level, lag });
      }
    };
    for (const group of data) {
      check(groupKey(group.groupId), group.totalLag, group.groupId);
      for (const topic of group.topicLags) {
        check(topicKey(group.groupId, topic.topic), topic.totalLag, group.groupId, topic.topic);
      }
    }
    levels.current = next;
    if (onCrossed) for (const crossing of crossings) onCrossed(crossing);
  }, [data, warning, critical, onCrossed]);
}
