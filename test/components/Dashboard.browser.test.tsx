import type { ReactNode } from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import { Dashboard } from '../../src/components/index.js';
import { TakhinProvider } from '../../src/react/index.js';
import { createSimulatedSocketFactory } from '../../src/sim/browser.js';
import { connections, makeEvents, makeSeries, smallCluster } from '../../stories/fixtures.js';

const series = makeSeries(smallCluster, 60);
const { topicEvents, groupEvents } = makeEvents(6);
const upTo = (ticks: number) => ({
  data: series.all[ticks - 1],
  history: series.history.slice(0, ticks),
});

/** The connection indicator's state. */
const connection = () => document.querySelector<HTMLElement>('.takhin-connection')!;

/** Messages of the first topic row: a number that changes on every tick (its cell's title is the count). */
const firstTopicMessages = () => {
  const table = screen.getByRole('table', { name: 'Topics' });
  const column = [...table.querySelectorAll('thead th')].findIndex((th) =>
    th.textContent?.startsWith('Messages'),
  );
  return within(table).getAllByRole('row')[1].querySelectorAll('th, td')[column].getAttribute('title');
};

/** Wide enough for the Topics table to show its Messages column (narrower panels leave columns out). */
const wide = {
  wrapper: ({ children }: { children: ReactNode }) => <div style={{ width: 2000 }}>{children}</div>,
};

describe('Dashboard', () => {
  it('renders every panel from props', () => {
    render(
      <Dashboard
        {...upTo(60)}
        topicEvents={topicEvents}
        groupEvents={groupEvents}
        status={connections.live()}
        chartWidth={400}
        data-testid="root"
        className="custom"
      />,
    );
    const root = screen.getByTestId('root');
    expect(root.dataset.state).toBe('live');
    expect(root.className).toMatch(/ custom$/);
    for (const name of [
      'Cluster health',
      'Throughput',
      'Latency',
      'Topics',
      'Consumer lag',
      'Recent events',
    ]) {
      expect(screen.getByRole('region', { name })).toBeTruthy();
    }
    expect(connection().dataset.state).toBe('live');
    expect(connection().querySelector('.takhin-connection-label')?.textContent).toBe('Live');
  });

  it('is loading before the first metrics and says why', () => {
    render(<Dashboard data={null} history={[]} status={connections.connecting()} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.state).toBe('loading');
    expect(screen.getAllByText('Waiting for the first metrics…').length).toBeGreaterThan(3);
  });

  it('shows an error state when the connection failed for good before any metrics', () => {
    render(<Dashboard data={null} history={[]} status={connections.error()} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.state).toBe('error');
  });

  it('pauses on a frozen snapshot and catches up on resume', async () => {
    const view = (ticks: number) => <Dashboard {...upTo(ticks)} chartWidth={400} data-testid="root" />;
    const { rerender } = render(view(40), wide);
    const before = firstTopicMessages();
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(screen.getByTestId('root').dataset.state).toBe('paused');

    rerender(view(45));
    // Had the snapshot not frozen, the tables would take the new ticks in the deferred render, which
    // `data-deferred` marks until it lands.
    await waitFor(() => expect(screen.getByTestId('root').dataset.deferred).toBeUndefined());
    expect(firstTopicMessages()).toBe(before);
    expect(screen.getByText(/5 updates waiting/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect(screen.getByTestId('root').dataset.state).toBe('live');
    await expect.poll(() => firstTopicMessages()).not.toBe(before);
    rerender(view(46));
    // The charts take the tick in the deferred render that follows the numbers.
    await expect
      .poll(() => screen.getByRole('img', { name: /^Produce latency/ }).getAttribute('aria-label'))
      .toMatch(/over the last 1 min 30 s/);
  });

  it('chooses the time window of the charts', async () => {
    render(<Dashboard {...upTo(60)} chartWidth={400} data-testid="root" />);
    const latency = () => screen.getByRole('img', { name: /^Produce latency/ }).getAttribute('aria-label');
    expect(latency()).toMatch(/over the last 1 min 58 s/);
    const oneMinute = screen.getByRole('button', { name: '1 min' });
    fireEvent.click(oneMinute);
    expect(oneMinute.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('root').dataset.window).toBe('1m');
    // Charts redraw after the paint, one per frame: on a loaded machine that can take a while.
    await expect.poll(latency, { timeout: 5000 }).toMatch(/over the last 58 s/);
  });

  it('runs live inside a provider fed by the in-browser simulator', async () => {
    const factory = createSimulatedSocketFactory({ dialect: 'spec', size: 'small', intervalMs: 50 });
    try {
      render(
        <StrictMode>
          <TakhinProvider url="ws://simulated/api/monitoring/ws" dialect="spec" createWebSocket={factory}>
            <Dashboard chartWidth={400} data-testid="root" />
          </TakhinProvider>
        </StrictMode>,
        wide,
      );
      await waitFor(() => expect(screen.getByTestId('root').dataset.state).toBe('live'), { timeout: 15_000 });
      expect(connection().querySelector('.takhin-connection-label')?.textContent).toBe('Live');
      expect(factory.control.sockets).toBe(1);
      // The tables take a tick in a deferred render after the one showing the status and numbers.
      await waitFor(() =>
        expect(
          within(screen.getByRole('table', { name: 'Topics' })).getAllByRole('rowheader').length,
        ).toBeGreaterThan(0),
      );

      fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
      // The tables show the frozen tick once the deferred render after the pause is done.
      await waitFor(() => expect(screen.getByTestId('root').dataset.deferred).toBeUndefined());
      const frozen = firstTopicMessages();
      await waitFor(() => expect(screen.getByText(/updates? waiting/)).toBeTruthy(), { timeout: 15_000 });
      expect(firstTopicMessages()).toBe(frozen);
      fireEvent.click(screen.getByRole('button', { name: 'Resume' }));

      await act(async () => factory.control.crash(60_000));
      // While the socket is down the client alternates between waiting (reconnecting) and trying
      // (connecting); wait for a waiting phase rather than racing the backoff timer, and check it in
      // the same look (the timer may start the next attempt right after).
      let retryNow: HTMLElement | null = null;
      await waitFor(
        () => {
          expect(connection().dataset.state).toBe('reconnecting');
          expect(connection().textContent).toMatch(/^Reconnecting/);
          retryNow = screen.getByRole('button', { name: 'Retry now' });
        },
        { timeout: 15_000 },
      );
      const before = factory.control.totalSockets;
      fireEvent.click(retryNow!);
      await waitFor(() => expect(factory.control.totalSockets).toBeGreaterThan(before), { timeout: 10_000 });
    } finally {
      factory.control.dispose();
    }
  });
});
