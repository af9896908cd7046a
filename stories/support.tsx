import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Dialect } from '../src/core/protocol.js';
import type { ConnectionState } from '../src/core/state.js';
import { TakhinProvider } from '../src/react/index.js';
import { createSimulatedSocketFactory } from '../src/sim/browser.js';
import type { Scenario, SimulatedSocketControl } from '../src/sim/browser.js';
import { useToolbarFault } from './simFault.js';

export interface SimulatedProps {
  /** Cluster size of the simulated server. */
  size?: 'empty' | 'small' | 'medium' | 'huge';
  scenario?: Scenario;
  dialect?: Dialect;
  /**
   * Whether the simulated server feeds its counters and latency. Off, it plays the real Takhin Console,
   * whose rates the client derives from offsets and whose latency stays unreported.
   */
  instrumented?: boolean;
  /** Milliseconds between metrics messages. */
  intervalMs?: number;
  /** Crash the simulated server this long after mount, for `crashForMs`. */
  crashAfterMs?: number;
  crashForMs?: number;
  /** What to render inside the provider; a function also gets the simulator's controls (topics, groups, faults). */
  children: ReactNode | ((control: SimulatedSocketControl) => ReactNode);
}

/**
 * A `TakhinProvider` talking to the in-browser simulator: a real client, store and reconnect logic,
 * with no server. One simulated server per story mount, disposed on unmount.
 */
export function Simulated({
  size = 'small',
  scenario = 'steady',
  dialect = 'takhin',
  instrumented,
  intervalMs = 1000,
  crashAfterMs,
  crashForMs = 8000,
  children,
}: SimulatedProps) {
  const [factory] = useState(() =>
    createSimulatedSocketFactory({ size, scenario, dialect, instrumented, intervalMs, seed: 7 }),
  );
  useEffect(() => () => factory.control.dispose(), [factory]);
  useToolbarFault(factory.control);
  useEffect(() => {
    if (crashAfterMs === undefined) return;
    const timer = setTimeout(() => factory.control.crash(crashForMs), crashAfterMs);
    return () => clearTimeout(timer);
  }, [factory, crashAfterMs, crashForMs]);
  return (
    <TakhinProvider
      url="ws://simulated.invalid/api/monitoring/ws"
      dialect={dialect}
      createWebSocket={factory}
    >
      {typeof children === 'function' ? children(factory.control) : children}
    </TakhinProvider>
  );
}

/** Keeps a connection fixture made once per mount, so a countdown does not restart on re-render. */
export function WithConnection({
  make,
  children,
}: {
  make: () => ConnectionState;
  children: (connection: ConnectionState) => ReactNode;
}) {
  const [connection] = useState(make);
  return <>{children(connection)}</>;
}

/** Lays several states of one component side by side, each with its name above it. */
export function StateGrid({ items, min = 320 }: { items: Array<[string, ReactNode]>; min?: number }) {
  return (
    <div
      style={{ display: 'grid', gap: 16, gridTemplateColumns: `repeat(auto-fill, minmax(${min}px, 1fr))` }}
    >
      {items.map(([name, node]) => (
        <figure key={name} style={{ margin: 0 }}>
          <figcaption style={{ font: '600 12px system-ui', color: 'var(--takhin-muted)', marginBottom: 6 }}>
            {name}
          </figcaption>
          {node}
        </figure>
      ))}
    </div>
  );
}

/**
 * Accessibility settings of a story that lays several instances of one component side by side: their
 * regions share a name, which a page showing each panel once never does. Every other rule still applies.
 */
export const GRID_A11Y = { config: { rules: [{ id: 'landmark-unique', enabled: false }] } };

/** Stalls the simulated server (sockets open, no messages) `ms` after mount, to show stale data. */
export function StallAfter({
  control,
  ms,
  children,
}: {
  control: SimulatedSocketControl;
  ms: number;
  children: ReactNode;
}) {
  useEffect(() => {
    const timer = setTimeout(() => control.stall(), ms);
    return () => clearTimeout(timer);
  }, [control, ms]);
  return <>{children}</>;
}
