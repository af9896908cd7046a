import { rowWithKey } from './dialect.js';
import type { EventLog } from './events.js';
import type { TopicStat } from './protocol.js';
import type { ConsumerLagRow, GroupInfo, TopicInfo } from './state.js';

const nameOf = (row: TopicStat) => row.name;
const groupIdOf = (row: ConsumerLagRow) => row.groupId;

/**
 * Logs, as inferred events, how the topics of a new metrics sample differ from what the client knew
 * (the previous sample and the events since): a topic made or removed by a Kafka client, or whose
 * partition count changed, is announced by no message. A topic is inferred deleted only when the
 * previous sample listed it, so one known from an event alone does not flap.
 */
export function inferTopicChanges(
  log: EventLog,
  known: Record<string, TopicInfo>,
  stats: readonly TopicStat[],
  listedBefore: readonly TopicStat[],
): void {
  let seen = 0;
  for (let i = 0; i < stats.length; i++) {
    const { name, partitions } = stats[i];
    const before = known[name];
    if (before === undefined) log.inferTopic('topic_created', name, partitions);
    else {
      seen++;
      if (before.partitions !== partitions)
        log.inferTopic('topic_updated', name, partitions, before.partitions);
    }
  }
  if (seen === Object.keys(known).length) return;
  for (const name of Object.keys(known)) {
    if (rowWithKey(stats, 0, name, nameOf) !== undefined) continue;
    if (rowWithKey(listedBefore, 0, name, nameOf) !== undefined) log.inferTopic('topic_deleted', name);
  }
}

/** The same for groups: one that appears in or vanishes from `consumerLags`. */
export function inferGroupChanges(
  log: EventLog,
  known: Record<string, GroupInfo>,
  lags: readonly ConsumerLagRow[],
  listedBefore: readonly ConsumerLagRow[],
): void {
  let seen = 0;
  for (let i = 0; i < lags.length; i++) {
    if (known[lags[i].groupId] === undefined) log.inferGroup('group_created', lags[i].groupId);
    else seen++;
  }
  if (seen === Object.keys(known).length) return;
  for (const groupId of Object.keys(known)) {
    if (rowWithKey(lags, 0, groupId, groupIdOf) !== undefined) continue;
    if (rowWithKey(listedBefore, 0, groupId, groupIdOf) !== undefined)
      log.inferGroup('group_deleted', groupId);
  }
}
