import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { useTopicEvents, useTopics } from '../../src/index.js';
import type { SimulatedSocketControl } from '../../src/sim/browser.js';
import { Simulated } from '../support.js';
import { HookOutput, useRenderCount } from './HookOutput.js';

function TopicEvents({ control }: { control: SimulatedSocketControl }) {
  const [handled, setHandled] = useState(0);
  const events = useTopicEvents(() => setHandled((count) => count + 1));
  const [next, setNext] = useState(1);
  return (
    <HookOutput call="useTopicEvents((event) => …)" value={events} renders={useRenderCount()}>
      <p style={{ margin: 0 }}>
        Handler called <span data-testid="handled">{handled}</span> times, once per event.
      </p>
      <p style={{ margin: 0, display: 'flex', gap: 8 }}>
        <button
          type="button"
          onClick={() => {
            control.createTopic(`story-topic-${next}`, 3);
            setNext(next + 1);
          }}
        >
          Create a topic
        </button>
        <button type="button" onClick={() => next > 1 && control.deleteTopic(`story-topic-${next - 1}`)}>
          Delete the last one
        </button>
      </p>
    </HookOutput>
  );
}

function Topics() {
  const topics = useTopics();
  return <HookOutput call="useTopics()" value={topics.map((t) => t.name)} renders={useRenderCount()} />;
}

const meta = {
  title: 'Hooks/useTopicEvents and useTopics',
  parameters: { layout: 'padded' },
  render: () => <></>,
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** Recent topic events, newest last; the handler runs once per event, never on re-render. */
export const TopicEventsStory: Story = {
  name: 'useTopicEvents',
  render: () => <Simulated intervalMs={500}>{(control) => <TopicEvents control={control} />}</Simulated>,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Create a topic' }));
    await waitFor(() => expect(canvas.getByTestId('value')).toHaveTextContent('story-topic-1'), {
      timeout: 5000,
    });
    await expect(canvas.getByTestId('handled')).toHaveTextContent('1');
  },
};

/** Current topics sorted by name: metrics reconcile them, events update them between ticks. */
export const TopicsStory: Story = {
  name: 'useTopics',
  render: () => (
    <Simulated intervalMs={500}>
      <Topics />
    </Simulated>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByTestId('value')).toHaveTextContent('"'), { timeout: 5000 });
  },
};
