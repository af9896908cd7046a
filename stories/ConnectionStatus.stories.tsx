import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ConnectionStatus } from '../src/components/index.js';
import { connections } from './fixtures.js';
import { Simulated, StateGrid, WithConnection } from './support.js';

const meta = {
  title: 'Components/ConnectionStatus',
  component: ConnectionStatus,
  args: { onRetry: fn() },
  argTypes: {
    status: { control: false },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof ConnectionStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { status: connections.connecting() } };

/**
 * A real provider over the in-browser simulator, whose server crashes after 4 s for 8 s: watch it go
 * live, count down to each retry, and come back. "Retry now" calls the client's reconnect().
 */
export const Live: Story = {
  args: { onRetry: undefined },
  render: (args) => (
    <Simulated crashAfterMs={4000} crashForMs={8000}>
      <ConnectionStatus {...args} />
    </Simulated>
  ),
};

/** An open socket that has delivered nothing yet: not "Live". */
export const Waiting: Story = {
  args: { status: connections.waiting() },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Connected, waiting for data');
  },
};

/** Open, but the server stopped sending metrics 45 s ago: "No new data", "data 45 s old". */
export const Stale: Story = {
  render: (args) => (
    <WithConnection make={() => connections.stale(45_000)}>
      {(status) => <ConnectionStatus {...args} status={status} />}
    </WithConnection>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('No new data');
    await expect(canvas.getByText(/^data 4\d s old$/)).toBeVisible();
    await expect(canvasElement.querySelector('.takhin-connection')).toHaveAttribute('data-stale', '');
  },
};

/** Paused on purpose: never "Live". */
export const Paused: Story = {
  args: { status: connections.live(), paused: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Paused');
  },
};

/** Another tab owns the socket (`shareAcrossTabs`); this one shows the data that tab passes on. */
export const FollowingAnotherTab: Story = {
  args: { status: { ...connections.live(), leader: false } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('following another tab')).toBeVisible();
  },
};

export const Offline: Story = { args: { status: connections.offline() } };

export const Reconnecting: Story = {
  render: (args) => (
    <WithConnection make={() => connections.reconnecting(30_000)}>
      {(status) => <ConnectionStatus {...args} status={status} />}
    </WithConnection>
  ),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent(/^Reconnecting in (30|29) s$/);
    await userEvent.click(canvas.getByRole('button', { name: 'Retry now' }));
    await expect(args.onRetry).toHaveBeenCalledTimes(1);
  },
};

export const ErrorState: Story = { name: 'Error', args: { status: connections.error() } };

export const Dark: Story = {
  args: { theme: 'dark', status: connections.live() },
  globals: { theme: 'dark' },
};

export const AllStates: Story = {
  render: (args) => (
    <WithConnection make={() => connections.reconnecting(30_000)}>
      {(reconnecting) => (
        <StateGrid
          min={260}
          items={[
            ['Live', <ConnectionStatus {...args} status={connections.live()} />],
            ['Waiting for data', <ConnectionStatus {...args} status={connections.waiting()} />],
            ['Stale', <ConnectionStatus {...args} status={connections.stale()} />],
            ['Paused', <ConnectionStatus {...args} status={connections.live()} paused />],
            ['Connecting', <ConnectionStatus {...args} status={connections.connecting()} />],
            ['Reconnecting', <ConnectionStatus {...args} status={reconnecting} />],
            ['Offline', <ConnectionStatus {...args} status={connections.offline()} />],
            ['Error', <ConnectionStatus {...args} status={connections.error()} />],
          ]}
        />
      )}
    </WithConnection>
  ),
};
