import { useMemo, useState } from 'react';
import { TakhinProvider } from 'takhin-react';
import type { TakhinProviderProps } from 'takhin-react';
import { ClusterOverview, Dashboard } from 'takhin-react/components';
import { resolveSocketUrl } from './config.js';
import type { DemoCluster, DemoPageConfig } from './pageConfig.js';
import { createSimApi } from './simApi.js';
import { SimControls } from './SimControls.js';

export interface AppProps {
  config: DemoPageConfig;
}

/** Connection options for the source the page was started against. */
function connectionProps(config: DemoPageConfig): Omit<TakhinProviderProps, 'children'> {
  const url = resolveSocketUrl(config.url, window.location.href);
  if (config.simulator === null) {
    // Through the proxy the REST twin is same-origin and carries the key too; straight to a server
    // it is cross-origin and may refuse CORS, so the page waits for the first tick instead.
    return { url, dialect: config.dialect, firstPaint: config.source === 'proxy' };
  }
  const interval = config.simulator.intervalMs;
  return {
    url,
    dialect: config.dialect,
    firstPaint: true,
    // Liveness follows the simulator's interval, but never under 3 s: a busy tab can stall its timers for
    // a second or more, and that must not pass for a dead server. A person watching a crash wants the page
    // back within seconds of the server, not after a 30 s back-off.
    heartbeat: { staleAfterMs: Math.max(3000, 3 * interval), pingAfterMs: Math.max(1500, 1.5 * interval) },
    reconnect: { maxDelayMs: 5000 },
  };
}

function describeSource(config: DemoPageConfig): string {
  if (config.simulator) {
    const kind = config.simulator.instrumented
      ? 'instrumented (counters and latency move)'
      : 'as the real Console ships (rates from offsets, no latency)';
    return `Embedded simulator, ${kind}, scenario ${config.simulator.scenario}, ${config.dialect} dialect, metrics every ${config.simulator.intervalMs} ms`;
  }
  const via = config.source === 'proxy' ? ' through the dev server proxy' : '';
  return `Takhin server${via}, ${config.dialect} dialect`;
}

/**
 * With several simulated clusters (`npm start -- --clusters N`): an overview of them all, and the
 * Dashboard of the one chosen. The cards and the Dashboard of one cluster share one socket
 * (`shareAcrossTabs` also shares between the clients of one page), as do other tabs of the demo.
 */
function ClustersApp({ config, clusters }: AppProps & { clusters: DemoCluster[] }) {
  const [selected, setSelected] = useState(clusters[0]);
  const connection = useMemo(() => connectionProps(config), [config]);
  const api = useMemo(() => createSimApi(selected.httpUrl), [selected]);
  const cards = useMemo(
    () =>
      clusters.map((cluster) => ({
        name: cluster.name,
        url: cluster.url,
        dialect: config.dialect,
        options: { ...connection, url: cluster.url, firstPaint: false, shareAcrossTabs: true },
      })),
    [clusters, config, connection],
  );
  return (
    <main className="takhin demo">
      <p className="demo-source" data-source={config.source}>
        {describeSource(config)}, {clusters.length} clusters
      </p>
      <ClusterOverview
        className="demo-clusters"
        clusters={cards}
        onSelect={(card) => setSelected(clusters.find((cluster) => cluster.name === card.name) ?? selected)}
      />
      <h2 className="demo-cluster-title">{selected.name}</h2>
      <TakhinProvider key={selected.url} {...connection} url={selected.url} shareAcrossTabs persistHistory>
        {config.simulator && <SimControls api={api} instrumented={config.simulator.instrumented} />}
        <Dashboard className="demo-dashboard" />
      </TakhinProvider>
    </main>
  );
}

/** The demo: the full Dashboard inside one provider, with simulator controls when a simulator runs. */
export function App({ config }: AppProps) {
  if (config.clusters && config.clusters.length > 1)
    return <ClustersApp config={config} clusters={config.clusters} />;
  return <SingleClusterApp config={config} />;
}

function SingleClusterApp({ config }: AppProps) {
  const connection = useMemo(() => connectionProps(config), [config]);
  const api = useMemo(() => (config.simulator ? createSimApi(config.simulator.httpUrl) : null), [config]);
  return (
    <TakhinProvider {...connection}>
      <main className="takhin demo">
        <p className="demo-source" data-source={config.source}>
          {describeSource(config)}
        </p>
        {api && config.simulator && <SimControls api={api} instrumented={config.simulator.instrumented} />}
        <Dashboard className="demo-dashboard" />
      </main>
    </TakhinProvider>
  );
}
