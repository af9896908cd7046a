import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { appendBounded, nthLargest, sampleFromMetrics } from '../../src/core/history.js';
import { lagEntries, lagValues, sampleLag } from '../../src/core/lagValues.js';
import { lagSeries } from '../../src/core/lagSeries.js';
import { DEFAULTS } from '../../src/core/defaults.js';
import { createTakhinStore } from '../../src/core/store.js';
import { lagKey } from '../../src/core/state.js';
import type { Metrics, MetricsSample } from '../../src/core/state.js';
import { trackGroupLag } from '../../src/core/trackGroupLag.js';
import { createRandom } from '../../src/sim/random.js';
import { frame, makeConsumerLag, makeMetrics, metricsMessage } from './fixtures.js';
import { parseFrame } from '../../src/core/parse.js';

const MiB = 2 ** 20;

/** Normalized metrics of `groups` groups × `topics` topics, with lags from `lagOf(group, topic)`. */
function wideMetrics(
  groups: number,
  topics: number,
  lagOf: (g: number, t: number) => number,
  time = 0,
): Metrics {
  const consumerLags = [];
  let totalLag = 0;
  for (let g = 0; g < groups; g++) {
    const topicLags = [];
    let groupLag = 0;
    for (let t = 0; t < topics; t++) {
      const lag = lagOf(g, t);
      groupLag += lag;
      const topic = `topic-${String(t).padStart(2, '0')}`;
      topicLags.push({ topic, totalLag: lag, partitionLags: [], consumeRate: null });
    }
    totalLag += groupLag;
    const groupId = `group-${String(g).padStart(5, '0')}`;
    consumerLags.push({ groupId, totalLag: groupLag, topicLags, consumeRate: null });
  }
  return {
    throughput: { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 },
    latency: { produceP50: 0, produceP95: 0, produceP99: 0, fetchP50: 0, fetchP95: 0, fetchP99: 0 },
    topicStats: [],
    consumerLags,
    clusterHealth: {
      activeConnections: 0,
      totalTopics: topics,
      totalPartitions: topics,
      totalConsumers: groups,
      diskUsageBytes: 0,
      memoryUsageBytes: 0,
      goroutineCount: 0,
    },
    timestamp: Math.floor(time / 1000),
    receivedAt: time,
    totalLag,
    ratesKnown: true,
    throughputSource: 'server',
    throughputKnown: { produceRate: true, fetchRate: true, produceBytes: true, fetchBytes: true },
    latencyEstimated: false,
    latencyReported: false,
    connectionsReported: false,
  };
}

/** `gc` from `--expose-gc`, or switched on at run time and read from a fresh context; null if neither works. */
function collector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

/** JS heap plus ArrayBuffer backing stores (typed arrays keep their numbers outside the JS heap). */
function retainedBytes(gc: () => void): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

describe('bounded history at 5,000 groups × 10 topics', () => {
  const GROUPS = 5000;
  const TOPICS = 10;
  const SIZE = DEFAULTS.historySize;

  /** 300 samples as the store takes them, lags moving every tick, one group tracked halfway. */
  function fill(): MetricsSample[] {
    const random = createRandom(5);
    const metrics = wideMetrics(GROUPS, TOPICS, () => random.int(1e6));
    let history: MetricsSample[] = [];
    for (let tick = 0; tick < SIZE; tick++) {
      for (const group of metrics.consumerLags) {
        for (const topic of group.topicLags) topic.totalLag = random.int(1e6);
      }
      const tracked: Record<string, number> = tick >= SIZE / 2 ? { 'group-00042': 1 } : {};
      const m = { ...metrics, receivedAt: tick * 2000 };
      const sample = sampleFromMetrics(m, history.at(-1), tracked, DEFAULTS.topicLagPairs);
      history = appendBounded(history, [sample], SIZE);
    }
    return history;
  }

  it('keeps one number per group per sample, under one shared key list, and pairs only for the tracked', () => {
    const history = fill();
    expect(history).toHaveLength(SIZE);
    const groupKeys = new Set(history.map((s) => s.groupLag.keys));
    expect(groupKeys.size).toBe(1);
    expect([...groupKeys][0]).toHaveLength(GROUPS);
    let groupNumbers = 0;
    let pairNumbers = 0;
    for (const [i, sample] of history.entries()) {
      groupNumbers += sample.groupLag.values.length;
      pairNumbers += sample.topicLag.values.length;
      // The 100 highest pairs, plus the tracked group's topics that are not among them.
      expect(sample.topicLag.values.length).toBeGreaterThanOrEqual(DEFAULTS.topicLagPairs);
      expect(sample.topicLag.values.length).toBeLessThanOrEqual(DEFAULTS.topicLagPairs + TOPICS);
      if (i >= SIZE / 2) expect(sampleLag(sample.topicLag, lagKey('group-00042', 'topic-03'))).toBeDefined();
    }
    expect(groupNumbers).toBe(GROUPS * SIZE);
    // Against 5,000 × 10 × 300 = 15,000,000 pairs if every pair were kept.
    expect(pairNumbers).toBeLessThanOrEqual((DEFAULTS.topicLagPairs + TOPICS) * SIZE);
  });

  it('holds at most 64 MiB of memory for the 300 samples (heap and typed arrays, after GC)', () => {
    const gc = collector();
    let history: MetricsSample[] | null = null;
    const before = gc ? retainedBytes(gc) : 0;
    history = fill();
    const after = gc ? retainedBytes(gc) : 0;
    const bytes = history.reduce(
      (sum, s) => sum + s.groupLag.values.byteLength + s.topicLag.values.byteLength,
      0,
    );
    // The numbers alone: 5,000 × 300 × 8 bytes for the groups, ~110 × 300 × 8 for the pairs.
    expect(bytes).toBeLessThan(13 * MiB);
    if (gc) expect(after - before).toBeLessThan(64 * MiB);
    expect(history).toHaveLength(SIZE);
    history = null;
  });
});

describe('history samples', () => {
  it('keep every pair of the tracked groups and the N highest others, first ones winning a tie', () => {
    const lags = [
      [5, 1, 9],
      [9, 0, 2],
      [3, 3, 3],
    ];
    const m = wideMetrics(3, 3, (g, t) => lags[g][t]);
    const keys = (tracked: Record<string, number>, top: number) =>
      sampleFromMetrics(m, undefined, tracked, top).topicLag.keys.map((k) => k.replace('\u0000', '/'));
    expect(keys({}, 2)).toEqual(['group-00000/topic-02', 'group-00001/topic-00']);
    expect(keys({}, 3)).toEqual(['group-00000/topic-00', 'group-00000/topic-02', 'group-00001/topic-00']);
    // Three pairs tie at 3 for the fourth place: only the first of them gets in.
    expect(keys({}, 4)).toHaveLength(4);
    expect(keys({}, 4)).toContain('group-00002/topic-00');
    expect(keys({}, 0)).toEqual([]);
    expect(keys({ 'group-00002': 1 }, 1)).toEqual([
      'group-00000/topic-02',
      'group-00002/topic-00',
      'group-00002/topic-01',
      'group-00002/topic-02',
    ]);
    expect(keys({}, Infinity)).toHaveLength(9);
  });

  it('share key arrays with the previous sample while the keys are the same', () => {
    const a = sampleFromMetrics(
      wideMetrics(3, 2, () => 1),
      undefined,
      {},
      10,
    );
    const b = sampleFromMetrics(
      wideMetrics(3, 2, () => 2),
      a,
      {},
      10,
    );
    expect(b.groupLag.keys).toBe(a.groupLag.keys);
    expect(b.topicLag.keys).toBe(a.topicLag.keys);
    expect([...b.groupLag.values]).toEqual([4, 4, 4]);
    const c = sampleFromMetrics(
      wideMetrics(4, 2, () => 2),
      b,
      {},
      10,
    );
    expect(c.groupLag.keys).not.toBe(b.groupLag.keys);
    expect(c.groupLag.keys).toHaveLength(4);
  });

  it('lagSeries reads one series across samples, NaN where a sample lacks it, memoised per history', () => {
    const history = [
      { time: 1, groupLag: lagValues({ g: 1 }), topicLag: lagValues({}) },
      { time: 2, groupLag: lagValues({ g: 2, h: 5 }), topicLag: lagValues([[lagKey('g', 'a'), 7]]) },
    ] as MetricsSample[];
    const series = lagSeries(history, 'g');
    expect([...series.times]).toEqual([1, 2]);
    expect([...series.values]).toEqual([1, 2]);
    expect(lagSeries(history, 'g')).toBe(series);
    const topic = lagSeries(history, 'g', 'a');
    expect([...topic.values]).toEqual([Number.NaN, 7]);
    expect(topic.known).toBe(1);
    expect(
      lagEntries(
        lagValues([
          ['x', 1],
          ['x', 2],
        ]),
      ),
    ).toEqual([['x', 2]]);
  });

  it('nthLargest agrees with a sort', () => {
    const random = createRandom(9);
    for (let run = 0; run < 50; run++) {
      const values = Float64Array.from({ length: 1 + random.int(200) }, () => random.int(20));
      const n = 1 + random.int(values.length);
      const sorted = [...values].sort((a, b) => b - a);
      expect(nthLargest(values, n)).toBe(sorted[n - 1]);
    }
  });
});

describe('trackGroupLag', () => {
  const tick = (lags: Record<string, Record<string, number[]>>) =>
    parseFrame(
      frame(
        metricsMessage(
          makeMetrics({
            consumerLags: Object.entries(lags).map(([id, topics]) => makeConsumerLag(id, topics)),
          }),
        ),
      ),
    );

  it('is ref-counted, idempotent to release, kept by reset, and decides which topics the next samples keep', () => {
    const store = createTakhinStore({ dialect: 'spec', topicLagPairs: 1 });
    const ingest = (t: number) =>
      store.dispatch({
        type: 'ingest',
        ...tick({ g: { a: [1], b: [2] }, h: { a: [50] } }),
        frames: 1,
        bytes: 0,
        receivedAt: t,
      });
    ingest(1000);
    const pairs = () =>
      store
        .getState()
        .history.at(-1)!
        .topicLag.keys.map((k) => k.replace('\u0000', '/'));
    expect(pairs()).toEqual(['h/a']);

    const first = trackGroupLag(store, 'g');
    const second = trackGroupLag(store, 'g');
    expect(store.getState().trackedGroups).toEqual({ g: 2 });
    ingest(2000);
    expect(pairs()).toEqual(['g/a', 'g/b', 'h/a']);

    first();
    first();
    expect(store.getState().trackedGroups).toEqual({ g: 1 });
    store.dispatch({ type: 'reset' });
    expect(store.getState().trackedGroups).toEqual({ g: 1 });
    ingest(3000);
    expect(pairs()).toEqual(['g/a', 'g/b', 'h/a']);

    second();
    expect(store.getState().trackedGroups).toEqual({});
    ingest(4000);
    expect(pairs()).toEqual(['h/a']);
    // More releases than holds never go below zero.
    store.dispatch({ type: 'trackGroupLag', groupId: 'g', delta: -1 });
    expect(store.getState().trackedGroups).toEqual({});
  });
});
