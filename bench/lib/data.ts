import type { Dialect } from '../../src/core/protocol.js';
import { BenchCluster, SHAPES } from './cluster.js';

/** The metrics interval of the real server, seconds. */
export const TICK_SECONDS = 2;

export type Size = keyof typeof SHAPES;

/**
 * Consecutive metrics frames of a synthetic cluster, one per 2 s of model time, as the server sends
 * them (one envelope per frame, arrays in a new random order each time).
 *
 * @param beforeTick called with the tick index and the cluster before each tick is taken (to change it).
 */
export function metricsFrames(
  size: Size,
  dialect: Dialect,
  count: number,
  options: {
    seed?: number;
    beforeTick?: (index: number, cluster: BenchCluster) => void;
    /** Zero counters and latency, as the real Console sends them. */
    console?: boolean;
  } = {},
): string[] {
  const cluster = new BenchCluster(SHAPES[size], options.seed ?? 7);
  const frames: string[] = [];
  for (let i = 0; i < count; i++) {
    options.beforeTick?.(i, cluster);
    cluster.advance(TICK_SECONDS);
    frames.push(cluster.frame(dialect, { console: options.console }));
  }
  return frames;
}

export function topicCreatedFrame(name: string, partitions: number, timestamp: number): string {
  return JSON.stringify({ type: 'topic_created', data: { name, partitions }, timestamp });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
