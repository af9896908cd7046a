import { afterEach, describe, expect, it } from 'vitest';
import { createTakhinClient, type TakhinClient } from '../../src/index.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { nodeSocketFactory } from '../helpers/nodeSocket.js';
import { waitUntil } from '../helpers/wait.js';
import { storeInvariantViolations } from './fixtures.js';

let sim: Simulator | null = null;
let client: TakhinClient | null = null;

afterEach(async () => {
  client?.close();
  client = null;
  await sim?.close();
  sim = null;
});

describe('TakhinClient against the simulator', () => {
  for (const dialect of ['takhin', 'spec'] as const) {
    it(`keeps normalized, sorted metrics in the ${dialect} dialect`, async () => {
      sim = await startSimulator({ dialect, instrumented: true, intervalMs: 60, seed: 7, size: 'small' });
      client = createTakhinClient({
        url: sim.url,
        dialect,
        createWebSocket: nodeSocketFactory(),
        heartbeat: false,
      });
      client.connect();
      const c = client;
      await waitUntil(() => c.store.getState().history.length >= 5, 'five samples', 10_000);
      const state = c.store.getState();
      const metrics = state.metrics!;
      expect(metrics.ratesKnown).toBe(true);
      expect(metrics.throughput.produceRate).toBeGreaterThan(0);
      expect(metrics.latencyEstimated).toBe(dialect === 'takhin');
      // Latency is in ms whatever the dialect: a simulated broker answers in a few to a few hundred ms.
      expect(metrics.latency.produceP99).toBeGreaterThan(0.1);
      expect(metrics.latency.produceP99).toBeLessThan(10_000);
      expect(storeInvariantViolations(state)).toEqual([]);
      expect(Object.keys(state.topics).sort()).toEqual(metrics.topicStats.map((t) => t.name));
    });
  }

  it('paints from GET /api/monitoring/metrics before the first tick', async () => {
    sim = await startSimulator({ dialect: 'takhin', intervalMs: 5_000, seed: 3 });
    client = createTakhinClient({
      url: sim.url,
      createWebSocket: nodeSocketFactory(),
      heartbeat: false,
      firstPaint: true,
    });
    client.connect();
    const c = client;
    await waitUntil(() => c.store.getState().metrics, 'first paint', 3_000);
    expect(c.store.getState().counters.frames).toBe(0);
    expect(c.store.getState().metrics!.topicStats.length).toBeGreaterThan(0);
  });

  it('reconciles topics deleted and created while it was disconnected', async () => {
    sim = await startSimulator({ dialect: 'takhin', intervalMs: 50, seed: 5 });
    client = createTakhinClient({
      url: sim.url,
      createWebSocket: nodeSocketFactory(),
      heartbeat: false,
      reconnect: { initialDelayMs: 20, maxDelayMs: 50 },
    });
    client.connect();
    const c = client;
    await waitUntil(() => c.store.getState().metrics, 'metrics');
    const [victim] = Object.keys(c.store.getState().topics);
    await sim.crash(200);
    sim.model.deleteTopic(victim);
    sim.model.createTopic('born-during-outage', 2);
    await waitUntil(
      () => c.store.getState().topics['born-during-outage'],
      'new topic after reconnect',
      10_000,
    );
    expect(c.store.getState().topics[victim]).toBeUndefined();
    expect(sim.connections).toBe(1);
  });
});
