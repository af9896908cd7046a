import type { ConsumerLag, TopicStat } from '../core/protocol.js';
import { matches } from './sorting.js';
import { toCsv } from './toCsv.js';

const LAG_HEADER = [
  'time',
  'group',
  'topic',
  'partition',
  'currentOffset',
  'logEndOffset',
  'lag',
  'topicTotalLag',
  'groupTotalLag',
] as const;

/**
 * The consumer lag table as CSV, one row per partition with its topic's and group's totals; with a
 * `query` (normalized), only the groups and topics the table's filter shows.
 */
export function lagCsv(data: readonly ConsumerLag[], time: number, query = ''): string {
  const at = new Date(time).toISOString();
  const rows: Array<readonly (string | number)[]> = [LAG_HEADER];
  for (const group of data) {
    const groupHit = matches(group.groupId, query);
    for (const topic of group.topicLags) {
      if (!groupHit && !matches(topic.topic, query)) continue;
      for (const p of topic.partitionLags) {
        const { partition, currentOffset, logEndOffset, lag } = p;
        rows.push([
          at,
          group.groupId,
          topic.topic,
          partition,
          currentOffset,
          logEndOffset,
          lag,
          topic.totalLag,
          group.totalLag,
        ]);
      }
    }
  }
  return toCsv(rows);
}

/** The topic table as CSV, one row per topic; with a `query` (normalized), only the rows the filter shows. */
export function topicCsv(data: readonly TopicStat[], time: number, query = ''): string {
  const at = new Date(time).toISOString();
  const rows: Array<readonly (string | number)[]> = [
    ['time', 'topic', 'partitions', 'totalMessages', 'totalBytes', 'produceRate', 'fetchRate'],
  ];
  for (const t of data) {
    if (matches(t.name, query))
      rows.push([at, t.name, t.partitions, t.totalMessages, t.totalBytes, t.produceRate, t.fetchRate]);
  }
  return toCsv(rows);
}
