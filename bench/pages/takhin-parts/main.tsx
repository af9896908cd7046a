/**
 * Where the dashboard's time goes: the Dashboard's building blocks, each reading the provider's store
 * on its own and wrapped in a Profiler of its own, so each one's render time per tick can be told apart.
 */
import { Profiler, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
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

function Part({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Profiler id={id} onRender={probe.onPartRender}>
      {children}
    </Profiler>
  );
}

function LatestMetricsProbe() {
  return <MetricsProbe metrics={useMetrics()} />;
}

createRoot(document.getElementById('root')!).render(
  <Profiler id="app" onRender={probe.onRender}>
    <TakhinProvider url={WS_URL} dialect="spec">
      <Part id="ConnectionStatus">
        <ConnectionStatus />
      </Part>
      <Part id="ClusterHealth">
        <ClusterHealth />
      </Part>
      <Part id="ThroughputChart">
        <ThroughputChart />
      </Part>
      <Part id="LatencyChart">
        <LatencyChart />
      </Part>
      <Part id="TopicTable">
        <TopicTable />
      </Part>
      <Part id="ConsumerLagTable">
        <ConsumerLagTable />
      </Part>
      <Part id="EventFeed">
        <EventFeed />
      </Part>
      <LatestMetricsProbe />
    </TakhinProvider>
  </Profiler>,
);
