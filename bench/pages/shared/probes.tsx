import { useLayoutEffect } from 'react';
import { probe } from './probe.js';

/** Reports the commit that first shows a new metrics object. */
export function MetricsProbe({ metrics }: { metrics: unknown }) {
  useLayoutEffect(() => {
    if (metrics !== null && metrics !== undefined) probe.onMetricsCommitted();
  }, [metrics]);
  return null;
}

/** The one-number view of the re-render isolation scenario. */
export function TopicCount({ value }: { value: number | undefined }) {
  return <output className="topic-count">{value ?? '–'}</output>;
}
