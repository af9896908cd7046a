import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import type { DashboardProps } from '../src/components/index.js';
import { Dashboard } from '../src/components/index.js';
import {
  connections,
  emptyCluster,
  hugeSeries,
  makeEvents,
  makeInferredEvents,
  makeMetrics,
  makeSeries,
  smallCluster,
} from './fixtures.js';
import { GRID_A11Y, Simulated, StateGrid, WithConnection } from './support.js';

const small = makeSeries(smallCluster, 150);
const events = makeEvents(10);
const empty = makeMetrics(emptyCluster, 0);
const consoleSeries = makeSeries(smallCluster, 150, { offsets: true });

const meta = {
  title: 'Components/Dashboard',
  component: Dashboard,
  args: {
    data: small.metrics,
    history: small.history,
    ...events,
    status: connections.live(),
    thresholds: { warning: 1000, critical: 10000 },
    defaultWindow: '5m',
    defaultPaused: false,
    title: 'Takhin cluster',
    onThresholdCrossed: fn(),
    onRetry: fn(),
  },
  argTypes: {
    data: { control: false },
    history: { control: false },
    topicEvents: { control: false },
    groupEvents: { control: false },
    status: { control: false },
    defaultWindow: { control: 'inline-radio', options: ['1m', '5m', '10m'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof Dashboard>;

export default meta;
type Story = StoryObj<typeof meta>;

const fromStore = {
  data: undefined,
  history: undefined,
  topicEvents: undefined,
  groupEvents: undefined,
  status: undefined,
  onRetry: undefined,
};

export const Loading: Story = {
  args: { data: null, history: [], topicEvents: [], groupEvents: [], status: connections.connecting() },
};

/** Everything from a real provider, client and store, fed by the in-browser simulator (real-server dialect). */
export const Live: Story = {
  args: fromStore,
  render: (args) => (
    <Simulated size="medium">
      <Dashboard {...args} />
    </Simulated>
  ),
};

/** A deterministic snapshot of a small cluster (what the screenshots show). */
export const Overview: Story = {};

/**
 * The real Takhin Console: counters and latency at zero, so rates come from offsets (and say so),
 * latency is "not measured", connections are not shown, and most events were seen in the metrics.
 */
export const RealConsole: Story = {
  args: { data: consoleSeries.metrics, history: consoleSeries.history, ...makeInferredEvents() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvasElement.querySelector('.takhin-dashboard')).toHaveAttribute('data-source', 'offsets');
    await expect(canvas.getAllByText('derived from offsets')).toHaveLength(2);
    await expect(canvas.getByText('This server does not measure latency.')).toBeVisible();
    await expect(canvas.queryByText('Connections')).toBeNull();
    await expect(canvas.getAllByText('seen in metrics').length).toBeGreaterThan(0);
  },
};

export const Empty: Story = { args: { data: empty, history: [], topicEvents: [], groupEvents: [] } };

/** The last data stays on screen while the connection counts down to its next attempt. */
export const Reconnecting: Story = {
  render: (args) => (
    <WithConnection make={() => connections.reconnecting(30_000)}>
      {(status) => <Dashboard {...args} status={status} />}
    </WithConnection>
  ),
};

/** The simulated server crashes 6 s in and stays down for 10 s; the client reconnects by itself. */
export const ServerCrash: Story = {
  args: fromStore,
  render: (args) => (
    <Simulated crashAfterMs={6000} crashForMs={10_000} intervalMs={1000}>
      <Dashboard {...args} />
    </Simulated>
  ),
};

export const ErrorState: Story = {
  name: 'Error',
  args: { data: null, history: [], topicEvents: [], groupEvents: [], status: connections.error() },
};

/** 1,000 topics × 12 partitions and 200 groups × 5 topics × 12 partitions. */
export const HugeCluster: Story = { args: { data: hugeSeries().metrics, history: hugeSeries().history } };

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } };

/** A phone: one column in on-call order (verdict, lag table, lag chart, events, then the rest), no sideways scroll. */
export const NarrowScreen: Story = {
  render: (args) => (
    <div style={{ maxWidth: 390 }}>
      <Dashboard {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    const page = canvasElement.querySelector<HTMLElement>('.takhin-dashboard')!.parentElement!;
    await expect(page.scrollWidth).toBeLessThanOrEqual(390);
    const lagTable = within(canvasElement).getByRole('table', { name: 'Consumer lag' });
    await expect(within(lagTable).getByRole('columnheader', { name: /^Lag/ })).toBeVisible();
  },
};

/** About 680 px: two columns; every number whole, the lag table leaves out what does not fit and says so. */
export const Narrow: Story = {
  render: (args) => (
    <div style={{ maxWidth: 680 }}>
      <Dashboard {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    for (const cell of canvasElement.querySelectorAll<HTMLElement>('td[data-numeric]'))
      await expect(cell.scrollWidth).toBeLessThanOrEqual(cell.clientWidth);
  },
};

/** The huge cluster: the verdict counts groups per level and names the ones furthest behind in time. */
export const HugeClusterVerdict: Story = {
  args: { data: hugeSeries().metrics, history: hugeSeries().history },
  play: async ({ canvasElement }) => {
    const strip = within(canvasElement).getByRole('region', { name: 'Lag verdict' });
    await expect(strip).toHaveTextContent(/critical/);
    await expect(strip).toHaveTextContent(/Most behind: /);
    await expect(strip).toHaveTextContent(/of 200 groups/);
  },
};

/** A phone in the dark scheme. */
export const DarkPhone: Story = {
  args: { theme: 'dark' },
  globals: { theme: 'dark' },
  render: NarrowScreen.render,
};

export const PauseResume: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const root = canvasElement.querySelector<HTMLElement>('.takhin-dashboard');
    const pause = canvas.getByRole('button', { name: 'Pause' });
    const before = pause.getBoundingClientRect();
    await userEvent.click(pause);
    await expect(root).toHaveAttribute('data-state', 'paused');
    // The paused note has a line of its own: the button does not move.
    await expect(canvas.getByRole('button', { name: 'Resume' }).getBoundingClientRect().top).toBe(before.top);
    await expect(canvas.getByText(/^Paused at/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Resume' }));
    await expect(root).toHaveAttribute('data-state', 'live');
  },
};

export const TimeWindow: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: '1 min' }));
    await expect(canvas.getByRole('button', { name: '1 min' })).toHaveAttribute('aria-pressed', 'true');
    // Charts redraw after the paint, one per frame (the latency charts after the two throughput charts).
    await expect(
      await canvas.findByRole('img', { name: /^Fetch latency over the last 58 s/ }, { timeout: 5000 }),
    ).toBeInTheDocument();
  },
};

/** Steps through the small cluster's samples, one tick per click. */
function Ticking(props: DashboardProps) {
  const [ticks, setTicks] = useState(120);
  return (
    <>
      <button type="button" onClick={() => setTicks((n) => Math.min(n + 1, small.all.length))}>
        Next tick
      </button>
      <Dashboard {...props} data={small.all[ticks - 1]} history={small.history.slice(0, ticks)} />
    </>
  );
}

/**
 * A tick in two renders: the status, verdict and cluster health show it at once; the charts, tables
 * and event feed take it in a deferred render, with `data-deferred` on the root in between.
 */
export const TwoStepTick: Story = {
  render: (args) => <Ticking {...args} />,
  play: async ({ canvasElement }) => {
    const root = canvasElement.querySelector<HTMLElement>('.takhin-dashboard')!;
    const flips: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records)
        if (record.attributeName === 'data-deferred') flips.push(record.oldValue === null ? 'on' : 'off');
    });
    observer.observe(root, { attributes: true, attributeOldValue: true, attributeFilter: ['data-deferred'] });
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Next tick' }));
    await waitFor(() => expect(flips).toEqual(['on', 'off']));
    observer.disconnect();
    await expect(root).not.toHaveAttribute('data-deferred');
  },
};

export const AllStates: Story = {
  parameters: { a11y: GRID_A11Y },
  render: (args) => (
    <StateGrid
      min={640}
      items={[
        ['Loading', <Dashboard {...args} data={null} history={[]} status={connections.connecting()} />],
        ['Empty', <Dashboard {...args} data={empty} history={[]} topicEvents={[]} groupEvents={[]} />],
        ['Error', <Dashboard {...args} data={null} history={[]} status={connections.error()} />],
        ['Paused', <Dashboard {...args} defaultPaused />],
        [
          'Real Console (rates from offsets)',
          <Dashboard
            {...args}
            data={consoleSeries.metrics}
            history={consoleSeries.history}
            {...makeInferredEvents()}
          />,
        ],
      ]}
    />
  ),
};
