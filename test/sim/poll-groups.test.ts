import { afterEach, expect, it } from 'vitest';
import { createTakhinClient, type GroupEvent, type TakhinClient } from '../../src/index.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { nodeSocketFactory } from '../helpers/nodeSocket.js';

// The real Console never sends group_updated; its REST group list has the states. With `pollGroups`, the
// client reads it beside the socket (real HTTP and a real socket, against the uninstrumented simulator)
// and turns changes into inferred group events.

let sim: Simulator | null = null;
let client: TakhinClient | null = null;

afterEach(async () => {
  client?.close();
  client = null;
  await sim?.close();
  sim = null;
});

it('turns the group states the REST list reports into inferred group_updated events', async () => {
  sim = await startSimulator({ host: '127.0.0.1', port: 0, intervalMs: 100, scenario: 'rebalancing' });
  const s = sim;
  const events: GroupEvent[] = [];
  const errors: string[] = [];
  let polls = 0;
  const counted: typeof fetch = (input, init) => {
    polls++;
    return fetch(input, init);
  };
  const c = createTakhinClient({
    url: s.url,
    dialect: 'takhin',
    createWebSocket: nodeSocketFactory(),
    pollGroups: 100,
    fetch: counted,
    onError: (error) => errors.push(error.code),
  });
  client = c;
  // The rebalancing scenario also lets groups die and new ones appear, which the metrics announce as
  // inferred group_created / group_deleted; only the state changes come from the poll.
  const updates = (list: readonly GroupEvent[]) => list.filter((event) => event.type === 'group_updated');
  c.on('groupEvent', (event) => events.push(event));
  c.connect();
  // Each poll sees the model a little later: rebalances start and finish between polls.
  const seenAfter = (check: () => boolean) =>
    new Promise<void>((resolve) => {
      const stop = c.store.subscribe(() => {
        if (!check()) return;
        stop();
        resolve();
      });
    });
  await seenAfter(() => c.store.getState().metrics !== null);
  const advance = setInterval(() => s.model.advance(15_000), 50);
  try {
    await seenAfter(() => updates(events).length >= 2);
  } finally {
    clearInterval(advance);
  }
  expect(errors).toEqual([]);
  expect(polls).toBeGreaterThan(1);
  for (const event of updates(events).slice(0, 2)) {
    expect(event).toMatchObject({ type: 'group_updated', inferred: true });
    expect(typeof event.state).toBe('string');
    expect(Number.isInteger(event.members)).toBe(true);
    // The store holds what the event said.
    const group = c.store.getState().groups[event.groupId];
    expect(group).toBeDefined();
  }
  expect(updates(c.store.getState().groupEvents).slice(0, 2)).toEqual(updates(events).slice(0, 2));
  // The socket was never touched by the poll: one connection, still open.
  expect(s.totalConnections).toBe(1);
  expect(c.connection.status).toBe('open');
});
