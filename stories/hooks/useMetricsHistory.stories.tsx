import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { useMetricsHistory } from '../../src/index.js';
import { Simulated } from '../support.js';
import { HookOutput, useRenderCount } from './HookOutput.js';

function LagSeries() {
  const series = useMetricsHistory((history) => history.slice(-5).map((s) => [s.time, s.totalLag]));
  return (
    <HookOutput
      call="useMetricsHistory((history) => history.slice(-5).map((s) => [s.time, s.totalLag]))"
      value={series}
      renders={useRenderCount()}
    >
      <p style={{ margin: 0 }}>The last five samples of total lag, oldest first.</p>
    </HookOutput>
  );
}

function SampleCount() {
  const count = useMetricsHistory((history) => history.length);
  return (
    <HookOutput
      call="useMetricsHistory((history) => history.length)"
      value={count}
      renders={useRenderCount()}
    />
  );
}

const meta = {
  title: 'Hooks/useMetricsHistory',
  parameters: { layout: 'padded' },
  render: () => <></>,
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** A derived series: the history array is new on every tick, so this re-renders on every tick. */
export const LastSamples: Story = {
  render: () => (
    <Simulated intervalMs={500} scenario="lagging">
      <LagSeries />
    </Simulated>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('value')).toHaveTextContent(/\[\s*\d+,/), {
      timeout: 5000,
    });
  },
};

/** How many samples are kept (at most `historySize`, 300 by default). */
export const Count: Story = {
  render: () => (
    <Simulated intervalMs={500}>
      <SampleCount />
    </Simulated>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(Number(canvas.getByTestId('value').textContent)).toBeGreaterThan(0), {
      timeout: 5000,
    });
  },
};
