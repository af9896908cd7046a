import { useOptionalTakhinStore } from '../react/index.js';
import type { TakhinState } from '../core/state.js';

const skip = (): undefined => undefined;

/**
 * The value a component shows: its prop when given (props win, so a frozen snapshot stays frozen),
 * otherwise the provider's store, otherwise `undefined` (standalone without data).
 * With a prop present the store selector is swapped out, so store ticks do not re-render the view.
 * `equality` (module-level, so its identity is stable) keeps an unchanged slice's identity.
 */
export function useSource<T>(
  prop: T | undefined,
  selector: (state: TakhinState) => T,
  equality?: (a: T | undefined, b: T | undefined) => boolean,
): T | undefined {
  const fromStore = useOptionalTakhinStore<T | undefined>(prop === undefined ? selector : skip, equality);
  return prop !== undefined ? prop : fromStore;
}

/** Store selectors shared by the components; module-level so their identity never changes. */
export const select = {
  metrics: (s: TakhinState) => s.metrics,
  history: (s: TakhinState) => s.history,
  topicEvents: (s: TakhinState) => s.topicEvents,
  groupEvents: (s: TakhinState) => s.groupEvents,
  connection: (s: TakhinState) => s.connection,
  clusterHealth: (s: TakhinState) => s.metrics?.clusterHealth ?? null,
  topicStats: (s: TakhinState) => s.metrics?.topicStats ?? null,
  consumerLags: (s: TakhinState) => s.metrics?.consumerLags ?? null,
  ratesKnown: (s: TakhinState) => s.metrics?.ratesKnown,
  latencyEstimated: (s: TakhinState) => s.metrics?.latencyEstimated,
  throughputSource: (s: TakhinState) => s.metrics?.throughputSource,
  throughputKnown: (s: TakhinState) => s.metrics?.throughputKnown,
  latencyReported: (s: TakhinState) => s.metrics?.latencyReported,
  connectionsReported: (s: TakhinState) => s.metrics?.connectionsReported,
};
