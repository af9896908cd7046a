import type { ConsumerLag, TopicStat } from './protocol.js';
import type { GroupInfo, TopicInfo } from './state.js';

/** A record without a prototype: `__proto__` and `constructor` are valid topic and group names. */
function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Topics as metrics list them; `previous` itself (and its rows) when nothing differs. */
export function reconcileTopics(
  previous: Record<string, TopicInfo>,
  stats: readonly TopicStat[],
): Record<string, TopicInfo> {
  let same = Object.keys(previous).length === stats.length;
  const next = emptyRecord<TopicInfo>();
  for (let i = 0; i < stats.length; i++) {
    const { name, partitions } = stats[i];
    const before = previous[name];
    if (before !== undefined && before.partitions === partitions) next[name] = before;
    else {
      next[name] = { name, partitions };
      same = false;
    }
  }
  return same ? previous : next;
}

/**
 * Groups as metrics list them, keeping the state and members learnt from `group_updated`. A group not
 * in `consumerLags` disappears, including one known only from an event since the previous metrics.
 */
export function reconcileGroups(
  previous: Record<string, GroupInfo>,
  lags: readonly ConsumerLag[],
): Record<string, GroupInfo> {
  let same = Object.keys(previous).length === lags.length;
  const next = emptyRecord<GroupInfo>();
  for (let i = 0; i < lags.length; i++) {
    const { groupId, totalLag } = lags[i];
    const before = previous[groupId];
    if (before !== undefined && before.totalLag === totalLag) next[groupId] = before;
    else {
      next[groupId] = before === undefined ? { groupId, totalLag } : { ...before, totalLag };
      same = false;
    }
  }
  return same ? previous : next;
}

export function sameEntries<T>(a: Record<string, T>, b: Record<string, T>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (let i = 0; i < keys.length; i++) if (a[keys[i]] !== b[keys[i]]) return false;
  return true;
}
