import { act, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import { Dashboard } from '../../src/components/index.js';
import { createTakhinClient, TakhinProvider } from '../../src/index.js';
import { createSimulatedSocketFactory } from '../../src/sim/browser.js';

// The Dashboard live against the simulator as the real Console ships (takhin dialect, uninstrumented):
// every counter and latency is 0 on the wire, yet it shows real, derived throughput and says that latency
// is not measured, instead of flat zero lines.

const URL = 'ws://simulated/api/monitoring/ws';

describe('Dashboard against the uninstrumented simulator', () => {
  it('shows non-zero throughput derived from offsets and the "latency not measured" state', async () => {
    const factory = createSimulatedSocketFactory({ dialect: 'takhin', size: 'small', intervalMs: 80 });
    // A second socket on the same simulated server, read raw: what the wire really carries.
    const wire: string[] = [];
    const probe = factory(URL);
    probe.onmessage = (event) => wire.push(String(event.data));
    const client = createTakhinClient({ url: URL, dialect: 'takhin', createWebSocket: factory });
    try {
      render(
        <TakhinProvider client={client}>
          <Dashboard chartWidth={420} data-testid="root" />
        </TakhinProvider>,
      );
      const root = () => screen.getByTestId('root');
      await waitFor(() => expect(root().dataset.source).toBe('offsets'), { timeout: 15_000 });

      const metrics = client.store.getState().metrics!;
      expect(metrics.throughputSource).toBe('offsets');
      expect(metrics.throughput.produceRate).toBeGreaterThan(0);
      expect(metrics.latencyReported).toBe(false);
      const raw = JSON.parse(wire[0].split('\n')[0]) as {
        data: { throughput: Record<string, number>; latency: Record<string, number> };
      };
      expect(Object.values(raw.data.throughput)).toEqual([0, 0, 0, 0]);
      expect(Object.values(raw.data.latency).every((v) => v === 0)).toBe(true);

      // Throughput: labelled as derived, and its summary names a produce rate that is not zero.
      const messagesChart = () =>
        screen.getAllByRole('img').find((el) => /msg\/s/.test(el.getAttribute('aria-label') ?? ''));
      await waitFor(
        () => {
          const label = messagesChart()?.getAttribute('aria-label') ?? '';
          expect(label).toMatch(/derived from offsets/);
          expect(label).toMatch(/Latest produce [1-9][\d.,]*[kM]? msg\/s/);
        },
        { timeout: 10_000 },
      );
      expect(within(root()).getAllByText('derived from offsets').length).toBeGreaterThan(0);

      // Latency: the "not measured" state, not zero lines.
      // Charts redraw a frame or more after the tick's numbers.
      const latency = await waitFor(
        () => {
          const chart = root().querySelector<HTMLElement>('[data-latency]');
          expect(chart?.dataset.latency).toBe('not-measured');
          return chart!;
        },
        { timeout: 10_000 },
      );
      expect(within(latency).getByText('This server does not measure latency.')).toBeTruthy();
      expect(latency.querySelector('.takhin-line')).toBeNull();
    } finally {
      client.close();
      probe.close();
      await act(async () => factory.control.dispose());
    }
  });
});
