/**
 * Where the dashboard's time goes: the Dashboard's building blocks, each reading the provider's store
 * on its own and wrapped in a Profiler of its own, so each one's render time per tick can be told apart.
 */
import { Profiler } from 'react';
import {
  ClusterHealth,
  ConnectionStatus,
  ConsumerLagTable,
  EventFeed,
  LatencyChart,
  ThroughputChart,
  TopicTable,
} from '../../../src/components/index.js';
import '../../../src/components/styles.css';
import { TakhinProvider, useMetrics } from '../../../src/index.js';
import { probe, WS_URL } from '../shared/probe.js';
import { MetricsProbe } from '../shared/probes.js';

/** The building blocks, by the name their render times are reported under. */
const PARTS = {
  ConnectionStatus,
  ClusterHealth,
  ThroughputChart,
  LatencyChart,
  TopicTable,
  ConsumerLagTable,
  EventFeed,
};

function LatestMetricsProbe() {
  return <MetricsProbe metrics={useMetrics()} />;
}

/** What `index.html?page=takhin-parts` renders. */
export const page = (
  <TakhinProvider url={WS_URL} dialect="spec">
    {Object.entries(PARTS).map(([id, Part]) => (
      <Profiler key={id} id={id} onRender={probe.onPartRender}>
        <Part />
      </Profiler>
    ))}
    <LatestMetricsProbe />
  </TakhinProvider>
);
