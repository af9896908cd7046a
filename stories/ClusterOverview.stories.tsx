import { useEffect, useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ClusterOverview } from '../src/components/index.js';
import type { ClusterOverviewProps } from '../src/components/index.js';
import { createSimulatedSocketFactory } from '../src/sim/browser.js';
import { connections, emptyCluster, makeCluster, makeSeries, smallCluster } from './fixtures.js';
import { GRID_A11Y, StateGrid } from './support.js';

type Cluster = NonNullable<ClusterOverviewProps['clusters']>[number];

const small = makeSeries(smallCluster, 30);
const busy = makeSeries(
  makeCluster({ topics: 20, partitionsPerTopic: 6, groups: 10, topicsPerGroup: 3 }, 3),
  30,
);
const quiet = makeSeries(emptyCluster, 5);

const card = (name: string, connection = connections.live(), series = small): Cluster => ({
  name,
  data: { connection, metrics: series.metrics, history: series.history },
});

const meta = {
  title: 'Components/ClusterOverview',
  component: ClusterOverview,
  args: {
    clusters: [
      card('production'),
      card('staging', connections.live(), busy),
      card('dev', connections.live(), quiet),
    ],
    onSelect: fn(),
  },
  argTypes: {
    clusters: { control: false },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof ClusterOverview>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = {
  args: {
    clusters: [
      { name: 'production', data: { connection: connections.connecting(), metrics: null } },
      { name: 'staging', data: { connection: connections.live(), metrics: null } },
    ],
  },
  play: async ({ canvasElement }) => {
    const cards = within(canvasElement).getAllByRole('listitem');
    await expect(cards).toHaveLength(2);
    for (const item of cards) await expect(item).toHaveAttribute('data-state', 'loading');
  },
};

/**
 * Three clusters, each with its own provider, client, store and in-browser simulated server (a
 * different size each); choosing one calls `onSelect` with it.
 */
export const Live: Story = {
  render: function LiveClusters(args) {
    const [clusters] = useState<Cluster[]>(() =>
      (['small', 'medium', 'empty'] as const).map((size, i) => ({
        name: ['production', 'staging', 'dev'][i],
        url: `ws://cluster-${i}.simulated.invalid/api/monitoring/ws`,
        dialect: 'takhin',
        options: {
          createWebSocket: createSimulatedSocketFactory({ size, intervalMs: 1000, seed: i + 1 }),
        },
      })),
    );
    useEffect(
      () => () => {
        for (const cluster of clusters) {
          (
            cluster.options?.createWebSocket as ReturnType<typeof createSimulatedSocketFactory>
          ).control.dispose();
        }
      },
      [clusters],
    );
    return <ClusterOverview {...args} clusters={clusters} />;
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const production = await canvas.findByRole('listitem', { name: 'production' });
    await expect(
      await within(production).findByText('Live', { exact: false }, { timeout: 5000 }),
    ).toBeVisible();
    await userEvent.click(within(production).getByRole('button', { name: 'production' }));
    await expect(args.onSelect).toHaveBeenCalledWith(expect.objectContaining({ name: 'production' }));
  },
};

export const Disconnected: Story = {
  args: {
    clusters: [card('production', connections.reconnecting()), card('staging', connections.offline())],
  },
};

export const ErrorState: Story = {
  name: 'Error',
  args: { clusters: [card('production', connections.error())] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/Gave up after 10 attempts/)).toBeVisible();
  },
};

/** Connected, but no message for a minute: the card says so instead of showing old figures as live. */
export const Stale: Story = {
  args: {
    clusters: [card('production', { ...connections.live(), lastMessageAt: Date.now() - 60_000 })],
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('listitem')).toHaveAttribute('data-state', 'stale');
  },
};

/** A tab that follows another tab's socket (`shareAcrossTabs`) says so. */
export const FollowingAnotherTab: Story = {
  args: { clusters: [card('production', { ...connections.live(), leader: false })] },
};

export const ManyClusters: Story = {
  args: {
    clusters: Array.from({ length: 12 }, (_, i) =>
      card(`cluster-${String(i + 1).padStart(2, '0')}`, connections.live(), [small, busy, quiet][i % 3]),
    ),
  },
};

export const Narrow: Story = {
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 280 }}>
        <Story />
      </div>
    ),
  ],
};

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } };

export const AllStates: Story = {
  parameters: { a11y: GRID_A11Y },
  render: (args) => (
    <StateGrid
      min={300}
      items={[
        [
          'loading',
          <ClusterOverview
            {...args}
            clusters={[{ name: 'a', data: { connection: connections.connecting(), metrics: null } }]}
          />,
        ],
        ['live', <ClusterOverview {...args} clusters={[card('b')]} />],
        ['reconnecting', <ClusterOverview {...args} clusters={[card('c', connections.reconnecting())]} />],
        ['error', <ClusterOverview {...args} clusters={[card('d', connections.error())]} />],
        [
          'stale',
          <ClusterOverview
            {...args}
            clusters={[card('e', { ...connections.live(), lastMessageAt: Date.now() - 60_000 })]}
          />,
        ],
        [
          'critical lag',
          <ClusterOverview
            {...args}
            clusters={[card('f', connections.live(), busy)]}
            thresholds={{ warning: 1, critical: 2 }}
          />,
        ],
      ]}
    />
  ),
};
