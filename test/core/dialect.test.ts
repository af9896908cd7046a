import { describe, expect, it } from 'vitest';
import { normalizeMetrics } from '../../src/core/dialect.js';
import type { MonitoringMetrics } from '../../src/core/protocol.js';
import type { Metrics, RateBaseline } from '../../src/core/state.js';
import {
  BASE_TIMESTAMP,
  makeBigClusterMetrics,
  makeConsumerLag,
  makeMetrics,
  makePartitionLag,
  makeTopicStat,
  shuffled,
} from './fixtures.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A `takhin` sample: cumulative counters. */
function counters(
  produce: number,
  fetch: number,
  topics: Record<string, [number, number]>,
  timestamp: number,
) {
  return makeMetrics({
    throughput: {
      produceRate: produce,
      fetchRate: fetch,
      produceBytes: produce * 100,
      fetchBytes: fetch * 100,
    },
    topicStats: Object.entries(topics).map(([name, [p, f]]) =>
      makeTopicStat(name, { produceRate: p, fetchRate: f }),
    ),
    timestamp,
  });
}

function expectNoNegative(metrics: Metrics): void {
  for (const value of Object.values(metrics.throughput)) expect(value).toBeGreaterThanOrEqual(0);
  for (const value of Object.values(metrics.latency)) expect(value).toBeGreaterThanOrEqual(0);
  for (const topic of metrics.topicStats) {
    expect(topic.produceRate).toBeGreaterThanOrEqual(0);
    expect(topic.fetchRate).toBeGreaterThanOrEqual(0);
  }
  expect(metrics.totalLag).toBeGreaterThanOrEqual(0);
  for (const group of metrics.consumerLags) {
    expect(group.totalLag).toBeGreaterThanOrEqual(0);
    for (const topic of group.topicLags) {
      expect(topic.totalLag).toBeGreaterThanOrEqual(0);
      for (const part of topic.partitionLags) expect(part.lag).toBeGreaterThanOrEqual(0);
    }
  }
}

describe('normalizeMetrics — spec dialect', () => {
  it('takes rates and latency as given', () => {
    const raw = makeMetrics({
      throughput: { produceRate: 120, fetchRate: 80, produceBytes: 12_000, fetchBytes: 8000 },
      latency: { produceP50: 2, produceP95: 5, produceP99: 9, fetchP50: 1, fetchP95: 3, fetchP99: 4 },
      topicStats: [makeTopicStat('orders', { produceRate: 40, fetchRate: 10, partitions: 6 })],
      clusterHealth: { activeConnections: 3, goroutineCount: 77 },
    });
    const { metrics, baseline } = normalizeMetrics(raw, 'spec', null, 5000);
    // Kept in both dialects: offsets may have to give the rates, and the server's counters are watched.
    expect(baseline.serverCounters).toBe(true);
    expect(metrics.throughput).toEqual(raw.throughput);
    expect(metrics.latency).toEqual(raw.latency);
    expect(metrics.topicStats).toEqual(raw.topicStats);
    expect(metrics.clusterHealth).toEqual(raw.clusterHealth);
    expect(metrics).toMatchObject({
      ratesKnown: true,
      throughputSource: 'server',
      latencyEstimated: false,
      latencyReported: true,
      connectionsReported: true,
      receivedAt: 5000,
      timestamp: BASE_TIMESTAMP,
    });
    expect(metrics.throughput).not.toBe(raw.throughput);
  });

  it('clamps negative rates and latencies at 0', () => {
    const raw = makeMetrics({
      throughput: { produceRate: -1, fetchRate: 3 },
      latency: { fetchP99: -2 },
      topicStats: [makeTopicStat('a', { produceRate: -4 })],
    });
    const { metrics } = normalizeMetrics(raw, 'spec', null, 0);
    expect(metrics.throughput.produceRate).toBe(0);
    expect(metrics.throughput.fetchRate).toBe(3);
    expect(metrics.latency.fetchP99).toBe(0);
    expect(metrics.topicStats[0].produceRate).toBe(0);
  });
});

describe('normalizeMetrics — takhin dialect', () => {
  it('reports no rate on the first sample and converts latency from seconds to ms', () => {
    const raw = counters(1000, 500, { a: [600, 300] }, BASE_TIMESTAMP);
    raw.latency = {
      produceP50: 0.004,
      produceP95: 0.0075,
      produceP99: 0.01,
      fetchP50: 0.002,
      fetchP95: 0.00375,
      fetchP99: 0.005,
    };
    const { metrics, baseline } = normalizeMetrics(raw, 'takhin', null, 10_000);
    expect(metrics.ratesKnown).toBe(false);
    expect(metrics.throughput).toEqual({ produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 });
    expect(metrics.topicStats[0].produceRate).toBe(0);
    expect(metrics.latencyEstimated).toBe(true);
    expect(metrics.latency.produceP50).toBeCloseTo(4, 10);
    expect(metrics.latency.produceP99).toBeCloseTo(10, 10);
    expect(metrics.latency.fetchP95).toBeCloseTo(3.75, 10);
    expect(baseline).toEqual({
      time: 10_000,
      serverTimestamp: BASE_TIMESTAMP,
      throughput: raw.throughput,
      topics: { a: { produce: 600, fetch: 300 } },
      serverCounters: true,
    });
  });

  it('derives per-second rates from cumulative counters', () => {
    const first = normalizeMetrics(
      counters(1000, 500, { a: [600, 300], b: [400, 200] }, BASE_TIMESTAMP),
      'takhin',
      null,
      10_000,
    );
    const second = normalizeMetrics(
      counters(1400, 700, { a: [900, 400], b: [500, 300] }, BASE_TIMESTAMP + 2),
      'takhin',
      first.baseline,
      12_000,
    );
    expect(second.metrics.ratesKnown).toBe(true);
    expect(second.metrics.throughput).toEqual({
      produceRate: 200,
      fetchRate: 100,
      produceBytes: 20_000,
      fetchBytes: 10_000,
    });
    expect(second.metrics.topicStats.map((t) => [t.name, t.produceRate, t.fetchRate])).toEqual([
      ['a', 150, 50],
      ['b', 50, 50],
    ]);
  });

  it('treats a counter that grows then resets as a restart: no negative rate, ratesKnown false', () => {
    const samples = [
      counters(1000, 500, { a: [1000, 500] }, BASE_TIMESTAMP),
      counters(3000, 900, { a: [3000, 900] }, BASE_TIMESTAMP + 2),
      counters(50, 10, { a: [50, 10] }, BASE_TIMESTAMP + 4), // server restarted
      counters(250, 30, { a: [250, 30] }, BASE_TIMESTAMP + 6),
    ];
    let baseline: RateBaseline | null = null;
    const out: Metrics[] = [];
    samples.forEach((raw, i) => {
      const result = normalizeMetrics(raw, 'takhin', baseline, 10_000 + i * 2000);
      baseline = result.baseline;
      out.push(result.metrics);
      expectNoNegative(result.metrics);
    });
    expect(out.map((m) => m.ratesKnown)).toEqual([false, true, false, true]);
    expect(out[1].throughput.produceRate).toBe(1000);
    expect(out[2].throughput).toEqual({ produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 });
    expect(out[2].topicStats[0].produceRate).toBe(0);
    // the restarted sample became the baseline
    expect(out[3].throughput.produceRate).toBe(100);
    expect(out[3].topicStats[0].fetchRate).toBe(10);
  });

  it('detects a reset on any one throughput counter', () => {
    const first = normalizeMetrics(counters(1000, 500, {}, 1), 'takhin', null, 0);
    const raw = counters(2000, 900, {}, 3);
    raw.throughput.fetchBytes = 10;
    const second = normalizeMetrics(raw, 'takhin', first.baseline, 2000);
    expect(second.metrics.ratesKnown).toBe(false);
    expect(second.metrics.throughput.produceRate).toBe(0);
    expect(second.baseline!.throughput.fetchBytes).toBe(10);
  });

  it('gives rate 0 to a new topic and to a topic whose own counter dropped', () => {
    const first = normalizeMetrics(
      counters(100, 100, { a: [100, 100], b: [500, 500] }, 1),
      'takhin',
      null,
      0,
    );
    const second = normalizeMetrics(
      counters(300, 300, { a: [300, 200], b: [20, 600], c: [999, 999] }, 3),
      'takhin',
      first.baseline,
      2000,
    );
    expect(second.metrics.ratesKnown).toBe(true);
    const rates = Object.fromEntries(
      second.metrics.topicStats.map((t) => [t.name, [t.produceRate, t.fetchRate]]),
    );
    expect(rates).toEqual({ a: [100, 50], b: [0, 50], c: [0, 0] });
  });

  it('falls back to the server clock when the client clock does not advance', () => {
    const first = normalizeMetrics(counters(100, 100, {}, 1000), 'takhin', null, 50_000);
    const sameInstant = normalizeMetrics(counters(500, 100, {}, 1004), 'takhin', first.baseline, 50_000);
    expect(sameInstant.metrics.ratesKnown).toBe(true);
    expect(sameInstant.metrics.throughput.produceRate).toBe(100);
    const backwards = normalizeMetrics(counters(900, 100, {}, 1006), 'takhin', sameInstant.baseline, 40_000);
    expect(backwards.metrics.throughput.produceRate).toBe(200);
  });

  it('reports no rate when neither clock advanced', () => {
    const first = normalizeMetrics(counters(100, 100, {}, 1000), 'takhin', null, 50_000);
    const again = normalizeMetrics(counters(200, 100, {}, 1000), 'takhin', first.baseline, 50_000);
    expect(again.metrics.ratesKnown).toBe(false);
    expect(again.metrics.throughput.produceRate).toBe(0);
  });
});

describe('normalizeMetrics — both dialects', () => {
  const lagRaw = () =>
    makeMetrics({
      topicStats: ['zeta', 'alpha', 'Mid', 'beta'].map((name) => makeTopicStat(name)),
      consumerLags: [
        {
          groupId: 'g2',
          totalLag: 999,
          topicLags: [
            {
              topic: 't2',
              totalLag: 0,
              partitionLags: [
                makePartitionLag(2, 10, 15),
                makePartitionLag(0, 100, 90, -10),
                makePartitionLag(1, 5, 9, -1),
              ],
            },
            { topic: 't1', totalLag: -7, partitionLags: [] },
          ],
        },
        makeConsumerLag('g1', { t9: [3, 4] }),
        { groupId: 'g0', totalLag: -3, topicLags: [] },
      ],
    });

  for (const dialect of ['spec', 'takhin'] as const) {
    it(`${dialect}: sorts every array by identity`, () => {
      const { metrics } = normalizeMetrics(lagRaw(), dialect, null, 0);
      expect(metrics.topicStats.map((t) => t.name)).toEqual(['Mid', 'alpha', 'beta', 'zeta']);
      expect(metrics.consumerLags.map((g) => g.groupId)).toEqual(['g0', 'g1', 'g2']);
      expect(metrics.consumerLags[2].topicLags.map((t) => t.topic)).toEqual(['t1', 't2']);
      expect(metrics.consumerLags[2].topicLags[1].partitionLags.map((p) => p.partition)).toEqual([0, 1, 2]);
    });

    it(`${dialect}: clamps lag at 0 and recomputes the totals consistently`, () => {
      const { metrics } = normalizeMetrics(lagRaw(), dialect, null, 0);
      expectNoNegative(metrics);
      const g2 = metrics.consumerLags[2];
      // partition 0: lag -10 and offsets 100 → 90 give 0; partition 1: -1 with offsets 5 → 9 gives 4
      expect(g2.topicLags[1].partitionLags.map((p) => p.lag)).toEqual([0, 4, 5]);
      expect(g2.topicLags[1].totalLag).toBe(9);
      expect(g2.topicLags[0].totalLag).toBe(0); // no partitions: the server's -7 clamped
      expect(g2.totalLag).toBe(9); // the server's 999 disagreed with its topics
      expect(metrics.consumerLags[0].totalLag).toBe(0); // no topics: the server's -3 clamped
      expect(metrics.consumerLags[1].totalLag).toBe(7);
      expect(metrics.totalLag).toBe(16);
    });

    it(`${dialect}: gives identical output for shuffled input and never mutates it`, () => {
      const raw = makeBigClusterMetrics({
        topics: 60,
        partitions: 7,
        groups: 25,
        topicsPerGroup: 4,
        seed: 3,
      });
      const other: MonitoringMetrics = deepFreeze({
        ...raw,
        topicStats: shuffled(raw.topicStats, 99),
        consumerLags: shuffled(raw.consumerLags, 98).map((g, i) => ({
          ...g,
          topicLags: shuffled(g.topicLags, i).map((t, j) => ({
            ...t,
            partitionLags: shuffled(t.partitionLags, i * 7 + j),
          })),
        })),
      });
      const snapshot = JSON.stringify(deepFreeze(raw));
      const a = normalizeMetrics(raw, dialect, null, 0).metrics;
      const b = normalizeMetrics(other, dialect, null, 0).metrics;
      expect(b).toEqual(a);
      expect(JSON.stringify(raw)).toBe(snapshot);
    });

    it(`${dialect}: keeps the last row of a duplicated key`, () => {
      const raw = makeMetrics({
        topicStats: [
          makeTopicStat('a', { partitions: 1 }),
          makeTopicStat('b'),
          makeTopicStat('a', { partitions: 9 }),
        ],
        consumerLags: [makeConsumerLag('g', { x: [1] }), makeConsumerLag('g', { x: [5] })],
      });
      const { metrics } = normalizeMetrics(raw, dialect, null, 0);
      expect(metrics.topicStats.map((t) => [t.name, t.partitions])).toEqual([
        ['a', 9],
        ['b', 1],
      ]);
      expect(metrics.consumerLags).toHaveLength(1);
      expect(metrics.totalLag).toBe(5);
    });

    it(`${dialect}: sorts partitions numbered other than 0…n−1, keeping the last of a repeated number`, () => {
      const group = (parts: ReturnType<typeof makePartitionLag>[]) =>
        makeMetrics({
          consumerLags: [
            { groupId: 'g', totalLag: 0, topicLags: [{ topic: 't', totalLag: 0, partitionLags: parts }] },
          ],
        });
      const partitionsOf = (raw: MonitoringMetrics) =>
        normalizeMetrics(raw, dialect, null, 0).metrics.consumerLags[0].topicLags[0].partitionLags.map(
          (p) => [p.partition, p.lag],
        );
      expect(
        partitionsOf(
          group([makePartitionLag(9, 0, 1), makePartitionLag(2, 0, 2), makePartitionLag(5, 0, 3)]),
        ),
      ).toEqual([
        [2, 2],
        [5, 3],
        [9, 1],
      ]);
      expect(
        partitionsOf(
          group([makePartitionLag(1, 0, 1), makePartitionLag(0, 0, 2), makePartitionLag(1, 0, 3)]),
        ),
      ).toEqual([
        [0, 2],
        [1, 3],
      ]);
      expect(partitionsOf(group([makePartitionLag(0.5, 0, 1), makePartitionLag(-1, 0, 2)]))).toEqual([
        [-1, 2],
        [0.5, 1],
      ]);
    });

    it(`${dialect}: copies clusterHealth and drops unknown fields`, () => {
      const raw = makeMetrics({ clusterHealth: { totalConsumers: 4, diskUsageBytes: 1e12 } });
      (raw.clusterHealth as unknown as Record<string, unknown>).extra = 'x';
      const { metrics } = normalizeMetrics(raw, dialect, null, 0);
      expect(metrics.clusterHealth.totalConsumers).toBe(4);
      expect(metrics.clusterHealth.diskUsageBytes).toBe(1e12);
      expect('extra' in metrics.clusterHealth).toBe(false);
      expect(metrics.clusterHealth).not.toBe(raw.clusterHealth);
    });
  }
});

describe('normalizeMetrics — structural sharing with the previous sample', () => {
  const raw = () =>
    makeBigClusterMetrics({ topics: 30, partitions: 4, groups: 10, topicsPerGroup: 3, seed: 5 });

  it('shares nothing without a previous sample', () => {
    const first = normalizeMetrics(raw(), 'spec', null, 0).metrics;
    const next = normalizeMetrics(raw(), 'spec', null, 0, null).metrics;
    expect(next).toEqual(first);
    expect(next.topicStats[0]).not.toBe(first.topicStats[0]);
  });

  it('reuses every unchanged part of the previous sample, even from shuffled input', () => {
    const previous = normalizeMetrics(raw(), 'spec', null, 0).metrics;
    const again = raw();
    const next = normalizeMetrics(
      { ...again, topicStats: shuffled(again.topicStats, 4) },
      'spec',
      null,
      2000,
      previous,
    ).metrics;
    expect(next).not.toBe(previous);
    expect(next.receivedAt).toBe(2000);
    expect(next.throughput).toBe(previous.throughput);
    expect(next.latency).toBe(previous.latency);
    expect(next.clusterHealth).toBe(previous.clusterHealth);
    expect(next.topicStats).toBe(previous.topicStats);
    expect(next.consumerLags).toBe(previous.consumerLags);
  });

  it('replaces only the path that changed', () => {
    const previous = normalizeMetrics(raw(), 'spec', null, 0).metrics;
    const changed = raw();
    // Any group that reads something; the simulated cluster names its groups like real services.
    const group = changed.consumerLags.find((g) => g.topicLags.length > 0)!;
    const topic = group.topicLags[0];
    const part = topic.partitionLags[0];
    part.lag += 1;
    part.currentOffset -= 1;
    topic.totalLag += 1;
    group.totalLag += 1;
    changed.topicStats[0].totalMessages += 1;
    const next = normalizeMetrics(changed, 'spec', null, 0, previous).metrics;

    expect(next.consumerLags).not.toBe(previous.consumerLags);
    next.consumerLags.forEach((g, i) => {
      if (g.groupId === group.groupId) {
        expect(g).not.toBe(previous.consumerLags[i]);
        g.topicLags.forEach((t, j) => {
          const before = previous.consumerLags[i].topicLags[j];
          if (t.topic === topic.topic) {
            expect(t).not.toBe(before);
            t.partitionLags.forEach((p, k) =>
              p.partition === part.partition
                ? expect(p).not.toBe(before.partitionLags[k])
                : expect(p).toBe(before.partitionLags[k]),
            );
          } else expect(t).toBe(before);
        });
      } else expect(g).toBe(previous.consumerLags[i]);
    });
    const changedName = changed.topicStats[0].name;
    next.topicStats.forEach((t, i) =>
      t.name === changedName
        ? expect(t).not.toBe(previous.topicStats[i])
        : expect(t).toBe(previous.topicStats[i]),
    );
    expect(next.clusterHealth).toBe(previous.clusterHealth);
  });

  it('shares partition rows whose neighbours moved', () => {
    const lags = (parts: ReturnType<typeof makePartitionLag>[]) =>
      makeMetrics({
        consumerLags: [
          { groupId: 'g', totalLag: 0, topicLags: [{ topic: 't', totalLag: 0, partitionLags: parts }] },
        ],
      });
    const previous = normalizeMetrics(
      lags([makePartitionLag(3, 0, 5), makePartitionLag(7, 0, 6)]),
      'spec',
      null,
      0,
    ).metrics;
    const next = normalizeMetrics(
      lags([makePartitionLag(7, 0, 6), makePartitionLag(1, 0, 1), makePartitionLag(3, 0, 9)]),
      'spec',
      null,
      0,
      previous,
    ).metrics;
    const [before, now] = [previous, next].map((m) => m.consumerLags[0].topicLags[0].partitionLags);
    expect(now.map((p) => p.partition)).toEqual([1, 3, 7]);
    expect(now[2]).toBe(before[1]);
    expect(now[1]).not.toBe(before[0]);
    expect(now[1].lag).toBe(9);
  });

  it('handles added and removed rows', () => {
    const previous = normalizeMetrics(
      makeMetrics({ topicStats: ['a', 'b', 'c'].map((n) => makeTopicStat(n)) }),
      'spec',
      null,
      0,
    ).metrics;
    const next = normalizeMetrics(
      makeMetrics({ topicStats: ['b', 'c', 'd'].map((n) => makeTopicStat(n)) }),
      'spec',
      null,
      0,
      previous,
    ).metrics;
    expect(next.topicStats.map((t) => t.name)).toEqual(['b', 'c', 'd']);
    expect(next.topicStats[0]).toBe(previous.topicStats[1]);
    expect(next.topicStats[1]).toBe(previous.topicStats[2]);
    const fewer = normalizeMetrics(
      makeMetrics({ topicStats: [makeTopicStat('a')] }),
      'spec',
      null,
      0,
      previous,
    ).metrics;
    expect(fewer.topicStats).toEqual([previous.topicStats[0]]);
    expect(fewer.topicStats).not.toBe(previous.topicStats);
  });
});
