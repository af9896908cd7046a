import { useConnectionStatus, useMetrics } from 'takhin-react';

/** The kind of component an app writes: a number from the metrics and the connection state. */
export function TopicCount() {
  const topics = useMetrics((metrics) => metrics?.topicStats.length ?? null);
  const { status } = useConnectionStatus();
  return (
    <p>
      <span data-testid="status">{status}</span>: {topics === null ? 'waiting' : `${topics} topics`}
    </p>
  );
}
