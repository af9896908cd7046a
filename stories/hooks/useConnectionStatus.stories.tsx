import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { useConnectionStatus, useSubscription } from '../../src/index.js';
import { Simulated } from '../support.js';
import { HookOutput, useRenderCount } from './HookOutput.js';

function Connection() {
  const { reconnect, disconnect, ...state } = useConnectionStatus();
  return (
    <HookOutput call="useConnectionStatus()" value={state} renders={useRenderCount()}>
      <p style={{ margin: 0, display: 'flex', gap: 8 }}>
        <button type="button" onClick={reconnect}>
          reconnect()
        </button>
        <button type="button" onClick={disconnect}>
          disconnect()
        </button>
      </p>
    </HookOutput>
  );
}

function Subscribed() {
  useSubscription('topic:orders');
  return (
    <HookOutput call="useSubscription('topic:orders')" value={undefined} renders={useRenderCount()}>
      <p style={{ margin: 0 }}>
        Returns nothing: sends subscribe while mounted, again after every reconnect, and unsubscribe on
        unmount.
      </p>
    </HookOutput>
  );
}

const meta = {
  title: 'Hooks/useConnectionStatus and useSubscription',
  parameters: { layout: 'padded' },
  render: () => <></>,
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** The simulated server crashes after 3 s for 5 s: watch the status, attempt and next retry change. */
export const ConnectionStatusStory: Story = {
  name: 'useConnectionStatus',
  render: () => (
    <Simulated intervalMs={500} crashAfterMs={3000} crashForMs={5000}>
      <Connection />
    </Simulated>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('value')).toHaveTextContent('"status": "open"'), {
      timeout: 5000,
    });
  },
};

export const SubscriptionStory: Story = {
  name: 'useSubscription',
  render: () => (
    <Simulated intervalMs={500}>
      <Subscribed />
    </Simulated>
  ),
};
