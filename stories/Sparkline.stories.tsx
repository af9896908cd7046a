import type { Meta, StoryObj } from '@storybook/react-vite';
import { Sparkline } from '../src/components/index.js';
import { GRID_A11Y, StateGrid } from './support.js';

const rising = Float64Array.from({ length: 60 }, (_, i) => 100 + i * 12 + Math.sin(i) * 30);
const shrinking = Float64Array.from({ length: 60 }, (_, i) => Math.max(0, 900 - i * 16));
const flat = new Float64Array(60).fill(42);
/** Unknown samples (an outage, or a rate not yet measured) are gaps, not zeros. */
const gap = Float64Array.from(rising, (v, i) => (i > 20 && i < 34 ? Number.NaN : v));
const single = Float64Array.of(5);

const meta = {
  title: 'Components/Sparkline',
  component: Sparkline,
  args: { values: rising, label: 'Lag over the window', width: 64, height: 16 },
  argTypes: { values: { control: false } },
} satisfies Meta<typeof Sparkline>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Rising: Story = {};
export const Shrinking: Story = { args: { values: shrinking } };
export const Flat: Story = { args: { values: flat } };
export const WithGap: Story = { args: { values: gap } };
/** Fewer than two known values: an empty picture, not a dot or a line at zero. */
export const Loading: Story = { args: { values: single } };
export const Large: Story = { args: { width: 240, height: 48 } };
export const Dark: Story = {
  globals: { theme: 'dark' },
  render: (args) => (
    <div className="takhin" data-theme="dark" style={{ padding: 8, background: 'var(--takhin-surface)' }}>
      <Sparkline {...args} />
    </div>
  ),
};

export const AllStates: Story = {
  parameters: { a11y: GRID_A11Y },
  render: (args) => (
    <div className="takhin">
      <StateGrid
        min={120}
        items={[
          ['Rising', <Sparkline {...args} values={rising} />],
          ['Shrinking', <Sparkline {...args} values={shrinking} />],
          ['Flat', <Sparkline {...args} values={flat} />],
          ['Gap', <Sparkline {...args} values={gap} />],
          ['One value', <Sparkline {...args} values={single} />],
        ]}
      />
    </div>
  ),
};
