import { afterEach, describe, expect, it } from 'vitest';
import { createTakhinClient, type TakhinClient } from '../../src/index.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { nodeSocketFactory } from '../helpers/nodeSocket.js';
import { waitUntil } from '../helpers/wait.js';

let sim: Simulator | null = null;
const clients: TakhinClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await sim?.close();
  sim = null;
});

const make = (url: string, token?: string) => {
  const client = createTakhinClient({
    url,
    token,
    shareAcrossTabs: true,
    createWebSocket: nodeSocketFactory(),
    heartbeat: false,
    batch: 'sync',
  });
  clients.push(client);
  return client;
};

// Node has BroadcastChannel but no Web Locks: this is the heartbeat election, end to end.
describe('shareAcrossTabs between clients of one process (BroadcastChannel, no Web Locks)', () => {
  it('opens one socket for two clients of one address; the follower gets the data and says so', async () => {
    sim = await startSimulator({ intervalMs: 100 });
    const [a, b] = [make(sim.url, 'secret-1'), make(sim.url, 'secret-2')];
    a.connect();
    b.connect();
    await waitUntil(
      () =>
        [a, b].some((c) => c.connection.leader === false) &&
        [a, b].every((c) => c.connection.status === 'open'),
      'one leader, one follower',
      5_000,
    );
    const follower = a.connection.leader === false ? a : b;
    const leader = follower === a ? b : a;
    await waitUntil(() => follower.store.getState().history.length >= 3, 'the follower has samples', 5_000);
    expect(sim.totalConnections).toBe(1);

    const off = follower.subscribe('topic:orders');
    await waitUntil(
      () => sim!.received.some((m) => m.type === 'subscribe' && m.data === 'topic:orders'),
      "the follower's subscription",
      5_000,
    );
    off();
    await waitUntil(
      () => sim!.received.some((m) => m.type === 'unsubscribe' && m.data === 'topic:orders'),
      "the follower's unsubscription",
      5_000,
    );

    const closedAt = Date.now();
    leader.close();
    await waitUntil(
      () => follower.connection.leader === true && follower.connection.status === 'open',
      'the follower took over',
      3_000,
    );
    expect(Date.now() - closedAt).toBeLessThan(3_000);
    await waitUntil(() => sim!.connections === 1, 'one socket', 3_000);
    expect(sim.totalConnections).toBe(2);
  });

  it('keeps clients of different addresses apart', async () => {
    sim = await startSimulator({ intervalMs: 100 });
    const other = await startSimulator({ intervalMs: 100 });
    try {
      const [a, b] = [make(sim.url), make(other.url)];
      a.connect();
      b.connect();
      await waitUntil(
        () => a.connection.status === 'open' && b.connection.status === 'open',
        'both open',
        5_000,
      );
      expect([a.connection.leader, b.connection.leader]).toEqual([true, true]);
      expect([sim.connections, other.connections]).toEqual([1, 1]);
    } finally {
      for (const client of clients.splice(0)) client.close();
      await other.close();
    }
  });
});

describe('shareAcrossTabs and the client lifecycle', () => {
  it('connects when closed and connected again while the tab share was still loading', async () => {
    sim = await startSimulator({ intervalMs: 100 });
    const client = make(sim.url);
    client.connect();
    client.close();
    client.connect();
    await waitUntil(() => client.connection.status === 'open', 'open', 5_000);
    expect(client.connection.leader).toBe(true);
    expect(sim.totalConnections).toBe(1);
  });
});
