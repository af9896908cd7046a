/**
 * Scenario 7: the metrics history of a cluster with many consumer groups — 5,000 groups × 10 topics
 * (1,000 topics of one partition) — filled to its default 300 samples. Measured: the heap the history
 * holds once full (heap plus ArrayBuffer memory after two full GCs with 300 samples, minus the same with
 * one sample; the input messages and the latest metrics are in both readings), the cost of one `ingest`
 * dispatch of such a tick into a full history (normalise + store, no parse: the parse does not depend on
 * the history) and, of that, the cost of building the history sample (`sampleFromMetrics`). The
 * messages are built once, ten successive ticks cycled, so the measured heap is the store's alone.
 */
import { lagKey } from '../../src/core/state.js';
import type { Metrics } from '../../src/core/state.js';
import { sampleFromMetrics } from '../../src/core/history.js';
import { gc, heapAfterGc, historyFeed, mib } from '../lib/historyFeed.js';
import type { Budget, Row, ScenarioBody } from '../lib/results.js';
import { ms, round, roundSummary, summarize } from '../lib/stats.js';

const SHAPE = { topics: 1000, partitionsPerTopic: 1, groups: 5000, topicsPerGroup: 10 };
const HISTORY = 300;
const DISTINCT_TICKS = 10;
const TIMED_TICKS = 30;
const BUDGET_BYTES = 64 * 2 ** 20;

/** The sample as 0.1 built it before this scenario existed: a record entry per group and per pair. */
function recordSample(m: Metrics) {
  const groupLag: Record<string, number> = Object.create(null);
  const topicLag: Record<string, number> = Object.create(null);
  for (const group of m.consumerLags) {
    groupLag[group.groupId] = group.totalLag;
    for (const topic of group.topicLags) topicLag[lagKey(group.groupId, topic.topic)] = topic.totalLag;
  }
  return { time: m.receivedAt, totalLag: m.totalLag, groupLag, topicLag };
}

export async function run(): Promise<ScenarioBody> {
  const { store, ingest } = historyFeed(SHAPE, 13, HISTORY, DISTINCT_TICKS);

  ingest();
  const one = heapAfterGc();
  const fill: number[] = [];
  while (store.getState().history.length < HISTORY) fill.push(ingest());
  const full = heapAfterGc();
  const retained = full - one;

  const timed: number[] = [];
  for (let i = 0; i < TIMED_TICKS; i++) {
    gc();
    timed.push(ingest());
  }
  const stats = roundSummary(summarize(timed));
  // Back to back with the sample this library built before the history was bounded, in the same run.
  const sampling: number[] = [];
  const recordSampling: number[] = [];
  for (let i = 0; i < TIMED_TICKS; i++) {
    const { metrics, history, trackedGroups, topicLagPairs } = store.getState();
    gc();
    const t0 = performance.now();
    sampleFromMetrics(metrics!, history.at(-1), trackedGroups, topicLagPairs);
    sampling.push(performance.now() - t0);
    gc();
    const t1 = performance.now();
    recordSample(metrics!);
    recordSampling.push(performance.now() - t1);
  }
  const sampleStats = roundSummary(summarize(sampling));
  const recordStats = roundSummary(summarize(recordSampling));
  const fillStats = roundSummary(summarize(fill));
  process.stdout.write(
    `  history: ${mib(retained)} for ${HISTORY} samples, ingest ${ms(stats)}, sample ${ms(sampleStats)}\n`,
  );

  const met = retained <= BUDGET_BYTES;
  const budgets: Budget[] = [
    {
      name: 'heap held by 300 samples of 5,000 groups × 10 topics',
      limit: '≤ 64 MiB',
      actual: mib(retained),
      met,
    },
  ];
  const rows: Row[] = [
    {
      metric: `heap held by ${HISTORY} history samples, 5,000 groups × 10 topics (after GC)`,
      ours: mib(retained),
      budget: '≤ 64 MiB',
      met,
    },
    {
      metric: 'ingest dispatch of such a tick into a full history (normalise + store), median (p95)',
      ours: ms(stats),
    },
    {
      metric: '  of which building the history sample, median (p95); seed column: one record entry per pair',
      ours: ms(sampleStats),
      seed: ms(recordStats),
      ratio: `${(recordStats.median / sampleStats.median).toFixed(0)}× faster`,
    },
  ];
  const state = store.getState();
  return {
    title: 'History: 300 samples of 5,000 consumer groups × 10 topics',
    budgets,
    rows,
    details: {
      shape: SHAPE,
      historySize: HISTORY,
      heapOneSampleMiB: round(one / 2 ** 20, 1),
      heapFullMiB: round(full / 2 ** 20, 1),
      retainedBytes: retained,
      ingestFull: stats,
      ingestWhileFilling: fillStats,
      historySample: sampleStats,
      recordSample: recordStats,
      historyLength: state.history.length,
    },
    notes: [],
  };
}
