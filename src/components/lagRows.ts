import type { ConsumerLag, PartitionLag, TopicLag } from '../core/protocol.js';
import type { MetricsSample } from '../core/state.js';
import { estimateCatchUpSeconds, lagTrend } from '../core/selectors.js';
import type { LagTrend } from '../core/selectors.js';
import { matches, sortBy } from './sorting.js';
import { holdOrder } from './useHeldOrder.js';
import type { Ranks } from './useHeldOrder.js';
import { groupTimeBehind, topicTimeBehind } from './timeBehind.js';
import type { ProduceRates, TimeBehind } from './timeBehind.js';
import type { SortState } from './sorting.js';

/**
 * A sortable column of the consumer lag table. Offsets exist on partitions only, so sorting by them
 * orders partitions and orders groups and topics by their lag; time behind, trend and catch-up exist on
 * groups and topics only, so partitions then stay in partition order.
 */
export type LagColumn =
  'name' | 'currentOffset' | 'logEndOffset' | 'lag' | 'consumeRate' | 'behind' | 'trend' | 'eta';

/**
 * What the consumer lag table reads: the wire's `ConsumerLag`, optionally with the consume rates the
 * store derives from committed offsets (`Metrics.consumerLags` rows carry them); missing means unknown.
 */
export interface ConsumerLagData extends Omit<ConsumerLag, 'topicLags'> {
  topicLags: Array<
    Omit<TopicLag, 'partitionLags'> & {
      partitionLags: Array<PartitionLag & { consumeRate?: number | null }>;
      consumeRate?: number | null;
    }
  >;
  /** Messages committed per second over all its partitions; null or missing when unknown. */
  consumeRate?: number | null;
}
type TopicLagData = ConsumerLagData['topicLags'][number];

/** Lag levels at which rows change colour. */
export interface LagThresholds {
  /** Lag (messages) from which a row is marked `warning`. */
  warning: number;
  /** Lag (messages) from which a row is marked `critical`. */
  critical: number;
}

export type ThresholdLevel = 'warning' | 'critical';

/** Default lag levels, in messages. */
export const DEFAULT_LAG_THRESHOLDS: LagThresholds = { warning: 1_000, critical: 10_000 };

export function levelOf(lag: number, thresholds: LagThresholds): ThresholdLevel | undefined {
  return lag >= thresholds.critical ? 'critical' : lag >= thresholds.warning ? 'warning' : undefined;
}

interface RowBase {
  /** Identity of the row (group / topic / partition), never its position. */
  key: string;
  depth: 0 | 1 | 2;
  groupId: string;
  lag: number;
  /** Messages committed per second, derived from offsets; null when unknown. */
  consumeRate: number | null;
  level: ThresholdLevel | undefined;
}

export interface GroupRow extends RowBase {
  kind: 'group';
  expanded: boolean;
  topicCount: number;
  trend: LagTrend;
  eta: number;
  /** Estimated time behind the head (lag ÷ produce rate). */
  behind: TimeBehind;
}

export interface TopicRow extends RowBase {
  kind: 'topic';
  topic: string;
  expanded: boolean;
  partitionCount: number;
  trend: LagTrend;
  eta: number;
  behind: TimeBehind;
}

export interface PartitionRow extends RowBase {
  kind: 'partition';
  topic: string;
  partition: number;
  currentOffset: number;
  logEndOffset: number;
}

export type LagRow = GroupRow | TopicRow | PartitionRow;

/** Which rows are open: everything at or above `depth` by default, `toggled` keys flip that. */
export interface Expansion {
  /** 0 = all collapsed, 1 = groups open, 2 = groups and topics open. */
  depth: 0 | 1 | 2;
  toggled: ReadonlySet<string>;
}

export const groupKey = (groupId: string) => JSON.stringify([groupId]);
export const topicKey = (groupId: string, topic: string) => JSON.stringify([groupId, topic]);
export const partitionKey = (groupId: string, topic: string, partition: number) =>
  JSON.stringify([groupId, topic, partition]);

export interface BuildOptions {
  data: readonly ConsumerLagData[];
  history: readonly MetricsSample[];
  expansion: Expansion;
  /** Already normalized filter text. */
  query: string;
  sort: SortState<LagColumn>;
  thresholds: LagThresholds;
  /** Newest history samples the trends are fitted over. */
  trendSamples: number;
  /** Produce rate per topic, for the time behind; null while unknown. */
  rates: ProduceRates;
  /** Frozen order (row key → rank) while the pointer or focus is in the table; null to sort freely. */
  ranks?: Ranks | null;
}

/** Sibling rows sorted by `value` (ties by `name`), then held in their frozen order while `ranks` is set. */
function order<T>(
  items: readonly T[],
  value: (item: T) => number | string,
  name: (item: T) => string | number,
  key: (item: T) => string,
  direction: SortState<LagColumn>['direction'],
  ranks: Ranks | null | undefined,
): T[] {
  return holdOrder(sortBy(items, value, name, direction), key, ranks ?? null);
}

/** Worst of the levels given. */
function worstLevel(levels: Iterable<ThresholdLevel | undefined>): ThresholdLevel | undefined {
  let worst: ThresholdLevel | undefined;
  for (const level of levels) {
    if (level === 'critical') return level;
    if (level === 'warning') worst = level;
  }
  return worst;
}

/**
 * Level of a topic row: that of its worst partition, so a topic is never critical while none of its
 * partitions is (thresholds apply to one partition's lag, and to a group's total).
 */
export function topicLevel(topic: TopicLagData, thresholds: LagThresholds): ThresholdLevel | undefined {
  return worstLevel(topic.partitionLags.map((p) => levelOf(p.lag, thresholds)));
}

/**
 * Flattens the group → topic → partition tree into the rows currently shown, filtered and sorted
 * (siblings are sorted among themselves, so the tree shape survives any sort).
 */
export function buildLagRows(options: BuildOptions): LagRow[] {
  const { data, history, expansion, query, sort, thresholds, trendSamples, rates, ranks } = options;
  const rows: LagRow[] = [];
  const isOpen = (key: string, depth: 0 | 1) => depth < expansion.depth !== expansion.toggled.has(key);

  const groups = data.map((group) => {
    const groupHit = matches(group.groupId, query);
    const topics = groupHit ? group.topicLags : group.topicLags.filter((t) => matches(t.topic, query));
    const trend = lagTrend(history, group.groupId, undefined, { samples: trendSamples });
    const behind = groupTimeBehind(group.topicLags.map((t) => topicTimeBehind(t.totalLag, t.topic, rates)));
    const key = groupKey(group.groupId);
    return { group, key, topics, groupHit, trend, eta: etaOf(group.totalLag, trend), behind };
  });
  const visibleGroups = groups.filter((g) => g.groupHit || g.topics.length > 0);
  const { column } = sort;
  const sortedGroups = order(
    visibleGroups,
    (g) =>
      summaryValue(column, g.group.groupId, g.group.totalLag, g.group.consumeRate, g.trend, g.eta, g.behind),
    (g) => g.group.groupId,
    (g) => g.key,
    sort.direction,
    ranks,
  );

  for (const { group, key, topics, groupHit, trend, eta, behind } of sortedGroups) {
    // A filter that matched only topics opens their group, so the matches are visible.
    const expanded = !groupHit && query !== '' ? !expansion.toggled.has(key) : isOpen(key, 0);
    rows.push({
      kind: 'group',
      key,
      depth: 0,
      groupId: group.groupId,
      lag: group.totalLag,
      consumeRate: group.consumeRate ?? null,
      level: levelOf(group.totalLag, thresholds),
      expanded,
      topicCount: topics.length,
      trend,
      eta,
      behind,
    });
    if (expanded) pushTopics(rows, group.groupId, topics, options, isOpen);
  }
  return rows;
}

/**
 * Seconds to catch up, for display and sorting: 0 when caught up, NaN when the trend is unknown,
 * Infinity unless the lag is clearly shrinking.
 */
export function etaOf(lag: number, trend: LagTrend): number {
  if (lag <= 0) return 0;
  if (trend.direction === 'unknown') return Number.NaN;
  if (trend.direction !== 'shrinking') return Infinity;
  // The fitted lag, not the last sample: one noisy sample does not swing the estimate.
  return estimateCatchUpSeconds(trend.fitted ?? lag, trend.slopePerSec) ?? Infinity;
}

/** A rate for sorting: unknown sorts last (NaN). */
const rateValue = (rate: number | null | undefined) => rate ?? Number.NaN;

/** What a group or topic row sorts by in `column`. */
function summaryValue(
  column: LagColumn,
  name: string,
  lag: number,
  consumeRate: number | null | undefined,
  trend: LagTrend,
  eta: number,
  behind: TimeBehind,
): number | string {
  switch (column) {
    case 'name':
      return name;
    case 'consumeRate':
      return rateValue(consumeRate);
    case 'behind':
      return behind.seconds;
    case 'trend':
      return trend.direction === 'unknown' ? Number.NaN : trend.slopePerSec;
    case 'eta':
      return eta;
    default:
      // Offsets exist on partitions only; groups and topics then go by their lag, largest first.
      return lag;
  }
}

/** What a partition row sorts by in `column`; it has no time behind, trend or catch-up. */
function partitionValue(column: LagColumn, p: TopicLagData['partitionLags'][number]): number {
  switch (column) {
    case 'name':
      return p.partition;
    case 'currentOffset':
      return p.currentOffset;
    case 'logEndOffset':
      return p.logEndOffset;
    case 'lag':
      return p.lag;
    case 'consumeRate':
      return rateValue(p.consumeRate);
    default:
      return Number.NaN;
  }
}

function pushTopics(
  rows: LagRow[],
  groupId: string,
  topics: readonly TopicLagData[],
  { history, sort, thresholds, trendSamples, rates, ranks }: BuildOptions,
  isOpen: (key: string, depth: 0 | 1) => boolean,
) {
  const described = topics.map((topic) => {
    const trend = lagTrend(history, groupId, topic.topic, { samples: trendSamples });
    const behind = topicTimeBehind(topic.totalLag, topic.topic, rates);
    const key = topicKey(groupId, topic.topic);
    return { topic, key, trend, eta: etaOf(topic.totalLag, trend), behind };
  });
  const { column, direction } = sort;
  const sorted = order(
    described,
    (t) =>
      summaryValue(column, t.topic.topic, t.topic.totalLag, t.topic.consumeRate, t.trend, t.eta, t.behind),
    (t) => t.topic.topic,
    (t) => t.key,
    direction,
    ranks,
  );
  for (const { topic, key, trend, eta, behind } of sorted) {
    const expanded = isOpen(key, 1);
    rows.push({
      kind: 'topic',
      key,
      depth: 1,
      groupId,
      topic: topic.topic,
      lag: topic.totalLag,
      consumeRate: topic.consumeRate ?? null,
      level: topicLevel(topic, thresholds),
      expanded,
      partitionCount: topic.partitionLags.length,
      trend,
      eta,
      behind,
    });
    if (!expanded) continue;
    const partitions = order(
      topic.partitionLags,
      (p) => partitionValue(column, p),
      (p) => p.partition,
      (p) => partitionKey(groupId, topic.topic, p.partition),
      direction,
      ranks,
    );
    for (const p of partitions) {
      rows.push({
        kind: 'partition',
        key: partitionKey(groupId, topic.topic, p.partition),
        depth: 2,
        groupId,
        topic: topic.topic,
        partition: p.partition,
        currentOffset: p.currentOffset,
        logEndOffset: p.logEndOffset,
        lag: p.lag,
        consumeRate: p.consumeRate ?? null,
        level: levelOf(p.lag, thresholds),
      });
    }
  }
}
