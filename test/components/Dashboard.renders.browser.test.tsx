import { act, render, screen, waitFor, within } from '@testing-library/react';
import { createElement, memo, Profiler } from 'react';
import type { ProfilerOnRenderCallback } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import '../../src/components/styles.css';
import { ConnectionStatus, ConsumerLagTable, Dashboard } from '../../src/components/index.js';
import type { TimeSeriesChartProps } from '../../src/components/TimeSeriesChart.js';
import { TakhinProvider, useMetrics } from '../../src/react/index.js';
import { createSimulatedSocketFactory } from '../../src/sim/browser.js';
import { connections, makeEvents, makeSeries, smallCluster } from '../../stories/fixtures.js';

/**
 * Each chart is named by its first series ('produceRate', 'produceBytes', 'produceP50'). `renders`: the
 * chart component rendered (from the top, with new props); `commits`: a <Profiler> around it reported
 * a commit of anything inside, recharts' own follow-up updates included.
 */
const charts = vi.hoisted(() => ({ renders: [] as string[], commits: [] as string[] }));

// Every chart of the library draws through TimeSeriesChart: measure it. The wrapper compares props
// exactly like the real (memoised) component, so it renders exactly when the real chart would.
vi.mock('../../src/components/TimeSeriesChart.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/components/TimeSeriesChart.js')>();
  const onRender: ProfilerOnRenderCallback = (id, phase) => {
    charts.commits.push(`${id} ${phase}`);
  };
  const Measured = memo(function Measured(props: TimeSeriesChartProps) {
    charts.renders.push(props.series[0].key);
    return createElement(
      Profiler,
      { id: props.series[0].key, onRender },
      createElement(actual.TimeSeriesChart, props),
    );
  });
  return { ...actual, TimeSeriesChart: Measured };
});

const CHARTS = ['produceRate', 'produceBytes', 'produceP50'];

/** How many commits rendered each chart. */
const chartRenders = () =>
  Object.fromEntries(CHARTS.map((id) => [id, charts.renders.filter((r) => r === id).length]));

const series = makeSeries(smallCluster, 60);
// One history array per length: a re-render with the same data passes the same arrays, as a store would.
const byTicks = new Map<number, { data: (typeof series.all)[number]; history: typeof series.history }>();
const upTo = (ticks: number) => {
  let props = byTicks.get(ticks);
  if (!props) {
    props = { data: series.all[ticks - 1], history: series.history.slice(0, ticks) };
    byTicks.set(ticks, props);
  }
  return props;
};

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Lets the browser paint a few frames and React finish the lower-priority renders they allow: the
 * heavy panels (charts included) take a tick in a deferred render after the frame with the numbers.
 */
const settle = () =>
  act(async () => {
    for (let i = 0; i < CHARTS.length + 2; i += 1) await nextFrame();
  });

const reset = () => {
  charts.renders.length = 0;
  charts.commits.length = 0;
};

beforeEach(reset);

describe('Dashboard re-renders', () => {
  it('from props: events and connection changes skip the charts; a tick renders each once', async () => {
    const few = makeEvents(4);
    const more = makeEvents(8);
    const view = (ticks: number, events: typeof few, status = connections.live()) => (
      <Dashboard {...upTo(ticks)} {...events} status={status} chartWidth={400} data-testid="root" />
    );
    const { rerender } = render(view(40, few));
    await settle();
    expect(chartRenders()).toEqual({ produceRate: 1, produceBytes: 1, produceP50: 1 });

    reset();
    rerender(view(40, more));
    // A new connection object (as after a pong: lastMessageAt moved on).
    rerender(view(40, more, connections.live()));
    await settle();
    expect(
      within(screen.getByRole('region', { name: 'Recent events' })).getAllByRole('listitem').length,
    ).toBe(8);
    expect(chartRenders()).toEqual({ produceRate: 0, produceBytes: 0, produceP50: 0 });
    expect(charts.commits).toEqual([]);

    rerender(view(41, more));
    await settle();
    expect(chartRenders()).toEqual({ produceRate: 1, produceBytes: 1, produceP50: 1 });
  });

  it('a tick shows its status and numbers first, then the tables in a deferred render (data-deferred between)', async () => {
    const view = (ticks: number) => (
      <Dashboard {...upTo(ticks)} status={connections.live()} chartWidth={400} data-testid="root" />
    );
    const { rerender } = render(view(40));
    await settle();
    const root = screen.getByTestId('root');
    const area = (node: Node) =>
      [
        ...((node instanceof Element ? node : node.parentElement)?.closest(
          '.takhin-area-health, .takhin-area-lag, .takhin-area-topics',
        )?.classList ?? []),
      ].find((name) => name.startsWith('takhin-area-'));
    expect(root.dataset.deferred).toBeUndefined();
    // In the order the DOM changed: the root's data-deferred flips and each panel's first change.
    const changes: string[] = [];
    const note = (records: MutationRecord[]) => {
      for (const record of records) {
        if (record.target === root && record.attributeName === 'data-deferred')
          changes.push(record.oldValue === null ? 'deferred' : 'whole');
        else {
          const panel = area(record.target);
          if (panel && !changes.includes(panel)) changes.push(panel);
        }
      }
    };
    const observer = new MutationObserver(note);
    observer.observe(root, {
      subtree: true,
      attributes: true,
      attributeOldValue: true,
      characterData: true,
      childList: true,
    });
    try {
      rerender(view(41));
      await settle();
      await waitFor(() => expect(root.dataset.deferred).toBeUndefined());
    } finally {
      note(observer.takeRecords());
      observer.disconnect();
    }
    expect(changes).toEqual([
      'takhin-area-health',
      'deferred',
      expect.stringMatching(/takhin-area-(lag|topics)/),
      expect.stringMatching(/takhin-area-(lag|topics)/),
      'whole',
    ]);
  });

  it('inside a provider: a metrics tick does not re-render a table fed by props (its stale flag has not flipped)', async () => {
    const factory = createSimulatedSocketFactory({ dialect: 'spec', size: 'small', intervalMs: 3_600_000 });
    const table: string[] = [];
    function Received() {
      const metrics = useMetrics();
      return <output data-testid="received">{metrics?.receivedAt ?? ''}</output>;
    }
    try {
      render(
        <TakhinProvider url="ws://simulated/api/monitoring/ws" dialect="spec" createWebSocket={factory}>
          <Received />
          <Profiler id="table" onRender={(id) => table.push(id)}>
            <ConsumerLagTable data={series.metrics!.consumerLags} history={series.history} topics={null} />
          </Profiler>
        </TakhinProvider>,
      );
      await waitFor(() => expect(factory.control.sockets).toBe(1), { timeout: 5000 });
      const received = () => screen.getByTestId('received').textContent;
      for (let i = 0; i < 2; i += 1) {
        const before = received();
        await act(async () => factory.control.tick());
        await waitFor(() => expect(received()).not.toBe(before));
      }
      await settle();
      table.length = 0;
      const before = received();
      await act(async () => factory.control.tick());
      await waitFor(() => expect(received()).not.toBe(before));
      await settle();
      expect(table).toEqual([]);
      expect(screen.getByRole('region', { name: 'Consumer lag' }).dataset.stale).toBeUndefined();
    } finally {
      factory.control.dispose();
    }
  });

  it('inside a provider: a topic event skips the charts and the indicator; a metrics tick renders each chart once', async () => {
    // Metrics only when the test asks for them (control.tick()).
    const factory = createSimulatedSocketFactory({ dialect: 'spec', size: 'small', intervalMs: 3_600_000 });
    const indicator: string[] = [];
    try {
      render(
        <TakhinProvider url="ws://simulated/api/monitoring/ws" dialect="spec" createWebSocket={factory}>
          <Profiler id="indicator" onRender={(id) => indicator.push(id)}>
            <ConnectionStatus />
          </Profiler>
          <Dashboard chartWidth={400} data-testid="root" />
        </TakhinProvider>,
      );
      await waitFor(() => expect(factory.control.sockets).toBe(1), { timeout: 5000 });
      // An open socket that has delivered nothing yet is not "Live".
      const label = () => document.querySelector('.takhin-connection-label')?.textContent;
      await waitFor(() => expect(label()).toBe('Connected, waiting for data'));
      for (let i = 0; i < 2; i += 1) {
        await act(async () => factory.control.tick());
        await settle();
      }
      await waitFor(() => expect(label()).toBe('Live'));
      await waitFor(() => expect(screen.getByTestId('root').dataset.state).toBe('live'), { timeout: 5000 });
      await settle();

      reset();
      indicator.length = 0;
      await act(async () => factory.control.createTopic('render-check.events', 3));
      await waitFor(() => expect(screen.getByText('render-check.events')).toBeTruthy(), { timeout: 5000 });
      await settle();
      expect(chartRenders()).toEqual({ produceRate: 0, produceBytes: 0, produceP50: 0 });
      expect(charts.commits).toEqual([]);
      // The event moved connection.lastMessageAt on; the indicator does not show it.
      expect(indicator).toEqual([]);

      await act(async () => factory.control.tick());
      await waitFor(() => expect(Math.min(...Object.values(chartRenders()))).toBeGreaterThan(0), {
        timeout: 5000,
      });
      await settle();
      await settle();
      expect(chartRenders()).toEqual({ produceRate: 1, produceBytes: 1, produceP50: 1 });
    } finally {
      factory.control.dispose();
    }
  });
});
