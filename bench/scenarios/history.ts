/**
 * Scenario 7: the metrics history of a cluster with many consumer groups — 5,000 groups × 10 topics
 * (1,000 topics of one partition) — filled to its default 300 samples. Measured: the heap the history
 * holds once full (heap after two full GCs with 300 samples, minus the same with one sample; the input
 * messages and the latest metrics are in both readings), and the cost of one `ingest` dispatch of such a
 * tick into a full history (normalise + store, no parse: the parse does not depend on the history). The
 * messages are built once, ten successive ticks cycled, so the measured heap is the store's alone.
 */
import type { ServerMessage } from '../../src/core/protocol.js';
import { createTakhinStore } from '../../src/core/store.js';
import { BenchCluster } from '../lib/cluster.js';
import type { Budget, Row, ScenarioBody } from '../lib/results.js';
import { ms, round, roundSummary, summarize } from '../lib/stats.js';

const SHAPE = { topics: 1000, partitionsPerTopic: 1, groups: 5000, topicsPerGroup: 10 };
const HISTORY = 300;
const DISTINCT_TICKS = 10;
const TIMED_TICKS = 30;
const BUDGET_BYTES = 64 * 2 ** 20;

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc (npm run bench does)');
  collect();
  collect();
};

function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

export async function run(): Promise<ScenarioBody> {
  const cluster = new BenchCluster(SHAPE, 13);
  const messages: ServerMessage[] = [];
  for (let i = 0; i < DISTINCT_TICKS; i++) {
    cluster.advance(2);
    messages.push({ type: 'metrics', data: cluster.metrics('spec'), timestamp: cluster.time });
  }
  const store = createTakhinStore({ dialect: 'spec', historySize: HISTORY });
  let receivedAt = 1_700_000_000_000;
  let tick = 0;
  const ingest = (): number => {
    receivedAt += 2000;
    const message = messages[tick++ % DISTINCT_TICKS];
    const t0 = performance.now();
    store.dispatch({ type: 'ingest', messages: [message], errors: [], frames: 1, bytes: 0, receivedAt });
    return performance.now() - t0;
  };

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
  const fillStats = roundSummary(summarize(fill));
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  process.stdout.write(`  history: ${mib(retained)} for ${HISTORY} samples, ingest ${ms(stats)}\n`);

  const met = retained <= BUDGET_BYTES;
  const budgets: Budget[] = [
    { name: 'heap held by 300 samples of 5,000 groups × 10 topics', limit: '≤ 64 MiB', actual: mib(retained), met },
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
      historyLength: state.history.length,
    },
    notes: [],
  };
}
