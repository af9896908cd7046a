import { Profiler } from 'react';
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

/** What `index.html?page=seed` renders. */
export const page = <App />;
