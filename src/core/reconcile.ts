import type { TopicStat } from './protocol.js';
import type { ConsumerLagRow, GroupInfo, TopicInfo } from './state.js';

/** A record without a prototype: `__proto__` and `constructor` are valid topic and group names. */
function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Topics as metrics list them; `previous` itself (and its rows) when nothing differs. */
export function reconcileTopics(
  previous: Record<string, TopicInfo>,
  stats: readonly TopicStat[],
): Record<string, TopicInfo> {
  // Most ticks change no topic: check first, so that the record is only rebuilt when it must be.
  let same = true;
  for (let i = 0; i < stats.length && same; i++) {
    const before = previous[stats[i].name];
    same = before !== undefined && before.partitions === stats[i].partitions;
  }
  if (same && Object.keys(previous).length === stats.length) return previous;
  const next = emptyRecord<TopicInfo>();
  for (let i = 0; i < stats.length; i++) {
    const { name, partitions } = stats[i];
    const before = previous[name];
    next[name] = before !== undefined && before.partitions === partitions ? before : { name, partitions };
  }
  return next;
}

/**
 * Groups as metrics list them, keeping the state and members learnt from `group_updated`. A group not
 * in `consumerLags` disappears, including one known only from an event since the previous metrics.
 */
export function reconcileGroups(
  previous: Record<string, GroupInfo>,
  lags: readonly ConsumerLagRow[],
): Record<string, GroupInfo> {
  let same = true;
  for (let i = 0; i < lags.length && same; i++) {
    const before = previous[lags[i].groupId];
    same =
      before !== undefined &&
      before.totalLag === lags[i].totalLag &&
      (before.consumeRate ?? null) === lags[i].consumeRate;
  }
  if (same && Object.keys(previous).length === lags.length) return previous;
  const next = emptyRecord<GroupInfo>();
  for (let i = 0; i < lags.length; i++) {
    const { groupId, totalLag, consumeRate } = lags[i];
    const before = previous[groupId];
    if (before !== undefined && before.totalLag === totalLag && (before.consumeRate ?? null) === consumeRate)
      next[groupId] = before;
    else next[groupId] = { ...before, groupId, totalLag, consumeRate };
  }
  return next;
}
