import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ConsumerLagTable } from '../src/components/index.js';
import { HOSTILE_NAME, hugeSeries, makeSeries, SHAPES, smallCluster } from './fixtures.js';
import { GRID_A11Y, Simulated, StateGrid } from './support.js';

const small = makeSeries(smallCluster, 30);
const offsets = makeSeries(smallCluster, 30, { offsets: true });
/** The first sample of a connection: no consume rate is known yet. */
const firstSample = makeSeries(smallCluster, 1, { offsets: true }).metrics!.consumerLags;
/** The group the drill-down opens: the first by name, and the first topic it reads. */
const drillGroup = small.metrics!.consumerLags[0];

const meta = {
  title: 'Components/ConsumerLagTable',
  component: ConsumerLagTable,
  args: {
    data: small.metrics?.consumerLags,
    history: small.history,
    topics: small.metrics?.topicStats,
    thresholds: { warning: 1000, critical: 10000 },
    defaultExpanded: 'none',
    height: 420,
    rowHeight: 32,
    title: 'Consumer lag',
    onThresholdCrossed: fn(),
  },
  argTypes: {
    data: { control: false },
    history: { control: false },
    topics: { control: false },
    defaultExpanded: { control: 'inline-radio', options: ['none', 'groups', 'all'] },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof ConsumerLagTable>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { data: null, history: [] } };

/** Driven by the in-browser simulator through a real provider, client and store. */
export const Live: Story = {
  args: { data: undefined, history: undefined, topics: undefined, defaultExpanded: 'groups' },
  render: (args) => (
    <Simulated>
      <ConsumerLagTable {...args} />
    </Simulated>
  ),
};

export const Empty: Story = { args: { data: [], history: [] } };

/** The simulated server crashes after 5 s: the table keeps the last data while the client reconnects. */
export const Reconnecting: Story = {
  args: { data: undefined, history: undefined, topics: undefined },
  render: (args) => (
    <Simulated crashAfterMs={5000} crashForMs={8000}>
      <ConsumerLagTable {...args} />
    </Simulated>
  ),
};

/** 200 groups × 5 topics × 12 partitions, all expanded: 13,200 rows, only those in view in the DOM. */
export const HugeCluster: Story = {
  args: {
    data: hugeSeries().metrics?.consumerLags,
    history: hugeSeries().history,
    topics: hugeSeries().metrics?.topicStats,
    defaultExpanded: 'all',
  },
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table');
    await expect(table).toHaveAttribute('aria-rowcount', String(13_200 + 1));
    await expect(table.querySelectorAll('tbody tr:not(.takhin-spacer)').length).toBeLessThan(60);
  },
};

/**
 * Per group and topic: a sparkline of the lag over the window, the estimated time behind (lag ÷ the
 * produce rate of the topics read) and the catch-up wording ("keeping up" below the warning level).
 */
export const RowTrendsAndTimeBehind: Story = {
  args: { defaultExpanded: 'groups' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const rows = canvasElement.querySelectorAll('tbody tr[data-kind="group"], tbody tr[data-kind="topic"]');
    await expect(canvasElement.querySelectorAll('svg.takhin-sparkline').length).toBe(rows.length);
    await userEvent.click(
      within(canvas.getByRole('columnheader', { name: /Time behind/ })).getByRole('button'),
    );
    await expect(canvasElement.querySelector('td[data-behind="known"]')?.textContent).toMatch(/^~/);
  },
};

/** Before a produce rate is known, time behind reads — and says why. */
export const TimeBehindUnknown: Story = { args: { topics: null } };

/** A phone-width container. */
export const NarrowScreen: Story = {
  render: (args) => (
    <div style={{ maxWidth: 360 }}>
      <ConsumerLagTable {...args} />
    </div>
  ),
};

export const Dark: Story = { args: { theme: 'dark', defaultExpanded: 'groups' }, globals: { theme: 'dark' } };

export const Sorting: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const header = canvas.getByRole('columnheader', { name: /Group/ });
    await expect(header).toHaveAttribute('aria-sort', 'none');
    await userEvent.click(within(header).getByRole('button'));
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    const names = canvas
      .getAllByRole('rowheader')
      .map((cell) => cell.querySelector('.takhin-name-text')?.textContent);
    await expect(names).toEqual([...names].sort());
    await userEvent.click(within(header).getByRole('button'));
    await expect(header).toHaveAttribute('aria-sort', 'descending');
  },
};

export const Filtering: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Filter by group or topic' }), 'fraud');
    await expect(canvas.getAllByRole('rowheader')).toHaveLength(1);
    await expect(canvas.getByRole('button', { name: /fraud-detector/ })).toBeVisible();
  },
};

export const DrillDown: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const group = canvas.getByRole('button', { name: drillGroup.groupId });
    await userEvent.click(group);
    await expect(group).toHaveAttribute('aria-expanded', 'true');
    const topic = canvas.getByRole('button', { name: drillGroup.topicLags[0].topic });
    await userEvent.click(topic);
    await expect(topic).toHaveAttribute('aria-expanded', 'true');
    await expect(canvas.getAllByText(/^Partition \d+$/)).toHaveLength(4);
    await userEvent.click(group);
    await expect(canvas.queryByText(/^Partition \d+$/)).toBeNull();
  },
};

/** Consume rates from committed offsets (what the real Console allows): a column per group, topic and partition. */
export const ConsumeRates: Story = {
  args: { data: offsets.metrics?.consumerLags, history: offsets.history, defaultExpanded: 'groups' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('columnheader', { name: /Consume msg\/s/ })).toBeVisible();
    const cells = canvasElement.querySelectorAll('tbody tr[data-kind="group"] td[data-rate="known"]');
    await expect(cells.length).toBe(SHAPES.small.groups);
  },
};

/** Before two samples, consume rates are unknown: "—", never 0. */
export const ConsumeRatesUnknown: Story = {
  args: { data: firstSample, history: [] },
  play: async ({ canvasElement }) => {
    const cells = [...canvasElement.querySelectorAll('tbody tr[data-kind="group"] td[data-rate]')];
    await expect(cells.map((cell) => cell.textContent)).toEqual(Array(SHAPES.small.groups).fill('—'));
  },
};

/** Low thresholds so rows colour; the callback fires once per crossing, not per render. */
export const Thresholds: Story = {
  args: { thresholds: { warning: 1000, critical: 20000 } },
  play: async ({ canvasElement, args }) => {
    const rows = [...canvasElement.querySelectorAll<HTMLElement>('tbody tr[data-kind="group"]')];
    const levels = rows.map((row) => row.dataset.threshold);
    await expect(levels).toContain('critical');
    await expect(levels).toContain('warning');
    await waitFor(() => expect(args.onThresholdCrossed).toHaveBeenCalled());
    const calls = (args.onThresholdCrossed as ReturnType<typeof fn>).mock.calls.length;
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Expand all' }));
    await expect((args.onThresholdCrossed as ReturnType<typeof fn>).mock.calls.length).toBe(calls);
  },
};

export const HostileNames: Story = {
  args: {
    data: [
      {
        groupId: HOSTILE_NAME,
        totalLag: 3,
        topicLags: [
          {
            topic: HOSTILE_NAME,
            totalLag: 3,
            partitionLags: [{ partition: 0, currentOffset: 7, logEndOffset: 10, lag: 3 }],
          },
        ],
      },
    ],
    defaultExpanded: 'all',
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByText(HOSTILE_NAME)).toHaveLength(2);
    await expect(canvasElement.querySelector('img')).toBeNull();
  },
};

export const AllStates: Story = {
  parameters: { a11y: GRID_A11Y },
  render: (args) => (
    <StateGrid
      min={520}
      items={[
        ['Loading', <ConsumerLagTable {...args} data={null} history={[]} height={200} />],
        ['Empty', <ConsumerLagTable {...args} data={[]} history={[]} height={200} />],
        ['Live (fixture)', <ConsumerLagTable {...args} height={240} defaultExpanded="groups" />],
        ['Filtered to nothing', <ConsumerLagTable {...args} height={200} defaultFilter="no-such-group" />],
        [
          'Consume rates (from offsets)',
          <ConsumerLagTable
            {...args}
            data={offsets.metrics?.consumerLags}
            history={offsets.history}
            height={240}
            defaultExpanded="groups"
          />,
        ],
      ]}
    />
  ),
};

/** About 680 px with partitions open: the offsets and trend columns give way; no number is cut. */
export const Narrow: Story = {
  args: { defaultExpanded: 'all' },
  render: (args) => (
    <div style={{ maxWidth: 680 }}>
      <ConsumerLagTable {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    for (const cell of canvasElement.querySelectorAll<HTMLElement>('td[data-numeric]'))
      await expect(cell.scrollWidth).toBeLessThanOrEqual(cell.clientWidth);
  },
};

/** A phone: name, lag, time behind and catch-up; the rest is named in a footnote. */
export const Phone: Story = {
  render: (args) => (
    <div style={{ maxWidth: 390 }}>
      <ConsumerLagTable {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/^Not shown at this width:/)).toBeVisible();
  },
};

/** A filter that matches nothing, with the way back. */
export const FilterNoMatch: Story = {
  args: { defaultFilter: 'no-such-group' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Clear filter' }));
    await expect(canvas.getByRole('table')).toBeVisible();
  },
};

/** Live data with the pointer over the table: the rows keep their order, and a note says so. */
export const OrderPaused: Story = {
  args: { data: undefined, history: undefined, topics: undefined, defaultExpanded: 'groups' },
  render: (args) => (
    <Simulated>
      <ConsumerLagTable {...args} />
    </Simulated>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const box = await canvas.findByRole('region', { name: 'Consumer lag (scrollable)' }, { timeout: 10_000 });
    await userEvent.hover(box);
    await waitFor(() => expect(canvas.getByText(/^Order paused while you point at/)).toBeVisible());
  },
};
