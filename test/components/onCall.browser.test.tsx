import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import {
  ClusterHealth,
  ConnectionStatus,
  Dashboard,
  EventFeed,
  LatencyChart,
  ThroughputChart,
} from '../../src/components/index.js';
import { TakhinProvider } from '../../src/index.js';
import { createSimulatedSocketFactory } from '../../src/sim/browser.js';
import {
  connections,
  emptyCluster,
  makeEvents,
  makeMetrics,
  makeSeries,
  smallCluster,
} from '../../stories/fixtures.js';

const { metrics, history } = makeSeries(smallCluster, 40);
/** The same history with an outage: samples 15 to 24 (20 s) never arrived. */
const outage = [...history.slice(0, 15), ...history.slice(25)];

/** How many separate stretches each drawn line of `root` has (an SVG path starts one with "M"). */
const stretches = (root: Element) =>
  [...root.querySelectorAll('.takhin-line')].map(
    (path) => (path.getAttribute('d')?.match(/M/g) ?? []).length,
  );

/** Elements a Tab press can land on inside `root`. */
const tabStops = (root: Element) =>
  [
    ...root.querySelectorAll<HTMLElement | SVGElement>(
      'a[href], button, input, select, textarea, [tabindex], svg[focusable="true"]',
    ),
  ].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled);

async function seriousViolations(root: Element) {
  const result = await axe.run(root, { resultTypes: ['violations'] });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('stale data during an outage', () => {
  it('dims every panel and says how old the data is, in a dashboard over a crashing server', async () => {
    const factory = createSimulatedSocketFactory({ dialect: 'spec', size: 'small', intervalMs: 250 });
    try {
      render(
        <TakhinProvider url="ws://simulated/api/monitoring/ws" dialect="spec" createWebSocket={factory}>
          <Dashboard chartWidth={400} data-testid="root" />
        </TakhinProvider>,
      );
      const status = () => document.querySelector<HTMLElement>('.takhin-connection')!;
      const age = () => status().querySelector('.takhin-connection-age')?.textContent ?? '';
      await waitFor(() => expect(status().dataset.state).toBe('live'), { timeout: 10_000 });
      await waitFor(() => expect(age()).toMatch(/^updated (just now|\d s ago)$/), { timeout: 3000 });
      const panels = () => [...document.querySelectorAll<HTMLElement>('.takhin-panel')];
      expect(panels().every((panel) => getComputedStyle(panel).filter === 'none')).toBe(true);

      act(() => {
        void factory.control.crash(60_000);
      });
      await waitFor(() => expect(status().dataset.stale).toBe(''), { timeout: 8000 });
      expect(age()).toMatch(/^data \d+ s old$/);
      expect(status().dataset.state).not.toBe('live');
      // The panels that read the store say so themselves; every panel of the dashboard looks it.
      // The panels and the dashboard's root each have their own timer for the same deadline, so they
      // turn within moments of each other.
      await waitFor(() => {
        for (const name of ['Cluster health', 'Throughput', 'Latency'])
          expect(screen.getByRole('region', { name }).dataset.stale).toBe('');
        for (const panel of panels()) expect(getComputedStyle(panel).filter).toBe('grayscale(1)');
      });
      expect(getComputedStyle(panels()[0]).borderTopStyle).toBe('dashed');
      expect(
        within(screen.getByRole('region', { name: 'Cluster health' })).getByText(/^No verdict/),
      ).toBeTruthy();
    } finally {
      factory.control.dispose();
    }
  }, 30_000);

  it('reads "No new data" on an open socket whose metrics stopped, and "Paused" while paused', async () => {
    const factory = createSimulatedSocketFactory({ dialect: 'spec', size: 'small', intervalMs: 250 });
    try {
      render(
        <TakhinProvider url="ws://simulated/api/monitoring/ws" dialect="spec" createWebSocket={factory}>
          <Dashboard chartWidth={400} />
        </TakhinProvider>,
      );
      const status = () => document.querySelector<HTMLElement>('.takhin-connection')!;
      const label = () => status().querySelector('.takhin-connection-label')!.textContent;
      await waitFor(() => expect(label()).toBe('Live'), { timeout: 10_000 });
      fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
      expect(label()).toBe('Paused');
      expect(status().dataset.state).toBe('paused');
      fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
      expect(label()).toBe('Live');

      act(() => factory.control.stall());
      await waitFor(() => expect(label()).toBe('No new data'), { timeout: 8000 });
      expect(status().dataset.status).toBe('open');
    } finally {
      factory.control.dispose();
    }
  }, 30_000);

  it('says "Connected, waiting for data" on an open socket that delivered nothing yet', () => {
    const opened = { ...connections.live(), lastMessageAt: null };
    render(<ConnectionStatus status={opened} />);
    expect(screen.getByRole('status').textContent).toBe('Connected, waiting for data');
  });
});

describe('charts', () => {
  it('break every line over missing samples, in both charts', () => {
    const { container: latency } = render(<LatencyChart history={outage} width={500} />);
    const { container: throughput } = render(<ThroughputChart history={outage} width={500} />);
    expect(stretches(latency)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(stretches(throughput)).toEqual([2, 2, 2, 2]);
    // Without the outage each line is one stretch (throughput's first sample has no rate yet).
    const { container: whole } = render(<LatencyChart history={history} width={500} />);
    expect(stretches(whole)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('speak one language: colour is the direction, the dash pattern the rest', () => {
    const { container } = render(
      <>
        <LatencyChart history={history} width={400} />
        <ThroughputChart history={history} width={400} />
      </>,
    );
    const lines = [...container.querySelectorAll<SVGPathElement>('.takhin-line')];
    const style = lines.map(
      (path) => `${path.getAttribute('stroke')} ${path.getAttribute('stroke-dasharray') ?? 'solid'}`,
    );
    // Latency: produce p50/p95/p99, fetch p50/p95/p99; throughput: produce, fetch, twice.
    const produce = 'var(--takhin-produce)';
    const fetch = 'var(--takhin-fetch)';
    expect(style.slice(0, 6).map((s) => s.split(' ')[0])).toEqual([
      produce,
      produce,
      produce,
      fetch,
      fetch,
      fetch,
    ]);
    expect(new Set(style.slice(0, 3).map((s) => s.split(' ').slice(1).join(' '))).size).toBe(3);
    expect(style.slice(6).map((s) => s.split(' ')[0])).toEqual([produce, fetch, produce, fetch]);
    // The fetch pattern of the throughput charts is none of the percentiles'.
    const fetchDash = style[7].split(' ').slice(1).join(' ');
    expect(style.slice(0, 6).some((s) => s.endsWith(fetchDash))).toBe(false);
    expect(screen.getAllByText('Fetch').length).toBeGreaterThanOrEqual(2);
  });

  it('label the value axis once with its unit, ticks short enough not to wrap, last time label inside', () => {
    const { container } = render(<ThroughputChart history={history} width={500} />);
    const titles = [...container.querySelectorAll('.takhin-axis-title')].map((t) => t.textContent);
    expect(titles[0]).toBe('msg/s');
    expect(titles[1]).toMatch(/^[kMG]?B\/s$/);
    for (const tick of container.querySelectorAll('.recharts-yAxis-tick-labels text')) {
      expect(tick.querySelectorAll('tspan').length).toBeLessThanOrEqual(1);
      expect(tick.textContent).not.toMatch(/\//);
    }
    for (const chart of container.querySelectorAll('.takhin-chart')) {
      const box = chart.querySelector('svg')!.getBoundingClientRect();
      for (const label of chart.querySelectorAll('.takhin-time-tick text'))
        expect(label.getBoundingClientRect().right).toBeLessThanOrEqual(box.right + 0.5);
    }
  });

  it('take one Tab stop each: the figure, labelled with a summary', () => {
    const { container } = render(
      <>
        <ThroughputChart history={history} width={400} />
        <LatencyChart history={history} width={400} />
      </>,
    );
    const stops = tabStops(container);
    const charts = [...container.querySelectorAll('.takhin-chart')];
    expect(charts).toHaveLength(4);
    expect(stops).toEqual(charts);
    for (const chart of charts) {
      expect(chart.getAttribute('role')).toBe('img');
      expect(chart.getAttribute('aria-label')).toMatch(/over the last/);
      const box = chart.getBoundingClientRect();
      expect(box.width * box.height).toBeGreaterThan(0);
    }
  });

  it('say once that there is no data, why, and offer Retry when the connection failed', async () => {
    const factory = createSimulatedSocketFactory({ dialect: 'spec', size: 'small', intervalMs: 250 });
    act(() => {
      void factory.control.crash(60_000);
    });
    try {
      render(
        <TakhinProvider
          url="ws://simulated/api/monitoring/ws"
          dialect="spec"
          createWebSocket={factory}
          reconnect={{ initialDelayMs: 60_000, maxDelayMs: 60_000 }}
        >
          <LatencyChart width={300} />
        </TakhinProvider>,
      );
      await waitFor(() => expect(screen.getByText(/^No data yet: .*Retrying…$/)).toBeTruthy(), {
        timeout: 5000,
      });
      expect(screen.getAllByRole('alert')).toHaveLength(1);
      expect(screen.getByRole('button', { name: 'Retry now' })).toBeTruthy();
    } finally {
      factory.control.dispose();
    }
  });
});

describe('event feed', () => {
  it('scrolls from the keyboard, keeps items whole and tells created from deleted without colour', () => {
    const { topicEvents, groupEvents } = makeEvents(40);
    render(<EventFeed topicEvents={topicEvents} groupEvents={groupEvents} style={{ width: 420 }} />);
    const feed = screen.getByRole('list', { name: /^Recent events, newest first: 40 events$/ });
    expect(feed.tabIndex).toBe(0);
    expect(feed.scrollHeight).toBeGreaterThan(feed.clientHeight);
    const items = within(feed).getAllByRole('listitem');
    for (const item of items) expect(getComputedStyle(item).contentVisibility).not.toBe('auto');
    feed.scrollTop = feed.scrollHeight;
    const last = items[items.length - 1].getBoundingClientRect();
    expect(last.bottom).toBeLessThanOrEqual(feed.getBoundingClientRect().bottom);
    const created = feed.querySelector('[data-change="created"]')!;
    const deleted = feed.querySelector('[data-change="deleted"]')!;
    expect(created.textContent).toMatch(/Topic created/);
    expect(deleted.textContent).toMatch(/Topic deleted/);
    expect(getComputedStyle(created).borderInlineStartStyle).toBe('solid');
    expect(getComputedStyle(deleted).borderInlineStartStyle).toBe('dashed');
  });

  it('counts in the right number', () => {
    render(
      <EventFeed
        topicEvents={[{ seq: 1, type: 'topic_created', name: 'a', partitions: 1, receivedAt: 1 }]}
        groupEvents={[]}
      />,
    );
    expect(screen.getByText('1 partition')).toBeTruthy();
    expect(screen.getByRole('list', { name: /: 1 event$/ })).toBeTruthy();
  });
});

describe('cluster health', () => {
  it('gives a verdict in words with an icon, and disk as a size with no capacity', () => {
    const { rerender } = render(<ClusterHealth data={metrics!.clusterHealth} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.verdict).toBe('up');
    const { totalTopics, totalPartitions, totalConsumers } = metrics!.clusterHealth;
    expect(
      screen.getByText(
        `Up: ${totalTopics} topics in ${totalPartitions} partitions, read by ${totalConsumers} consumer groups.`,
      ),
    ).toBeTruthy();
    const disk = screen.getByText('Disk used').parentElement!;
    expect(within(disk).getByRole('definition').textContent).toMatch(/^[\d.]+ [kMGT]?B$/);
    expect(disk.getAttribute('title')).toMatch(/no capacity/);
    rerender(<ClusterHealth data={makeMetrics(emptyCluster, 0).clusterHealth} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.verdict).toBe('empty');
    rerender(
      <ClusterHealth
        data={{ ...metrics!.clusterHealth, totalTopics: 1, totalConsumers: 0 }}
        data-testid="root"
      />,
    );
    expect(screen.getByText(/^Up with 1 topic;/)).toBeTruthy();
  });
});

describe('axe', () => {
  it('finds no serious or critical violation in the charts, status, feed and health, light and dark', async () => {
    const { topicEvents, groupEvents } = makeEvents(20);
    for (const theme of ['light', 'dark'] as const) {
      const { container, unmount } = render(
        <main data-theme={theme} className="takhin" style={{ background: 'var(--takhin-bg)' }}>
          <ConnectionStatus status={connections.live()} />
          <ConnectionStatus status={connections.error()} onRetry={() => {}} />
          <ClusterHealth data={metrics!.clusterHealth} />
          <ThroughputChart history={outage} width={400} />
          <LatencyChart history={outage} width={400} />
          <EventFeed topicEvents={topicEvents} groupEvents={groupEvents} />
        </main>,
      );
      expect(await seriousViolations(container)).toEqual([]);
      unmount();
    }
  });
});
