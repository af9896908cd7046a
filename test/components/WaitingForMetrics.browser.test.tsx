import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import {
  ClusterHealth,
  ConsumerLagTable,
  LatencyChart,
  ThroughputChart,
  TopicTable,
} from '../../src/components/index.js';
import { createTakhinClient, TakhinProvider } from '../../src/index.js';
import type { WebSocketLike } from '../../src/core/index.js';

/** A socket whose server is never there: it closes with 1006 right after it is made. */
function unreachable(): WebSocketLike {
  const socket: WebSocketLike = {
    readyState: 0,
    onopen: null,
    onmessage: null,
    onclose: null,
    onerror: null,
    send: () => {},
    close: () => {},
  };
  setTimeout(() => socket.onclose?.({ code: 1006, reason: '' }), 0);
  return socket;
}

describe('panels before the first metrics', () => {
  it('say why there is no data when the connection fails, naming the host and never the token', async () => {
    const client = createTakhinClient({
      url: 'ws://monitoring.invalid:8080/api/monitoring/ws',
      token: 'sekret-token-value',
      createWebSocket: unreachable,
      reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      onError: () => {},
    });
    try {
      render(
        <TakhinProvider client={client}>
          <ThroughputChart width={300} />
          <LatencyChart width={300} />
          <TopicTable />
          <ConsumerLagTable />
          <ClusterHealth />
        </TakhinProvider>,
      );
      await waitFor(() =>
        expect(
          screen.getAllByText(
            /^No data yet: Could not connect to monitoring\.invalid:8080 \(close 1006\)\. Retrying…$/,
          ),
        ).toHaveLength(5),
      );
      expect(document.body.textContent).not.toContain('sekret');
      expect(screen.queryByText('Waiting for the first metrics…')).toBeNull();
    } finally {
      client.close();
    }
  });

  it('wait quietly while the connection is fine', () => {
    render(<TopicTable />);
    expect(screen.getByText('Waiting for the first metrics…')).toBeTruthy();
  });
});
