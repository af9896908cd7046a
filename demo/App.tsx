import { useMemo } from 'react';
import { TakhinProvider } from 'takhin-react';
import type { TakhinProviderProps } from 'takhin-react';
import { Dashboard } from 'takhin-react/components';
import { resolveSocketUrl } from './config.js';
import type { DemoPageConfig } from './pageConfig.js';
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

/** The demo: the full Dashboard inside one provider, with simulator controls when a simulator runs. */
export function App({ config }: AppProps) {
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
