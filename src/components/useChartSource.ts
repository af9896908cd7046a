import { useMemo } from 'react';
import type { MetricsSample } from '../core/state.js';
import { useValueAfterPaint } from './useValueAfterPaint.js';

const NO_HISTORY: MetricsSample[] = [];

/**
 * What a chart draws: the history and one flag that goes with it, both held back until the frame
 * showing the rest of an update has been painted (see `useValueAfterPaint`). With no samples yet the
 * live values are returned at once, so the loading state never waits.
 */
export function useChartSource<F>(
  liveHistory: MetricsSample[] | null | undefined,
  liveFlag: F,
): { history: MetricsSample[]; flag: F } {
  const history = liveHistory ?? NO_HISTORY;
  const source = useMemo(() => ({ history, flag: liveFlag }), [history, liveFlag]);
  const shown = useValueAfterPaint(source);
  return source.history.length === 0 ? source : shown;
}
