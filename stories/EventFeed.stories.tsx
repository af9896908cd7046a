import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { EventFeed } from '../src/components/index.js';
import { HOSTILE_NAME, makeEvents, makeInferredEvents } from './fixtures.js';
import { GRID_A11Y, Simulated, StateGrid } from './support.js';

const events = makeEvents(12);
const inferred = makeInferredEvents();

const meta = {
  title: 'Components/EventFeed',
  component: EventFeed,
  args: { ...events, limit: 50, title: 'Recent events' },
  argTypes: {
    topicEvents: { control: false },
    groupEvents: { control: false },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark'] },
  },
} satisfies Meta<typeof EventFeed>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = { args: { topicEvents: [], groupEvents: [] } };

/** The "flapping" scenario creates and deletes a topic and flips a group's membership every few seconds. */
export const Live: Story = {
  args: { topicEvents: undefined, groupEvents: undefined },
  render: (args) => (
    <Simulated scenario="flapping" instrumented>
      <EventFeed {...args} />
    </Simulated>
  ),
};

export const HostileNames: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByText(HOSTILE_NAME).length).toBeGreaterThan(0);
    await expect(canvasElement.querySelector('img')).toBeNull();
  },
};

/**
 * What a client of the real Console sees: changes seen in the metrics (no message announced them),
 * a partition count that grew, and one topic created through the REST API.
 */
export const InferredEvents: Story = {
  args: inferred,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByText('seen in metrics')).toHaveLength(5);
    await expect(canvasElement.querySelectorAll('li[data-inferred]')).toHaveLength(5);
    await expect(canvas.getByText('partitions 3 → 6')).toBeVisible();
    await expect(
      canvasElement.querySelector('li[data-change="deleted"] .takhin-feed-icon'),
    ).toHaveTextContent('−');
    await expect(
      canvasElement.querySelector('li[data-change="created"] .takhin-feed-icon'),
    ).toHaveTextContent('+');
  },
};

/** More events than fit (the newest 50 listed): the list scrolls from the keyboard (Tab to it, then the arrow keys). */
export const ManyEvents: Story = {
  args: makeEvents(60),
  play: async ({ canvasElement }) => {
    const list = within(canvasElement).getByRole('list', { name: /newest first: 50 events$/ });
    await expect(list).toHaveAttribute('tabindex', '0');
    await expect(list.scrollHeight).toBeGreaterThan(list.clientHeight);
  },
};

/** A phone-width column: entries wrap, none is cut. */
export const Narrow: Story = {
  render: (args) => (
    <div style={{ width: 340 }}>
      <EventFeed {...args} />
    </div>
  ),
};

export const Dark: Story = { args: { theme: 'dark' }, globals: { theme: 'dark' } };

export const AllStates: Story = {
  parameters: { a11y: GRID_A11Y },
  render: (args) => (
    <StateGrid
      items={[
        ['Empty', <EventFeed {...args} topicEvents={[]} groupEvents={[]} />],
        ['Events', <EventFeed {...args} />],
        ['Limit 3', <EventFeed {...args} limit={3} />],
        ['Seen in metrics (real Console)', <EventFeed {...args} {...inferred} />],
      ]}
    />
  ),
};
