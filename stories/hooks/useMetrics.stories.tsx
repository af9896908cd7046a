import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { shallow, useMetrics, type Metrics } from '../../src/index.js';
import { Simulated } from '../support.js';
import { HookOutput, useRenderCount } from './HookOutput.js';

function WholeMetrics() {
  const metrics = useMetrics();
  return <HookOutput call="useMetrics()" value={metrics} renders={useRenderCount()} />;
}

function ProduceRate() {
  const rate = useMetrics((m) => m?.throughput.produceRate ?? null);
  return (
    <HookOutput
      call="useMetrics((m) => m?.throughput.produceRate ?? null)"
      value={rate}
      renders={useRenderCount()}
    />
  );
}

const sizes = (m: Metrics | null) => ({
  topics: m?.topicStats.length ?? 0,
  groups: m?.consumerLags.length ?? 0,
});

function SizesWithoutEquality() {
  const value = useMetrics(sizes);
  return (
    <HookOutput call="useMetrics((m) => ({ topics, groups }))" value={value} renders={useRenderCount()}>
      <p style={{ margin: 0 }}>
        A new object on every tick: re-renders every time (and warns once in the console, in development).
      </p>
    </HookOutput>
  );
}

function SizesWithShallow() {
  const value = useMetrics(sizes, shallow);
  return (
    <HookOutput
      call="useMetrics((m) => ({ topics, groups }), shallow)"
      value={value}
      renders={useRenderCount()}
    >
      <p style={{ margin: 0 }}>Compared with shallow: re-renders only when a count changes.</p>
    </HookOutput>
  );
}

const meta = {
  title: 'Hooks/useMetrics',
  parameters: { layout: 'padded' },
  render: () => <></>,
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** The latest normalized metrics, or null before the first tick: re-renders on every tick. */
export const Whole: Story = {
  render: () => (
    <Simulated intervalMs={500}>
      <WholeMetrics />
    </Simulated>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('value')).toHaveTextContent('"throughput"'), {
      timeout: 5000,
    });
  },
};

/** A number: the component re-renders only when that number changes. */
export const Slice: Story = {
  render: () => (
    <Simulated intervalMs={500}>
      <ProduceRate />
    </Simulated>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('value').textContent).toMatch(/^\d/), { timeout: 5000 });
  },
};

/** The same object-building selector with and without `shallow`: compare the render counts. */
export const ObjectSelectorAndShallow: Story = {
  name: 'Object selector, with and without shallow',
  render: () => (
    <Simulated intervalMs={300}>
      <div style={{ display: 'grid', gap: 24 }}>
        <div data-testid="without">
          <SizesWithoutEquality />
        </div>
        <div data-testid="with">
          <SizesWithShallow />
        </div>
      </div>
    </Simulated>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const renders = (id: string) => Number(within(canvas.getByTestId(id)).getByTestId('renders').textContent);
    await waitFor(() => expect(renders('without')).toBeGreaterThanOrEqual(5), { timeout: 8000 });
    await expect(renders('with')).toBeLessThan(renders('without'));
  },
};
