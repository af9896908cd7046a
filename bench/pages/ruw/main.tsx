import { Profiler, useEffect, useState } from 'react';
// The package's default export, imported by its own name so that bundlers and TypeScript agree on it.
import { useWebSocket } from 'react-use-websocket/dist/lib/use-websocket.js';
import type { MonitoringMetrics } from '../../../src/core/protocol.js';
import {
  EVENT_ROWS,
  HISTORY_SIZE,
  PlainDashboard,
  sampleOf,
  type Sample,
  type TopicEventRow,
} from '../shared/PlainDashboard.js';
import { probe, WS_URL } from '../shared/probe.js';
import { MetricsProbe, TopicCount } from '../shared/probes.js';

interface Envelope {
  type: string;
  data: unknown;
}

/** react-use-websocket as its README shows it: read `lastJsonMessage`, keep what you need in state. */
function App() {
  const { lastJsonMessage } = useWebSocket<Envelope | null>(WS_URL, { shouldReconnect: () => true });
  const [metrics, setMetrics] = useState<MonitoringMetrics | null>(null);
  const [history, setHistory] = useState<Sample[]>([]);
  const [events, setEvents] = useState<TopicEventRow[]>([]);

  useEffect(() => {
    if (!lastJsonMessage) return;
    if (lastJsonMessage.type === 'metrics') {
      const data = lastJsonMessage.data as MonitoringMetrics;
      // The hook hands over one message per render; state outlives it.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setMetrics(data);
      setHistory((h) => [...h.slice(-(HISTORY_SIZE - 1)), sampleOf(data)]);
    } else if (lastJsonMessage.type === 'topic_created' || lastJsonMessage.type === 'topic_deleted') {
      const event = { type: lastJsonMessage.type, ...(lastJsonMessage.data as { name: string }) };
      probe.onEvent();
      setEvents((list) => [...list.slice(-(EVENT_ROWS - 1)), event]);
    }
  }, [lastJsonMessage]);

  return (
    <>
      <Profiler id="topic-count" onRender={probe.onRender}>
        <TopicCount value={metrics?.clusterHealth.totalTopics} />
      </Profiler>
      <PlainDashboard metrics={metrics} history={history} events={events} />
      <MetricsProbe metrics={metrics} />
    </>
  );
}

/** What `index.html?page=ruw` renders. */
export const page = <App />;
