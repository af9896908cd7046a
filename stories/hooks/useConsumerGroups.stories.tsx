import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { useConsumerGroups, useGroupEvents } from '../../src/index.js';
import { Simulated } from '../support.js';
import { HookOutput, useRenderCount } from './HookOutput.js';

function Groups() {
  const groups = useConsumerGroups();
  return <HookOutput call="useConsumerGroups()" value={groups} renders={useRenderCount()} />;
}

function GroupEvents() {
  const events = useGroupEvents();
  return (
    <HookOutput call="useGroupEvents()" value={events} renders={useRenderCount()}>
      <p style={{ margin: 0 }}>
        The real server rarely sends group events; this simulator rebalances groups often to show some.
      </p>
    </HookOutput>
  );
}

const meta = {
  title: 'Hooks/useConsumerGroups and useGroupEvents',
  parameters: { layout: 'padded' },
  render: () => <></>,
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** Current groups with their last known state and lag, sorted by id. */
export const ConsumerGroupsStory: Story = {
  name: 'useConsumerGroups',
  render: () => (
    <Simulated intervalMs={500}>
      <Groups />
    </Simulated>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('value')).toHaveTextContent('"totalLag"'), {
      timeout: 5000,
    });
  },
};

/** Recent group events, newest last. */
export const GroupEventsStory: Story = {
  name: 'useGroupEvents',
  render: () => (
    <Simulated intervalMs={500} scenario="rebalancing">
      <GroupEvents />
    </Simulated>
  ),
};
