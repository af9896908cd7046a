import type { ServerMessage } from '../../src/core/protocol.js';
import { createTakhinStore } from '../../src/core/store.js';
import type { TakhinStore } from '../../src/core/store.js';
import { BenchCluster } from './cluster.js';
import type { ClusterShape } from './cluster.js';

/** A full garbage collection (twice: weak references cleared by the first are collected by the second). */
export const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc (npm run bench does)');
  collect();
  collect();
};

/** The JS heap plus the ArrayBuffer backing stores, which V8 keeps outside it (typed arrays' numbers). */
export function heapAfterGc(): number {
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * A store fed with the metrics of `shape`, one tick every 2 s of receive time: `distinctTicks` messages
 * are built once and cycled, so building them costs nothing in what is measured. `ingest()` dispatches
 * the next one and returns how long the dispatch took, ms.
 */
export function historyFeed(shape: ClusterShape, seed: number, historySize: number, distinctTicks = 10) {
  const cluster = new BenchCluster(shape, seed);
  const messages: ServerMessage[] = [];
  for (let i = 0; i < distinctTicks; i++) {
    cluster.advance(2);
    messages.push({ type: 'metrics', data: cluster.metrics('spec'), timestamp: cluster.time });
  }
  const store: TakhinStore = createTakhinStore({ dialect: 'spec', historySize });
  let receivedAt = 1_700_000_000_000;
  let tick = 0;
  const ingest = (): number => {
    receivedAt += 2000;
    const message = messages[tick++ % distinctTicks];
    const t0 = performance.now();
    store.dispatch({ type: 'ingest', messages: [message], errors: [], frames: 1, bytes: 0, receivedAt });
    return performance.now() - t0;
  };
  return { store, ingest };
}
