import type { Metrics, MetricsSample } from '../core/state.js';
import { useStoreFor } from './context.js';

/**
 * The latest normalized metrics (rates per second, latency in ms, arrays sorted), or null before the
 * first tick. With a selector, returns that slice and re-renders the caller only when it changes.
 */
export function useMetrics(): Metrics | null;
export function useMetrics<T>(
  selector: (metrics: Metrics | null) => T,
  equality?: (a: T, b: T) => boolean,
): T;
export function useMetrics<T>(
  selector?: (metrics: Metrics | null) => T,
  equality?: (a: T, b: T) => boolean,
): T | Metrics | null {
  return useStoreFor(
    'useMetrics',
    (state) => (selector ? selector(state.metrics) : state.metrics),
    equality as never,
  );
}

/**
 * The bounded time series of samples, oldest first (at most `historySize`, 300 by default = 10 minutes
 * at 2 s). With a selector, returns a derived value.
 */
export function useMetricsHistory(): MetricsSample[];
export function useMetricsHistory<T>(
  selector: (history: MetricsSample[]) => T,
  equality?: (a: T, b: T) => boolean,
): T;
export function useMetricsHistory<T>(
  selector?: (history: MetricsSample[]) => T,
  equality?: (a: T, b: T) => boolean,
): T | MetricsSample[] {
  return useStoreFor(
    'useMetricsHistory',
    (state) => (selector ? selector(state.history) : state.history),
    equality as never,
  );
}
