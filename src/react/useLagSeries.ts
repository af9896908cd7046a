import { lagSeries } from '../core/lagSeries.js';
import type { LagSeries } from '../core/lagSeries.js';
import { useTakhinStore } from './context.js';
import { useTrackGroupLag } from './useTrackGroupLag.js';

/**
 * One group's lag (or its lag on one topic) over the store's history, for a chart or a sparkline; a
 * new object only when the history changes. Asking for a topic tracks the group (`useTrackGroupLag`),
 * so its topics' lags fill in from the next sample on.
 */
export function useLagSeries(groupId: string, topic?: string): LagSeries {
  useTrackGroupLag(topic === undefined ? null : groupId);
  return useTakhinStore((state) => lagSeries(state.history, groupId, topic));
}
