import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { TakhinProvider, createTakhinClient, type TakhinClient } from '../../src/index.js';
import { parseFrame } from '../../src/core/index.js';
import type { WebSocketLike } from '../../src/core/index.js';
import { makeMetrics, type MetricsOverrides } from '../core/fixtures.js';

/** A socket that never opens: the tests drive the store by hand, one tick at a time. */
export const silentSocket = (): WebSocketLike => ({
  readyState: 0,
  onopen: null,
  onmessage: null,
  onclose: null,
  onerror: null,
  send() {},
  close() {},
});

/** A client on a silent socket, whose store `tick` feeds one metrics message synchronously. */
export function handDrivenClient(): { client: TakhinClient; tick(overrides?: MetricsOverrides): void } {
  const client = createTakhinClient({
    url: 'ws://127.0.0.1:9/api/monitoring/ws',
    dialect: 'spec',
    createWebSocket: silentSocket,
    reconnect: false,
    heartbeat: false,
  });
  let second = 1;
  const tick = (overrides: MetricsOverrides = {}) => {
    const frame = JSON.stringify({ type: 'metrics', data: makeMetrics(overrides), timestamp: ++second });
    const { messages, errors } = parseFrame(frame);
    act(() => {
      client.store.dispatch({
        type: 'ingest',
        messages,
        errors,
        frames: 1,
        bytes: frame.length,
        receivedAt: Date.now(),
      });
    });
  };
  return { client, tick };
}

export function withClient(client: TakhinClient) {
  return function Wrapper({ children }: { children?: ReactNode }) {
    return <TakhinProvider client={client}>{children}</TakhinProvider>;
  };
}
