import type { MetricsSample } from '../core/state.js';
import type { ConsumerLagData, LagThresholds, ThresholdLevel } from './lagRows.js';
import { levelOf } from './lagRows.js';
import { groupTimeBehind, produceRates, topicTimeBehind } from './timeBehind.js';
import type { TopicStat } from '../core/protocol.js';

/** One group as the verdict ranks it. */
export interface VerdictGroup {
  groupId: string;
  level: ThresholdLevel | undefined;
  lag: number;
  /** Estimated seconds behind the head (lag ÷ produce rate); NaN when unknown. */
  behindSeconds: number;
}

/** What the Dashboard's verdict strip says about consumer lag. */
export interface LagVerdict {
  groups: number;
  /** Groups at each level (by their total lag, as the lag table colours them). */
  counts: { critical: number; warning: number; ok: number };
  /** The worst groups, most behind first: by level, then estimated time behind, then lag. At most 3. */
  worst: VerdictGroup[];
  /** Partitions with lag whose committed offset did not move since the previous sample. */
  stuckPartitions: number;
  /** Groups those partitions belong to. */
  stuckGroups: number;
}

const RANK = { critical: 2, warning: 1 } as const;
const rankOf = (level: ThresholdLevel | undefined) => (level ? RANK[level] : 0);
/** Unknown time behind ranks below every known one. */
const behindKey = (seconds: number) => (Number.isNaN(seconds) ? -1 : seconds);

/** Orders groups worst first: level, then time behind, then lag, then id. */
export function compareVerdictGroups(a: VerdictGroup, b: VerdictGroup): number {
  return (
    rankOf(b.level) - rankOf(a.level) ||
    behindKey(b.behindSeconds) - behindKey(a.behindSeconds) ||
    b.lag - a.lag ||
    (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0)
  );
}

export interface VerdictInput {
  consumerLags: readonly ConsumerLagData[];
  thresholds: LagThresholds;
  /** Topics whose produce rates give the time behind; null while unknown. */
  topics: readonly TopicStat[] | null;
  ratesKnown: boolean;
  history?: readonly MetricsSample[];
}

/**
 * The verdict over all groups: how many at each level, the worst few (in a cluster where every group is
 * critical, the one furthest behind in time comes first, not just the largest count), and stuck partitions
 * (lag, and a consume rate of 0 over the last interval; unknown rates are not counted).
 */
export function lagVerdict(input: VerdictInput): LagVerdict {
  const { consumerLags, thresholds, topics, ratesKnown, history } = input;
  const rates = produceRates(topics, ratesKnown, history);
  const counts = { critical: 0, warning: 0, ok: 0 };
  const all: VerdictGroup[] = [];
  let stuckPartitions = 0;
  let stuckGroups = 0;
  for (const group of consumerLags) {
    const level = levelOf(group.totalLag, thresholds);
    counts[level ?? 'ok']++;
    const behind = groupTimeBehind(group.topicLags.map((t) => topicTimeBehind(t.totalLag, t.topic, rates)));
    all.push({ groupId: group.groupId, level, lag: group.totalLag, behindSeconds: behind.seconds });
    let stuck = 0;
    for (const topic of group.topicLags)
      for (const p of topic.partitionLags) if (p.lag > 0 && p.consumeRate === 0) stuck++;
    stuckPartitions += stuck;
    if (stuck > 0) stuckGroups++;
  }
  const worst = all
    .filter((g) => g.lag > 0)
    .sort(compareVerdictGroups)
    .slice(0, 3);
  return { groups: consumerLags.length, counts, worst, stuckPartitions, stuckGroups };
}
