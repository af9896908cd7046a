import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ThroughputChart } from '../src/components/index.js';
import { hugeSeries, makeSeries, smallCluster } from './fixtures.js';
import { GRID_A11Y, Simulated, StallAfter, StateGrid } from './support.js';

const small = makeSeries(smallCluster, 150);
/** The same history with 20 s (ten samples) missing in the middle: an outage. */
const outageHistory = [...small.history.slice(0, 70), ...small.history.slice(80)];
/** The real Console: counters at zero, rates derived from offsets, fetch bytes unknown. */
const consoleSeries = makeSeries(smallCluster, 150, { offsets: true });
const offsets = {
  history: consoleSeries.history,
  source: consoleSeries.metrics!.throughputSource,
  known: consoleSeries.metrics!.throughputKnown,
};
const pending = small.history.slice(0, 1).map((sample) => ({ ...sample, ratesKnown: false }));

const meta = {
  title: 'Components/ThroughputChart',
  component: ThroughputChart,
  args: { history: small.history, view: 'both', height: 180, title: 'Throughput' },
  argTypes: {
    history: { control: false },
    view: { control: 'inline-radio', options: ['messages', 'bytes', 'both'] },
    width: { control: { type: 'number' } },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof ThroughputChart>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { history: [] } };

/** The real server sends counters: the first sample says "rates pending", then rates flow. */
export const Live: Story = {
  args: { history: undefined },
  render: (args) => (
    <Simulated scenario="burst" instrumented>
      <ThroughputChart {...args} />
    </Simulated>
  ),
};

export const RatesPending: Story = {
  args: { history: pending },
  play: async ({ canvasElement }) => {
    // Said once: no badge repeating it, no empty charts.
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/^Rates pending: the first rate needs two samples/)).toBeVisible();
    await expect(canvas.queryByText('rates pending')).toBeNull();
    await expect(canvas.queryAllByRole('img')).toHaveLength(0);
  },
};

/** The real Console never feeds its counters: the rates come from offsets, and bytes consumed are not known. */
export const DerivedFromOffsets: Story = {
  args: offsets,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('derived from offsets')).toBeVisible();
    await expect(canvasElement.querySelector('.takhin-throughput')).toHaveAttribute('data-source', 'offsets');
    await expect(canvas.getByText(/Not measured, so not drawn: fetch bytes\/s/)).toBeVisible();
    await expect(canvas.getAllByRole('img')[1]).toHaveAttribute(
      'aria-label',
      expect.stringMatching(/fetch not measured\.$/),
    );
  },
};

/** 20 s of samples never arrived: every line breaks there instead of bridging the outage. */
export const Outage: Story = {
  args: { history: outageHistory },
  play: async ({ canvasElement }) => {
    const paths = canvasElement.querySelectorAll('.takhin-line');
    await expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) await expect((path.getAttribute('d') ?? '').match(/M/g)?.length).toBe(2);
  },
};

/** The pointer over the plot: a cursor at the nearest sample, a dot on each line, its time and values. */
export const HoverReadout: Story = {
  args: { view: 'messages' },
  play: async ({ canvasElement }) => {
    const area = canvasElement.querySelector('.takhin-hover-area')!;
    const box = area.getBoundingClientRect();
    area.dispatchEvent(
      new PointerEvent('pointermove', {
        bubbles: true,
        clientX: box.left + box.width * 0.6,
        clientY: box.top + 20,
      }),
    );
    const readout = await within(canvasElement).findByText(/^Produce:/);
    await expect(readout.closest('.takhin-tooltip')?.textContent).toMatch(/Fetch: .*msg\/s/);
  },
};

/** The simulated server stalls after 3 s: 5 s later the panel is greyed out (`data-stale`). */
export const Stale: Story = {
  args: { history: undefined },
  render: (args) => (
    <Simulated instrumented>
      {(control) => (
        <StallAfter control={control} ms={3000}>
          <ThroughputChart {...args} />
        </StallAfter>
      )}
    </Simulated>
  ),
};

/** A phone-width column. */
export const Narrow: Story = {
  args: { width: undefined },
  render: (args) => (
    <div style={{ width: 340 }}>
      <ThroughputChart {...args} />
    </div>
  ),
};

export const HugeCluster: Story = { args: { history: hugeSeries().history } };

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } };

export const AllStates: Story = {
  parameters: { a11y: GRID_A11Y },
  render: (args) => (
    <StateGrid
      min={420}
      items={[
        ['Loading', <ThroughputChart {...args} history={[]} />],
        ['Rates pending', <ThroughputChart {...args} history={pending} />],
        ['Messages only', <ThroughputChart {...args} view="messages" />],
        ['Bytes only', <ThroughputChart {...args} view="bytes" />],
        ['Derived from offsets', <ThroughputChart {...args} {...offsets} />],
      ]}
    />
  ),
};
