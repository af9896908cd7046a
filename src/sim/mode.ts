import type { Dialect, MonitoringMetrics } from '../core/protocol.js';
import type { ClusterModel } from './cluster.js';
import { metricsFor } from './metrics.js';

/** The options both simulator front ends read to decide what kind of server they play. */
export interface ModeOptions {
  dialect?: Dialect;
  instrumented?: boolean;
  groupEvents?: boolean;
  eventDelayMs?: number;
}

/** What kind of server a simulator plays, resolved once from its options. */
export interface SimMode {
  readonly dialect: Dialect;
  /** Whether throughput, latency and connection figures move (false: the Console as it ships). */
  readonly instrumented: boolean;
  /** Whether `group_updated` is sent. */
  readonly groupEvents: boolean;
  /** Real ms between a topic or group change and its event reaching the sockets. */
  readonly eventDelayMs: number;
}

/**
 * The defaults, in one place for the Node server and the in-memory socket: `takhin` plays the real Console
 * (no counters, no latency, no `group_updated`); `instrumented: true` makes its counters move and lets it
 * send `group_updated`; `spec` is instrumented, as the quick reference describes.
 */
export function resolveMode(options: ModeOptions): SimMode {
  const dialect = options.dialect ?? 'takhin';
  const instrumented = options.instrumented ?? dialect === 'spec';
  return {
    dialect,
    instrumented,
    groupEvents: options.groupEvents ?? instrumented,
    eventDelayMs: Math.max(0, options.eventDelayMs ?? 0),
  };
}

/** The metrics this kind of server would send for the model right now. */
export function modeMetrics(model: ClusterModel, mode: SimMode): MonitoringMetrics {
  return metricsFor(model, mode.dialect, model.shuffleRandom, mode.instrumented);
}
