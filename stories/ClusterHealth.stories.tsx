import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ClusterHealth } from '../src/components/index.js';
import { emptyCluster, hugeSeries, makeMetrics, makeSeries, smallCluster } from './fixtures.js';
import { GRID_A11Y, Simulated, StallAfter, StateGrid } from './support.js';

const small = makeSeries(smallCluster, 5);

const meta = {
  title: 'Components/ClusterHealth',
  component: ClusterHealth,
  args: {
    data: small.metrics?.clusterHealth,
    consumersLabel: 'Consumer groups',
    showConnections: 'auto',
    title: 'Cluster health',
  },
  argTypes: {
    data: { control: false },
    showConnections: { control: 'inline-radio', options: ['auto', true, false] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof ClusterHealth>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { data: null } };

/** Driven by the in-browser simulator through a real provider, client and store. */
export const Live: Story = {
  args: { data: undefined },
  render: (args) => (
    <Simulated>
      <ClusterHealth {...args} />
    </Simulated>
  ),
};

export const Empty: Story = { args: { data: makeMetrics(emptyCluster, 0).clusterHealth } };

export const HugeCluster: Story = {
  args: { data: hugeSeries().metrics?.clusterHealth },
  play: async ({ canvasElement }) => {
    const tile = within(canvasElement).getByText('Partitions').parentElement as HTMLElement;
    await expect(within(tile).getByRole('definition')).toHaveTextContent('12,000');
    await expect(within(canvasElement).getByText('Consumer groups')).toBeVisible();
  },
};

/** The real Console always sends 0 connections: asked to show them, the tile says "not reported", not 0. */
export const ConnectionsNotReported: Story = {
  args: { showConnections: true, connectionsReported: false },
  play: async ({ canvasElement }) => {
    const tile = within(canvasElement).getByText('Connections').parentElement as HTMLElement;
    await expect(within(tile).getByRole('definition')).toHaveTextContent('not reported');
    await expect(canvasElement.querySelector('.takhin-health')).toHaveAttribute(
      'data-connections',
      'not-reported',
    );
  },
};

/** A server that counts its connections: the tile appears by itself (`showConnections="auto"`). */
export const ConnectionsReported: Story = {
  args: { data: { ...small.metrics!.clusterHealth, activeConnections: 3 } },
  play: async ({ canvasElement }) => {
    const tile = within(canvasElement).getByText('Connections').parentElement as HTMLElement;
    await expect(within(tile).getByRole('definition')).toHaveTextContent('3');
  },
};

/** Topics, but no consumer group the server knows of: the verdict says so. */
export const NoGroups: Story = {
  args: { data: { ...small.metrics!.clusterHealth, totalConsumers: 0 } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/no known consumer group/)).toBeVisible();
  },
};

/** The simulated server stalls after 3 s: 5 s later the figures are greyed out and no verdict is given. */
export const Stale: Story = {
  args: { data: undefined },
  render: (args) => (
    <Simulated>
      {(control) => (
        <StallAfter control={control} ms={3000}>
          <ClusterHealth {...args} />
        </StallAfter>
      )}
    </Simulated>
  ),
};

/** A phone-width column. */
export const Narrow: Story = {
  render: (args) => (
    <div style={{ width: 340 }}>
      <ClusterHealth {...args} />
    </div>
  ),
};

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } };

export const AllStates: Story = {
  parameters: { a11y: GRID_A11Y },
  render: (args) => (
    <StateGrid
      min={420}
      items={[
        ['Loading', <ClusterHealth {...args} data={null} />],
        ['Empty cluster', <ClusterHealth {...args} data={makeMetrics(emptyCluster, 0).clusterHealth} />],
        ['Small cluster', <ClusterHealth {...args} />],
        ['Huge cluster', <ClusterHealth {...args} data={hugeSeries().metrics?.clusterHealth} />],
        ['Connections not reported', <ClusterHealth {...args} showConnections connectionsReported={false} />],
      ]}
    />
  ),
};
