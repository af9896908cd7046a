import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { LagAlertStrip } from '../src/components/index.js';
import type { LagAlert } from '../src/index.js';
import { GRID_A11Y, StateGrid } from './support.js';

const since = Date.UTC(2026, 0, 1, 12, 0, 0);
const warning: LagAlert = {
  id: 'level:billing',
  level: 'warning',
  rule: 'level',
  groupId: 'billing',
  since,
  lag: 12_400,
  timeBehindMs: 41_000,
};
const critical: LagAlert = {
  id: 'stuck:payments',
  level: 'critical',
  rule: 'stuck',
  groupId: 'payments',
  topic: 'orders',
  partition: 2,
  since: since - 300_000,
  lag: 88_000,
};
const growth: LagAlert = {
  id: 'growth:audit',
  level: 'warning',
  rule: 'growth',
  groupId: 'audit',
  since,
  lag: 5_300,
};
const hostile: LagAlert = {
  ...critical,
  id: 'hostile',
  groupId: '<img src=x onerror="alert(1)">',
  topic: "=cmd|' /C calc'!A0",
};

const meta = {
  title: 'Components/LagAlertStrip',
  component: LagAlertStrip,
  args: { alerts: [warning], onAlertSelect: fn(), locale: 'en-US' },
  argTypes: { theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] } },
} satisfies Meta<typeof LagAlertStrip>;

export default meta;
type Story = StoryObj<typeof meta>;

/** No active alert: the strip renders nothing. */
export const None: Story = { args: { alerts: [] } };

export const Warning: Story = {
  play: async ({ args, canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button'));
    await expect(args.onAlertSelect).toHaveBeenCalledWith(warning);
  },
};

export const Critical: Story = { args: { alerts: [critical] } };

/** Several rules at once, the most severe first. */
export const Mixed: Story = { args: { alerts: [warning, growth, critical] } };

/** Names from the server are text, never markup. */
export const HostileNames: Story = { args: { alerts: [hostile] } };

/** Without `onAlertSelect` the alerts are plain text, not buttons. */
export const NotLinked: Story = { args: { alerts: [warning, critical], onAlertSelect: undefined } };

export const AllStates: Story = {
  parameters: { a11y: GRID_A11Y },
  render: (args) => (
    <StateGrid
      items={[
        ['none', <LagAlertStrip {...args} alerts={[]} />],
        ['warning', <LagAlertStrip {...args} alerts={[warning]} />],
        ['critical', <LagAlertStrip {...args} alerts={[critical]} />],
        ['mixed', <LagAlertStrip {...args} alerts={[warning, growth, critical]} />],
        ['hostile names', <LagAlertStrip {...args} alerts={[hostile]} />],
      ]}
    />
  ),
};
