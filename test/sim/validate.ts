import { GROUP_STATES } from '../../src/core/protocol.js';
import type { Dialect } from '../../src/core/protocol.js';

/**
 * A strict validator for what the simulator sends: stricter than the client's parser on purpose (exact
 * key sets, integer offsets and timestamps, sums that add up, dialect rules), so that the simulator
 * cannot drift from PROTOCOL.md unnoticed. Returns a list of problems, empty when the value is valid.
 */
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function keysExactly(o: Obj, keys: readonly string[], path: string, errors: string[]): void {
  const got = Object.keys(o).sort().join(',');
  const want = [...keys].sort().join(',');
  if (got !== want) errors.push(`${path}: keys ${got} instead of ${want}`);
}

export function validateServerLine(line: string, dialect: Dialect): string[] {
  const errors: string[] = [];
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    return [`not JSON: ${line.slice(0, 80)}`];
  }
  if (!isObj(msg)) return ['message is not an object'];
  keysExactly(msg, ['type', 'data', 'timestamp'], 'envelope', errors);
  if (!isInt(msg.timestamp) || msg.timestamp < 1_000_000_000)
    errors.push('envelope.timestamp not integer seconds');
  const d = msg.data;
  switch (msg.type) {
    case 'metrics':
      errors.push(...validateMetricsStrict(d, dialect));
      break;
    case 'topic_created':
      if (!isObj(d) || typeof d.name !== 'string' || !isInt(d.partitions) || d.partitions < 1) {
        errors.push('bad topic_created data');
      } else keysExactly(d, ['name', 'partitions'], 'topic_created', errors);
      break;
    case 'topic_deleted':
      if (!isObj(d) || typeof d.name !== 'string') errors.push('bad topic_deleted data');
      else keysExactly(d, ['name'], 'topic_deleted', errors);
      break;
    case 'group_updated':
      if (
        !isObj(d) ||
        typeof d.groupId !== 'string' ||
        !GROUP_STATES.includes(d.state as never) ||
        !isInt(d.members) ||
        d.members < 0
      ) {
        errors.push('bad group_updated data');
      }
      break;
    case 'pong':
      if (d !== null) errors.push('pong data is not null');
      break;
    default:
      errors.push(`unexpected type ${String(msg.type)}`);
  }
  return errors;
}

export function validateMetricsStrict(m: unknown, dialect: Dialect): string[] {
  const e: string[] = [];
  if (!isObj(m)) return ['metrics is not an object'];
  keysExactly(
    m,
    ['throughput', 'latency', 'topicStats', 'consumerLags', 'clusterHealth', 'timestamp'],
    'metrics',
    e,
  );
  const takhin = dialect === 'takhin';

  const tp = m.throughput;
  if (!isObj(tp)) e.push('throughput missing');
  else {
    keysExactly(tp, ['produceRate', 'fetchRate', 'produceBytes', 'fetchBytes'], 'throughput', e);
    for (const [k, v] of Object.entries(tp)) {
      if (!isNum(v) || v < 0 || (takhin && !isInt(v))) e.push(`throughput.${k} = ${String(v)}`);
    }
  }

  const lat = m.latency;
  if (!isObj(lat)) e.push('latency missing');
  else {
    keysExactly(
      lat,
      ['produceP50', 'produceP95', 'produceP99', 'fetchP50', 'fetchP95', 'fetchP99'],
      'latency',
      e,
    );
    for (const side of ['produce', 'fetch']) {
      const [p50, p95, p99] = ['P50', 'P95', 'P99'].map((p) => lat[side + p]) as number[];
      if (![p50, p95, p99].every((x) => isNum(x) && x >= 0)) e.push(`${side} latency not numbers`);
      if (!(p50 <= p95 && p95 <= p99)) e.push(`${side} percentiles out of order`);
      if (takhin) {
        const mean = p50 / 0.8;
        if (Math.abs(p95 - mean * 1.5) > 1e-9 || Math.abs(p99 - mean * 2) > 1e-9) {
          e.push(`${side} takhin percentiles are not mean x 0.8/1.5/2.0`);
        }
        if (p99 > 10) e.push(`${side} latency ${p99} does not look like seconds`);
      }
    }
  }

  const partitionsOf = new Map<string, number>();
  if (!Array.isArray(m.topicStats)) e.push('topicStats not an array');
  else {
    for (const t of m.topicStats as unknown[]) {
      if (!isObj(t)) {
        e.push('topicStats row not an object');
        continue;
      }
      keysExactly(
        t,
        ['name', 'partitions', 'totalMessages', 'totalBytes', 'produceRate', 'fetchRate'],
        'topicStat',
        e,
      );
      if (typeof t.name !== 'string' || partitionsOf.has(t.name))
        e.push(`topic name ${String(t.name)} bad or repeated`);
      if (!isInt(t.partitions) || t.partitions < 1) e.push(`topic ${String(t.name)} partitions`);
      for (const k of ['totalMessages', 'totalBytes'])
        if (!isInt(t[k]) || (t[k] as number) < 0) e.push(`topic ${k}`);
      for (const k of ['produceRate', 'fetchRate']) {
        if (!isNum(t[k]) || (t[k] as number) < 0 || (takhin && !isInt(t[k])))
          e.push(`topic ${k} = ${String(t[k])}`);
      }
      partitionsOf.set(t.name as string, t.partitions as number);
    }
  }

  if (!Array.isArray(m.consumerLags)) e.push('consumerLags not an array');
  else {
    const groups = new Set<string>();
    for (const g of m.consumerLags as unknown[]) {
      if (
        !isObj(g) ||
        typeof g.groupId !== 'string' ||
        groups.has(g.groupId) ||
        !Array.isArray(g.topicLags)
      ) {
        e.push('bad consumerLags row');
        continue;
      }
      keysExactly(g, ['groupId', 'totalLag', 'topicLags'], 'consumerLag', e);
      groups.add(g.groupId);
      let sum = 0;
      const topics = new Set<string>();
      for (const tl of g.topicLags as Obj[]) {
        keysExactly(tl, ['topic', 'totalLag', 'partitionLags'], 'topicLag', e);
        if (typeof tl.topic !== 'string' || topics.has(tl.topic))
          e.push(`group ${g.groupId}: topic repeated`);
        topics.add(tl.topic as string);
        const parts = tl.partitionLags as Obj[];
        if (!Array.isArray(parts) || parts.length === 0) e.push(`group ${g.groupId}: empty partitionLags`);
        let tsum = 0;
        const seen = new Set<number>();
        for (const p of parts ?? []) {
          keysExactly(p, ['partition', 'currentOffset', 'logEndOffset', 'lag'], 'partitionLag', e);
          const { partition, currentOffset, logEndOffset, lag } = p as Record<string, number>;
          if (![partition, currentOffset, logEndOffset, lag].every(isInt))
            e.push('partitionLag not integers');
          if (currentOffset < 0) e.push('partition without a committed offset listed');
          if (lag !== Math.max(0, logEndOffset - currentOffset)) e.push('lag != max(0, logEnd - current)');
          const count = partitionsOf.get(tl.topic as string);
          if (count !== undefined && (partition < 0 || partition >= count)) e.push('partition out of range');
          if (seen.has(partition)) e.push('partition repeated');
          seen.add(partition);
          tsum += lag;
        }
        if (tl.totalLag !== tsum) e.push(`topicLag total ${String(tl.totalLag)} != ${tsum}`);
        sum += tsum;
      }
      if (g.totalLag !== sum) e.push(`group total ${String(g.totalLag)} != ${sum}`);
    }
  }

  const h = m.clusterHealth;
  if (!isObj(h)) e.push('clusterHealth missing');
  else {
    keysExactly(
      h,
      [
        'activeConnections',
        'totalTopics',
        'totalPartitions',
        'totalConsumers',
        'diskUsageBytes',
        'memoryUsageBytes',
        'goroutineCount',
      ],
      'clusterHealth',
      e,
    );
    for (const [k, v] of Object.entries(h))
      if (!isInt(v) || v < 0) e.push(`clusterHealth.${k} = ${String(v)}`);
    if (Array.isArray(m.topicStats)) {
      if (h.totalTopics !== m.topicStats.length) e.push('totalTopics != topicStats.length');
      const parts = [...partitionsOf.values()].reduce((a, b) => a + b, 0);
      if (h.totalPartitions !== parts) e.push('totalPartitions != sum of partitions');
    }
    if (takhin && h.activeConnections !== 0) e.push('takhin activeConnections != 0');
    if (takhin && Array.isArray(m.consumerLags) && h.totalConsumers !== m.consumerLags.length) {
      e.push('takhin totalConsumers != number of groups');
    }
  }
  if (!isInt(m.timestamp) || m.timestamp < 1_000_000_000) e.push('metrics.timestamp not integer seconds');
  return e;
}
