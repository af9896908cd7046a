import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { WS_URL } from '../shared/probe.js';
import { MetricsProbe, TopicCount } from '../shared/probes.js';

/**
 * The floor of the dashboard scenario: the least any React page does to show something of a metrics
 * tick — `JSON.parse` the message in the socket's handler and render one number of it at once. No validation,
 * no store, no tables, no charts; whatever a dashboard does on top of this costs more.
 */
interface Tick {
  clusterHealth: { totalTopics: number };
}

function App() {
  const [metrics, setMetrics] = useState<Tick | null>(null);
  useEffect(() => {
    const socket = new WebSocket(WS_URL);
    socket.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as { type: string; data: Tick };
      // Rendered at once, in the message's task, as the quickest a React page can show it.
      if (message.type === 'metrics') flushSync(() => setMetrics(message.data));
    };
    return () => socket.close();
  }, []);
  return (
    <>
      <TopicCount value={metrics?.clusterHealth.totalTopics} />
      <MetricsProbe metrics={metrics} />
    </>
  );
}

/** What `index.html?page=floor` renders. */
export const page = <App />;
