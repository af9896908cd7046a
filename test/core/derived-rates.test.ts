import { describe, expect, it } from 'vitest';
import { createInitialState, takhinReducer } from '../../src/core/index.js';
import type { MonitoringMetrics } from '../../src/core/protocol.js';
import type { Dialect } from '../../src/core/protocol.js';
import type { TakhinState } from '../../src/core/state.js';
import { BASE_TIMESTAMP, makeMetrics, makeTopicStat } from './fixtures.js';

// What the real Takhin Console sends: every counter and latency at 0, while high-water marks, sizes on
// disk and committed offsets move. Rates must come from those, labelled as such.

interface Tick {
  /** Per topic: [totalMessages, totalBytes]. */
  topics: Record<string, [number, number]>;
  /** Per group, per topic: committed offset of each partition (log end = the topic's messages). */
  groups?: Record<string, Record<string, number[]>>;
  throughput?: Partial<MonitoringMetrics['throughput']>;
  latency?: Partial<MonitoringMetrics['latency']>;
  activeConnections?: number;
}

function consoleMetrics(tick: Tick, second: number): MonitoringMetrics {
  return makeMetrics({
    throughput: { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0, ...tick.throughput },
    latency: tick.latency,
    topicStats: Object.entries(tick.topics).map(([name, [totalMessages, totalBytes]]) =>
      makeTopicStat(name, { partitions: 2, totalMessages, totalBytes }),
    ),
    consumerLags: Object.entries(tick.groups ?? {}).map(([groupId, topics]) => {
      const topicLags = Object.entries(topics).map(([topic, offsets]) => {
        const end = tick.topics[topic][0];
        const partitionLags = offsets.map((currentOffset, partition) => ({
          partition,
          currentOffset,
          logEndOffset: end,
          lag: end - currentOffset,
        }));
        return { topic, totalLag: partitionLags.reduce((s, p) => s + p.lag, 0), partitionLags };
      });
      return { groupId, totalLag: topicLags.reduce((s, t) => s + t.totalLag, 0), topicLags };
    }),
    clusterHealth: { activeConnections: tick.activeConnections ?? 0 },
    timestamp: BASE_TIMESTAMP + second,
  });
}

/** Feeds one metrics message per tick, two seconds apart (client and server clocks agree). */
function feed(ticks: Tick[], dialect: Dialect = 'takhin', state?: TakhinState): TakhinState {
  let s = state ?? createInitialState({ dialect });
  const start = s.metrics ? s.metrics.receivedAt + 2000 : 1_000_000;
  ticks.forEach((tick, i) => {
    s = takhinReducer(s, {
      type: 'ingest',
      messages: [{ type: 'metrics', data: consoleMetrics(tick, i * 2), timestamp: BASE_TIMESTAMP }],
      errors: [],
      frames: 1,
      bytes: 1,
      receivedAt: start + i * 2000,
    });
  });
  return s;
}

describe('rates derived from offsets when the server counters stay at zero', () => {
  it('gives no rate from one sample, then per-topic, cluster and per-group rates from the change', () => {
    const first = feed([{ topics: { a: [1000, 10_000], b: [50, 500] }, groups: { g: { a: [900, 900] } } }]);
    expect(first.metrics!.throughputSource).toBeNull();
    expect(first.metrics!.ratesKnown).toBe(false);
    expect(first.metrics!.consumerLags[0].consumeRate).toBeNull();

    const state = feed(
      [{ topics: { a: [1200, 12_000], b: [70, 600] }, groups: { g: { a: [950, 1010] } } }],
      'takhin',
      first,
    );
    const m = state.metrics!;
    expect(m.throughputSource).toBe('offsets');
    expect(m.ratesKnown).toBe(true);
    // 200 and 20 messages over 2 s
    expect(m.topicStats.map((t) => [t.name, t.produceRate])).toEqual([
      ['a', 100],
      ['b', 10],
    ]);
    expect(m.throughput.produceRate).toBe(110);
    // partitions committed 50 and 110 messages over 2 s
    const group = m.consumerLags[0];
    expect(group.topicLags[0].partitionLags.map((p) => p.consumeRate)).toEqual([25, 55]);
    expect(group.topicLags[0].consumeRate).toBe(80);
    expect(group.consumeRate).toBe(80);
    expect(state.groups.g.consumeRate).toBe(80);
    expect(m.throughput.fetchRate).toBe(80);
    // a topic's fetch rate is what its groups consume
    expect(m.topicStats[0].fetchRate).toBe(80);
    expect(m.topicStats[1].fetchRate).toBe(0);
    // bytes produced from the growth on disk; bytes consumed cannot be known from offsets
    expect(m.throughput.produceBytes).toBe(1050);
    expect(m.throughputKnown).toEqual({
      produceRate: true,
      fetchRate: true,
      produceBytes: true,
      fetchBytes: false,
    });
  });

  it('never gives a negative rate or a spike when a high-water mark or an offset goes down', () => {
    const state = feed([
      { topics: { a: [1000, 10_000] }, groups: { g: { a: [900, 900] } } },
      // topic recreated: the log starts over; the group's offsets go back with it
      { topics: { a: [10, 100] }, groups: { g: { a: [5, 10] } } },
    ]);
    const m = state.metrics!;
    expect(m.topicStats[0].produceRate).toBe(0);
    expect(m.consumerLags[0].topicLags[0].partitionLags.map((p) => p.consumeRate)).toEqual([null, null]);
    expect(m.consumerLags[0].consumeRate).toBeNull();
    for (const value of Object.values(m.throughput)) expect(value).toBeGreaterThanOrEqual(0);
    // the size on disk shrank: bytes produced are unknown, not negative
    expect(m.throughputKnown.produceBytes).toBe(false);
    expect(m.throughput.produceBytes).toBe(0);
  });

  it('derives nothing from the first sample after a reconnect', () => {
    const before = feed([
      { topics: { a: [1000, 10_000] }, groups: { g: { a: [900] } } },
      { topics: { a: [1100, 11_000] }, groups: { g: { a: [950] } } },
    ]);
    expect(before.metrics!.throughputSource).toBe('offsets');
    const reopened = takhinReducer(
      takhinReducer(before, { type: 'connection', patch: { status: 'reconnecting' } }),
      { type: 'connection', patch: { status: 'open' } },
    );
    // an outage of a minute: the average over it is no rate of now
    const after = feed([{ topics: { a: [9000, 90_000] }, groups: { g: { a: [8000] } } }], 'takhin', reopened);
    expect(after.metrics!.throughputSource).toBeNull();
    expect(after.metrics!.ratesKnown).toBe(false);
    expect(after.metrics!.throughput.produceRate).toBe(0);
    expect(after.metrics!.consumerLags[0].consumeRate).toBeNull();
    const next = feed([{ topics: { a: [9100, 91_000] }, groups: { g: { a: [8100] } } }], 'takhin', after);
    expect(next.metrics!.throughput.produceRate).toBe(50);
  });

  it("lets the server's own counters win once they move, in both dialects", () => {
    const takhin = feed([
      { topics: { a: [1000, 0] }, throughput: { produceRate: 5000 } },
      { topics: { a: [1100, 0] }, throughput: { produceRate: 5600 } },
    ]);
    expect(takhin.metrics!.throughputSource).toBe('server');
    expect(takhin.metrics!.throughput.produceRate).toBe(300);
    const spec = feed([{ topics: { a: [1000, 0] }, throughput: { produceRate: 42 } }], 'spec');
    expect(spec.metrics!.throughputSource).toBe('server');
    expect(spec.metrics!.throughput.produceRate).toBe(42);
    // an idle tick later (all zero) still trusts the server, which has shown it measures
    const idle = feed([{ topics: { a: [1000, 0] } }], 'spec', spec);
    expect(idle.metrics!.throughputSource).toBe('server');
  });

  it('says whether latency and connections are reported at all, and notices when they start', () => {
    const silent = feed([{ topics: {} }, { topics: {} }]);
    expect(silent.metrics!.latencyReported).toBe(false);
    expect(silent.metrics!.connectionsReported).toBe(false);
    const measured = feed(
      [{ topics: {}, latency: { produceP99: 0.01 }, activeConnections: 2 }],
      'takhin',
      silent,
    );
    expect(measured.metrics!.latencyReported).toBe(true);
    expect(measured.metrics!.connectionsReported).toBe(true);
  });
});
