import { Profiler } from 'react';
import { createRoot } from 'react-dom/client';
import { PlainDashboard } from '../shared/PlainDashboard.js';
import { probe, WS_URL } from '../shared/probe.js';
import { MetricsProbe, TopicCount } from '../shared/probes.js';
import { useTakhinSocket } from './useTakhinSocket.js';

const countEvent = () => probe.onEvent();

function App() {
  const { metrics, history, events } = useTakhinSocket(WS_URL, countEvent);
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

createRoot(document.getElementById('root')!).render(
  <Profiler id="app" onRender={probe.onRender}>
    <App />
  </Profiler>,
);
