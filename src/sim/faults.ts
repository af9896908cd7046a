import type { Dialect, GroupState, MonitoringMetrics } from '../core/protocol.js';
import type { ClusterEvent, ClusterModel } from './cluster.js';
import { metricsFor } from './metrics.js';

/** Event types {@link burstEvents} can produce. */
export type BurstType = 'topic_created' | 'topic_deleted' | 'group_updated';

/** @default 4 MiB */
export const DEFAULT_OVERSIZED_BYTES = 4 * 1024 * 1024;

/**
 * A valid metrics payload of at least `bytes` once serialised: the model's metrics padded with extra
 * topics (and their partitions counted in `clusterHealth`), like a cluster with tens of thousands of topics.
 */
export function oversizedMetrics(
  model: ClusterModel,
  dialect: Dialect,
  bytes = DEFAULT_OVERSIZED_BYTES,
  instrumented: boolean = dialect === 'spec',
): MonitoringMetrics {
  const metrics = metricsFor(model, dialect, model.shuffleRandom, instrumented);
  // One padded row serialises to about 130 bytes; start from the current size to know how many are needed.
  const rows = Math.ceil(Math.max(0, bytes - JSON.stringify(metrics).length) / 110) + 1;
  for (let i = 0; i < rows; i++) {
    metrics.topicStats.push({
      name: `padding.topic-${String(i).padStart(6, '0')}`,
      partitions: 1,
      totalMessages: 1000 + i,
      totalBytes: 250_000 + i,
      produceRate: !instrumented ? 0 : dialect === 'takhin' ? 1000 + i : 0.5,
      fetchRate: !instrumented ? 0 : dialect === 'takhin' ? 1000 + i : 0.5,
    });
  }
  metrics.clusterHealth.totalTopics += rows;
  metrics.clusterHealth.totalPartitions += rows;
  return metrics;
}

const BURST_STATES: readonly GroupState[] = ['PreparingRebalance', 'CompletingRebalance', 'Stable'];

/**
 * `count` events of one type, numbered from `first`, stamped with the model's time. They are only
 * messages: the model is not changed (thousands of real topics would swamp every later metrics message).
 */
export function burstEvents(
  model: ClusterModel,
  count: number,
  type: BurstType = 'topic_created',
  first = 0,
): ClusterEvent[] {
  const timestamp = model.nowSeconds;
  const events: ClusterEvent[] = new Array(count);
  const groups = model.groups.map((g) => g.groupId);
  for (let i = 0; i < count; i++) {
    const n = first + i;
    const name = `burst.topic-${String(n).padStart(6, '0')}`;
    if (type === 'topic_created') {
      events[i] = { type, data: { name, partitions: 1 + (n % 12) }, timestamp };
    } else if (type === 'topic_deleted') {
      events[i] = { type, data: { name }, timestamp };
    } else {
      const groupId = groups.length > 0 ? groups[n % groups.length] : `burst-group-${n}`;
      events[i] = {
        type,
        data: { groupId, state: BURST_STATES[n % BURST_STATES.length], members: 1 + (n % 5) },
        timestamp,
      };
    }
  }
  return events;
}
