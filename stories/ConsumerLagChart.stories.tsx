import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ConsumerLagChart } from '../src/components/index.js';
import { hugeSeries, makeCluster, makeSeries, smallCluster } from './fixtures.js';
import { GRID_A11Y, Simulated, StateGrid } from './support.js';

const small = makeSeries(smallCluster, 150);
/** Topics but no consumer group. */
const emptyHistory = makeSeries(
  makeCluster({ topics: 8, partitionsPerTopic: 4, groups: 0, topicsPerGroup: 0 }),
  5,
).history;
/** Ten minutes of history with a two-minute hole in the middle (the server was down). */
const outage = [...small.history.slice(0, 60), ...small.history.slice(120)];
/** The newest sample is five minutes old: what a chart shows while no metrics arrive. */
const stale = small.history.slice(0, 60);

const meta = {
  title: 'Components/ConsumerLagChart',
  component: ConsumerLagChart,
  args: {
    history: small.history,
    top: 5,
    thresholds: { warning: 1000, critical: 10000 },
    height: 220,
    title: 'Consumer lag over time',
    onGroupChange: fn(),
  },
  argTypes: {
    history: { control: false },
    group: { control: 'text' },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof ConsumerLagChart>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { history: [] } };

/** Driven by the in-browser simulator through a real provider, client and store. */
export const Live: Story = {
  args: { history: undefined },
  render: (args) => (
    <Simulated intervalMs={1000}>
      <ConsumerLagChart {...args} />
    </Simulated>
  ),
};

/** Samples arrive, but no group has committed offsets. */
export const Empty: Story = { args: { history: emptyHistory } };

/** The simulated server crashes after 5 s for 10 s: the chart keeps its lines, with a gap for the outage. */
export const Disconnected: Story = {
  args: { history: undefined },
  render: (args) => (
    <Simulated intervalMs={1000} crashAfterMs={5000} crashForMs={10_000}>
      <ConsumerLagChart {...args} />
    </Simulated>
  ),
};

/** A two-minute outage in the history: the lines break instead of bridging the unknown. */
export const Outage: Story = { args: { history: outage } };

/** No sample for minutes (the connection is stale): the chart shows the last data it had. */
export const Stale: Story = { args: { history: stale } };

/** The server never answered: there is no data to draw, so the chart waits (the dashboard shows the error). */
export const ErrorState: Story = { name: 'Error', args: { history: [] } };

/** One group's topics, chosen with the `group` prop. */
export const GroupSelected: Story = { args: { group: 'indexer-consumer' } };

/** Choosing a group in the legend and going back. */
export const ChooseGroup: Story = {
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    const [first] = within(canvas.getByRole('toolbar', { name: 'Lines' })).getAllByRole('button');
    await userEvent.click(first);
    await expect(args.onGroupChange).toHaveBeenCalledTimes(1);
    await userEvent.click(canvas.getByRole('button', { name: '← All groups' }));
    await expect(args.onGroupChange).toHaveBeenLastCalledWith(null);
  },
};

/** 200 groups: five lines, whichever lead now. */
export const HugeCluster: Story = { args: { history: hugeSeries().history } };

export const NarrowScreen: Story = {
  render: (args) => (
    <div style={{ maxWidth: 340 }}>
      <ConsumerLagChart {...args} />
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
        ['Loading', <ConsumerLagChart {...args} history={[]} />],
        ['Empty', <ConsumerLagChart {...args} history={emptyHistory} />],
        ['Live', <ConsumerLagChart {...args} />],
        ['One group', <ConsumerLagChart {...args} group="indexer-consumer" />],
        ['Outage', <ConsumerLagChart {...args} history={outage} />],
        ['Stale', <ConsumerLagChart {...args} history={stale} />],
        ['Huge cluster', <ConsumerLagChart {...args} history={hugeSeries().history} />],
        ['Dark', <ConsumerLagChart {...args} theme="dark" />],
      ]}
    />
  ),
};
