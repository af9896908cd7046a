import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { LatencyChart } from '../src/components/index.js';
import { hugeSeries, makeSeries, smallCluster } from './fixtures.js';
import { GRID_A11Y, Simulated, StallAfter, StateGrid } from './support.js';

const small = makeSeries(smallCluster, 150);
/** The same history with 20 s (ten samples) missing in the middle: an outage. */
const outageHistory = [...small.history.slice(0, 70), ...small.history.slice(80)];
/** The real Console reports 0 for every latency figure. */
const unmeasured = makeSeries(smallCluster, 150, { offsets: true }).history;

const meta = {
  title: 'Components/LatencyChart',
  component: LatencyChart,
  args: { history: small.history, estimated: true, height: 240, title: 'Latency' },
  argTypes: {
    history: { control: false },
    width: { control: { type: 'number' } },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof LatencyChart>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { history: [] } };

/** The real server's dialect through the simulator: percentiles are estimates, and say so. */
export const Live: Story = {
  args: { history: undefined, estimated: undefined },
  render: (args) => (
    <Simulated scenario="burst" instrumented>
      <LatencyChart {...args} />
    </Simulated>
  ),
};

/** A quick-reference ("spec") server reports measured percentiles: no note. */
export const Measured: Story = { args: { estimated: false } };

export const Estimated: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/estimated from the mean by the server/)).toBeVisible();
    const [produce, fetch] = canvas.getAllByRole('img');
    await expect(produce).toHaveAttribute(
      'aria-label',
      expect.stringMatching(/^Produce latency over the last/),
    );
    await expect(fetch).toHaveAttribute('aria-label', expect.stringMatching(/^Fetch latency over the last/));
  },
};

/** Every latency value has been 0: the chart says the server does not measure latency, no zero lines. */
export const NotMeasured: Story = {
  args: { history: unmeasured, reported: false },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('This server does not measure latency.')).toBeVisible();
    await expect(canvas.getByText(/Takhin Console reports 0/)).toBeVisible();
    await expect(canvasElement.querySelector('.takhin-latency')).toHaveAttribute(
      'data-latency',
      'not-measured',
    );
    await expect(canvas.queryByRole('img')).toBeNull();
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

/** The simulated server stalls after 3 s: 5 s later the panel is greyed out (`data-stale`). */
export const Stale: Story = {
  args: { history: undefined },
  render: (args) => (
    <Simulated instrumented>
      {(control) => (
        <StallAfter control={control} ms={3000}>
          <LatencyChart {...args} />
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
      <LatencyChart {...args} />
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
        ['Loading', <LatencyChart {...args} history={[]} />],
        ['Estimated (takhin dialect)', <LatencyChart {...args} estimated />],
        ['Measured (spec dialect)', <LatencyChart {...args} estimated={false} />],
        ['One sample', <LatencyChart {...args} history={small.history.slice(-1)} />],
        ['Not measured (Takhin Console)', <LatencyChart {...args} history={unmeasured} reported={false} />],
      ]}
    />
  ),
};
