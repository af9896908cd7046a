import { useEffect, useRef } from 'react';
import { evaluateLagAlerts } from '../core/lagAlerts.js';
import type { LagAlertRule, LagAlertState } from '../core/lagAlerts.js';
import type { ConsumerLag } from '../core/protocol.js';
import { topicKey } from './lagRows.js';
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

/**
 * Calls `onCrossed` once each time a group's or a group-topic's lag rises into a higher level: a level
 * rule of the lag alert evaluator without hysteresis (the table's colours have none either), so
 * falling back below a level re-arms it. Re-renders and repeated ticks at the same level stay silent.
 * Without a callback nothing is evaluated: a callback given later hears, on its first tick, of every
 * level reached since the last tick a callback saw (all of them, if none did), as one given from the start.
 */
export function useThresholdAlerts(
  data: readonly ConsumerLag[] | null | undefined,
  thresholds: LagThresholds,
  onCrossed: ((crossing: ThresholdCrossing) => void) | undefined,
) {
  const state = useRef<LagAlertState | undefined>(undefined);
  const { warning, critical } = thresholds;

  useEffect(() => {
    // Nothing to call: no evaluation (it walks every group and topic of every tick).
    if (!data || !onCrossed) return;
    const rule: LagAlertRule = { kind: 'level', warning, critical, clearBelow: 1 };
    // Each group-topic is checked as a group of its own, named by a key that cannot be a group id.
    const rows = new Map<string, ThresholdCrossing>();
    const consumerLags: ConsumerLag[] = [];
    for (const group of data) {
      consumerLags.push(group);
      for (const topic of group.topicLags) {
        const key = topicKey(group.groupId, topic.topic);
        rows.set(key, { groupId: group.groupId, topic: topic.topic, level: 'warning', lag: 0 });
        consumerLags.push({ ...group, groupId: key, totalLag: topic.totalLag });
      }
    }
    const previous = state.current?.alerts;
    const step = evaluateLagAlerts([rule], state.current, { time: Date.now(), consumerLags });
    state.current = step.state;
    for (const { id, groupId, level, lag } of step.raised) {
      const before = previous?.get(id)?.level;
      if (before && RANK[before] >= RANK[level]) continue;
      const row = rows.get(groupId);
      onCrossed(row ? { ...row, level, lag } : { groupId, level, lag });
    }
  }, [data, warning, critical, onCrossed]);
}
