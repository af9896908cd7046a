import { Profiler } from 'react';
import { Dashboard } from '../../../src/components/index.js';
import '../../../src/components/styles.css';
import { TakhinProvider, useMetrics, useTopicEvents } from '../../../src/index.js';
import { probe, WS_URL } from '../shared/probe.js';
import { MetricsProbe, TopicCount } from '../shared/probes.js';

const countEvent = () => probe.onEvent();
const selectTotalTopics = (m: { clusterHealth: { totalTopics: number } } | null) =>
  m?.clusterHealth.totalTopics;

function EventCounter() {
  useTopicEvents(countEvent);
  return null;
}

function LatestMetricsProbe() {
  return <MetricsProbe metrics={useMetrics()} />;
}

function TotalTopics() {
  return <TopicCount value={useMetrics(selectTotalTopics)} />;
}

/** What `index.html?page=takhin` renders. */
export const page = (
  <TakhinProvider url={WS_URL} dialect="spec">
    <Profiler id="topic-count" onRender={probe.onRender}>
      <TotalTopics />
    </Profiler>
    <Dashboard />
    <EventCounter />
    <LatestMetricsProbe />
  </TakhinProvider>
);
