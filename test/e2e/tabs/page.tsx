/**
 * The page the tab-sharing and history e2e tests open in several tabs: a provider with the options
 * from the query, and a probe that puts what the hooks return where the test can read it.
 */
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import {
  TakhinProvider,
  useConnectionStatus,
  useMetrics,
  useMetricsHistory,
  useSubscription,
} from '../../../src/index.js';

export interface Probe {
  status: string;
  leader: boolean;
  history: number;
  gaps: number;
  hasMetrics: boolean;
  /** The first render with a non-empty history: whether any metrics had arrived on this page then. */
  firstHistory: { history: number; gaps: number; metricsArrived: boolean } | null;
  errors: string[];
}

declare global {
  interface Window {
    __probe?: Probe;
  }
}

const params = new URLSearchParams(location.search);
const url = params.get('ws')!;
const channel = params.get('channel');
const share = params.get('share') === '1';
const persist = params.get('persist') === '1';
const errors: string[] = [];
const first: { history: Probe['firstHistory'] } = { history: null };

function ProbeView() {
  const history = useMetricsHistory();
  const metrics = useMetrics();
  const connection = useConnectionStatus();
  useSubscription(channel);
  const gaps = history.filter((sample) => sample.gap).length;
  const probe: Probe = {
    status: connection.status,
    leader: connection.leader !== false,
    history: history.length,
    gaps,
    hasMetrics: metrics !== null,
    firstHistory: null,
    errors,
  };
  useEffect(() => {
    // Effects run after every commit, so the first commit with a history is the one recorded.
    if (first.history === null && probe.history > 0) {
      first.history = { history: probe.history, gaps: probe.gaps, metricsArrived: probe.hasMetrics };
    }
    window.__probe = { ...probe, firstHistory: first.history };
  });
  return (
    <pre id="probe" data-status={probe.status} data-leader={String(probe.leader)}>
      {connection.leader === false ? `${connection.status} · following another tab` : connection.status}
    </pre>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <TakhinProvider
      url={url}
      dialect="takhin"
      shareAcrossTabs={share}
      persistHistory={persist}
      onError={(error) => errors.push(`${error.code}: ${error.message}`)}
    >
      <ProbeView />
    </TakhinProvider>
  </StrictMode>,
);
