/**
 * Scenario 6: 43,200 metrics ticks (24 h at one tick every 2 s) of a mid-size cluster fed as fast as
 * possible through parseFrame and the store, in the `takhin` dialect (counters growing, arrays in a new
 * order every tick). The heap is measured after a full GC once the history buffer is full and the code
 * is warm, then along the way and at the end: a store that keeps only bounded history must not grow.
 */
import { parseFrame } from '../../src/core/parse.js';
import { createTakhinStore } from '../../src/core/store.js';
import { BenchCluster, SHAPES } from '../lib/cluster.js';
import type { ScenarioBody } from '../lib/results.js';
import { round } from '../lib/stats.js';

const TICKS = 43_200;
const WARMUP = 1_000;
const CHECKPOINTS = 12;
const BUDGET_BYTES = 2 * 2 ** 20;

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function run(): Promise<ScenarioBody> {
  const cluster = new BenchCluster(SHAPES.medium, 11);
  const store = createTakhinStore({ dialect: 'takhin' });
  let frameBytes = 0;
  let receivedAt = 1_700_000_000_000;
  const tick = () => {
    cluster.advance(2);
    const frame = cluster.frame('takhin');
    frameBytes = frame.length;
    receivedAt += 2000;
    const parsed = parseFrame(frame);
    store.dispatch({ type: 'ingest', ...parsed, frames: 1, bytes: frame.length, receivedAt });
  };

  for (let i = 0; i < WARMUP; i++) tick();
  const baseline = heapAfterGc();
  const checkpoints: Array<{ tick: number; heapMiB: number }> = [
    { tick: WARMUP, heapMiB: round(baseline / 2 ** 20, 3) },
  ];
  const started = performance.now();
  const every = Math.floor((TICKS - WARMUP) / CHECKPOINTS);
  for (let i = WARMUP; i < TICKS; i++) {
    tick();
    if ((i + 1 - WARMUP) % every === 0 || i === TICKS - 1) {
      checkpoints.push({ tick: i + 1, heapMiB: round(heapAfterGc() / 2 ** 20, 3) });
    }
  }
  const elapsed = performance.now() - started;
  const final = heapAfterGc();
  const growth = final - baseline;
  const state = store.getState();
  process.stdout.write(`  memory: heap growth ${(growth / 1024).toFixed(0)} KiB over ${TICKS} ticks\n`);
  return {
    title: 'Memory: 43,200 ticks (24 h at 2 s) of a mid-size cluster through the store',
    budgets: [
      {
        name: 'heap growth after warm-up (GC before each reading)',
        limit: '< 2 MB',
        actual: `${(growth / 1024).toFixed(0)} KiB`,
        met: growth < BUDGET_BYTES,
      },
    ],
    rows: [
      {
        metric: `heap growth over ${(TICKS - WARMUP).toLocaleString('en')} ticks after ${WARMUP.toLocaleString('en')} warm-up`,
        ours: `${growth >= 0 ? '+' : '−'}${Math.abs(growth / 1024).toFixed(0)} KiB`,
        budget: '< 2 MB',
        met: growth < BUDGET_BYTES,
      },
      {
        metric: 'ticks per second through parseFrame + store',
        ours: `${Math.round(((TICKS - WARMUP) / elapsed) * 1000).toLocaleString('en')}/s`,
      },
    ],
    details: {
      ticks: TICKS,
      warmup: WARMUP,
      cluster: SHAPES.medium,
      dialect: 'takhin',
      frameBytes,
      baselineMiB: round(baseline / 2 ** 20, 3),
      finalMiB: round(final / 2 ** 20, 3),
      growthBytes: growth,
      checkpoints,
      elapsedMs: round(elapsed, 0),
      historyLength: state.history.length,
      counters: state.counters,
    },
    notes: [],
  };
}
