import type { Dialect, MonitoringMetrics } from '../../src/core/protocol.js';
import { ClusterModel } from '../../src/sim/cluster.js';
import { metricsFor } from '../../src/sim/metrics.js';
import { SIZES } from '../../src/sim/presets.js';
import type { ClusterShape } from '../../src/sim/presets.js';

export type { ClusterShape } from '../../src/sim/presets.js';

/** The simulator's presets the benchmarks use (`huge`: 1,000 topics × 12 partitions, 200 groups × 5 topics). */
export const SHAPES = { medium: SIZES.medium, huge: SIZES.huge } as const;

/** Model time of every benchmark's start: 2024-01-02T20:00:00Z. */
const START_MS = 1_704_225_600_000;

/**
 * The simulator's seeded cluster model (see `ClusterModel`) on a fixed start time, driven in seconds and
 * read as the server's metrics: instrumented, so that counters and latency move, or as the real Console
 * sends them (`console`: every counter, rate and latency 0). Every array comes in a new random order.
 */
export class BenchCluster {
  readonly model: ClusterModel;

  constructor(shape: ClusterShape, seed = 7) {
    this.model = new ClusterModel({ seed, size: shape, startTime: START_MS });
  }

  /** Model time, Unix seconds. */
  get time(): number {
    return this.model.nowSeconds;
  }

  get topicCount(): number {
    return this.model.topics.length;
  }

  /** A topic made without an event (as a Kafka client would): it only shows in the next metrics. */
  addTopic(name: string, partitions = 3): void {
    this.model.createTopic(name, partitions, { silent: true });
  }

  /** Moves the model `seconds` forward. */
  advance(seconds = 2): this {
    this.model.advance(seconds * 1000);
    return this;
  }

  metrics(dialect: Dialect, options: { console?: boolean } = {}): MonitoringMetrics {
    return metricsFor(this.model, dialect, this.model.shuffleRandom, !options.console);
  }

  /** A metrics message as the server frames it. */
  frame(dialect: Dialect, options: { console?: boolean } = {}): string {
    return JSON.stringify({ type: 'metrics', data: this.metrics(dialect, options), timestamp: this.time });
  }
}
