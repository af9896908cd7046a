import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { TopicTable } from '../src/components/index.js';
import { HOSTILE_NAME, hugeSeries, makeSeries, SHAPES, smallCluster } from './fixtures.js';
import { GRID_A11Y, Simulated, StateGrid } from './support.js';

const small = makeSeries(smallCluster, 30);
const offsets = makeSeries(smallCluster, 30, { offsets: true }).metrics!;

const meta = {
  title: 'Components/TopicTable',
  component: TopicTable,
  args: {
    data: small.metrics?.topicStats,
    lags: small.metrics?.consumerLags,
    history: small.history,
    ratesKnown: true,
    height: 360,
    rowHeight: 32,
    title: 'Topics',
  },
  argTypes: {
    data: { control: false },
    lags: { control: false },
    history: { control: false },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof TopicTable>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { data: null } };

/** Driven by the in-browser simulator through a real provider, client and store. */
export const Live: Story = {
  args: { data: undefined, ratesKnown: undefined, lags: undefined, history: undefined },
  render: (args) => (
    <Simulated size="medium">
      <TopicTable {...args} />
    </Simulated>
  ),
};

export const Empty: Story = { args: { data: [] } };

/** Right after connecting to the real server, rates need a second sample. */
export const RatesPending: Story = { args: { ratesKnown: false } };

/** The real Console: rates derived from the growth of high-water marks and committed offsets. */
export const DerivedFromOffsets: Story = {
  args: { data: offsets.topicStats, source: offsets.throughputSource, known: offsets.throughputKnown },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('derived from offsets')).toBeVisible();
    await expect(canvasElement.querySelector('.takhin-topic-table')).toHaveAttribute(
      'data-source',
      'offsets',
    );
    await expect(canvas.getByText(/^Rates derived from offsets:/)).toBeVisible();
  },
};

/** The simulated server crashes after 5 s; the table keeps the last data while the client reconnects. */
export const Reconnecting: Story = {
  args: { data: undefined, ratesKnown: undefined, lags: undefined, history: undefined },
  render: (args) => (
    <Simulated crashAfterMs={5000}>
      <TopicTable {...args} />
    </Simulated>
  ),
};

/** 1,000 topics × 12 partitions; only the rows in view are in the DOM. */
export const HugeCluster: Story = {
  args: {
    data: hugeSeries().metrics?.topicStats,
    lags: hugeSeries().metrics?.consumerLags,
    history: hugeSeries().history,
  },
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table');
    await expect(table).toHaveAttribute('aria-rowcount', '1001');
    await expect(within(table).getAllByRole('rowheader').length).toBeLessThan(40);
  },
};

/** A produce-rate sparkline per row in view, and the lag of the groups reading each topic, sorted by it. */
export const RowTrendsAndLag: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(
      within(canvas.getByRole('columnheader', { name: /Lag \(groups\)/ })).getByRole('button'),
    );
    const rows = canvasElement.querySelectorAll('tbody tr:not(.takhin-spacer)');
    await expect(canvasElement.querySelectorAll('svg.takhin-sparkline path').length).toBe(rows.length);
    await expect(rows[0].textContent).toMatch(/\(\d+ groups?\)/);
  },
};

/** A phone-width container: the table scrolls sideways, rows keep their height. */
export const NarrowScreen: Story = {
  render: (args) => (
    <div style={{ maxWidth: 360 }}>
      <TopicTable {...args} />
    </div>
  ),
};

/** A phone: the topic name, produce rate, size and lag stay; nothing is cut. */
export const Phone: Story = {
  render: (args) => (
    <div style={{ maxWidth: 390 }}>
      <TopicTable {...args} />
    </div>
  ),
  play: async ({ canvasElement }) => {
    for (const cell of canvasElement.querySelectorAll<HTMLElement>('td[data-numeric]'))
      await expect(cell.scrollWidth).toBeLessThanOrEqual(cell.clientWidth);
  },
};

/** A filter that matches nothing, with the way back. */
export const FilterNoMatch: Story = { args: { defaultFilter: 'no-such-topic' } };

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } };

export const Sorting: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const header = canvas.getByRole('columnheader', { name: /Messages/ });
    await userEvent.click(within(header).getByRole('button'));
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await expect(canvas.getByRole('columnheader', { name: /Topic/ })).toHaveAttribute('aria-sort', 'none');
    const counts = canvas
      .getAllByRole('row')
      .slice(1)
      .map((row) => Number(row.querySelectorAll('td')[1].title.replace(/\D/g, '')));
    await expect(counts).toEqual([...counts].sort((a, b) => b - a));
  },
};

export const Filtering: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Filter topics by name' }), 'ship');
    await expect(canvas.getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      'shipping.events',
    ]);
    await expect(canvas.getByText(`1 of ${SHAPES.small.topics} topics`)).toBeVisible();
  },
};

export const HostileNames: Story = {
  args: {
    data: [
      { name: HOSTILE_NAME, partitions: 1, totalMessages: 1, totalBytes: 10, produceRate: 0, fetchRate: 0 },
    ],
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(HOSTILE_NAME)).toBeVisible();
    await expect(canvasElement.querySelector('img')).toBeNull();
  },
};

export const AllStates: Story = {
  parameters: { a11y: GRID_A11Y },
  render: (args) => (
    <StateGrid
      min={520}
      items={[
        ['Loading', <TopicTable {...args} data={null} />],
        ['Empty', <TopicTable {...args} data={[]} />],
        ['Live (fixture)', <TopicTable {...args} height={220} />],
        ['Rates pending', <TopicTable {...args} height={220} ratesKnown={false} />],
        [
          'Derived from offsets',
          <TopicTable
            {...args}
            height={220}
            data={offsets.topicStats}
            source="offsets"
            known={offsets.throughputKnown}
          />,
        ],
      ]}
    />
  ),
};
