import { useMemo } from 'react';
import type { MetricsSample } from '../core/state.js';

const NO_HISTORY: MetricsSample[] = [];

/**
 * What a chart panel reads: the history and one flag that goes with it, as one object that keeps its
 * identity while neither changes. The panel itself renders with the update (its text, states and
 * summaries are cheap); the recharts drawing inside each `TimeSeriesChart` is what waits for a painted
 * frame, one chart per frame (see `useValueAfterPaint`).
 */
export function useChartSource<F>(
  liveHistory: MetricsSample[] | null | undefined,
  liveFlag: F,
): { history: MetricsSample[]; flag: F } {
  const history = liveHistory ?? NO_HISTORY;
  return useMemo(() => ({ history, flag: liveFlag }), [history, liveFlag]);
}
