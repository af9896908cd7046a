/**
 * Nothing outlives its owner: 1,000 provider mounts against a real server leave no socket, no timer and
 * no heap behind, and a day of metrics fed at full speed keeps every buffer at its cap.
 *
 * Heap figures come after a full garbage collection: `global.gc` when Node runs with `--expose-gc`,
 * otherwise the collector is obtained at run time (see `getGc`). Without either the test says so and
 * falls back to a generous tolerance.
 */
import { act, cleanup, render } from '@testing-library/react';
import { StrictMode, useEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTakhinStore, TakhinProvider, useConnectionStatus, useMetrics } from '../../src/index.js';
import { parseFrame } from '../../src/core/index.js';
import type { ServerMessage } from '../../src/core/index.js';
import { createCluster, metricsFor, startSimulator, type Simulator } from '../../src/sim/index.js';
import { waitUntil } from '../helpers/wait.js';
import { countingFactory, getGc, installTimerCensus, MiB, settledHeap, type TimerCensus } from './helpers.js';

const LIBRARY = (origin: string) =>
  origin.startsWith('src/core/') || origin.startsWith('src/react/') || origin.startsWith('src/components/');

describe('1,000 mount/unmount cycles of the provider against a real server', () => {
  let sim: Simulator;
  let census: TimerCensus;

  beforeEach(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0, intervalMs: 50 });
  });

  afterEach(async () => {
    census?.uninstall();
    await sim.close();
  });

  function Probe({ onOpen }: { onOpen: () => void }) {
    const { status } = useConnectionStatus();
    const rate = useMetrics((m) => m?.throughput.produceRate ?? null);
    useEffect(() => {
      if (status === 'open') onOpen();
    }, [status, onOpen]);
    return (
      <p>
        {status} {rate}
      </p>
    );
  }

  /** Mounts a provider (in StrictMode when asked), waits for its socket to open unless `early`, unmounts. */
  async function cycle(strict: boolean, early: boolean): Promise<number> {
    const factory = countingFactory();
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const tree = (
      <TakhinProvider
        url={sim.url}
        createWebSocket={factory}
        reconnect={{ initialDelayMs: 10, maxDelayMs: 100 }}
        heartbeat={{ staleAfterMs: 1000, pingAfterMs: 400, pongTimeoutMs: 400 }}
      >
        <Probe onOpen={opened} />
      </TakhinProvider>
    );
    const view = render(strict ? <StrictMode>{tree}</StrictMode> : tree);
    if (early) {
      // Unmount while the socket is still connecting (or before it was even created).
      await act(async () => {
        await Promise.resolve();
      });
    } else {
      await act(() => open);
    }
    // `cleanup` (not `view.unmount`) also drops the testing library's own reference to the root.
    void view;
    cleanup();
    return factory.urls.length;
  }

  /** The heap once every socket is closed on both ends and no timer but the simulator's is pending. */
  async function quietHeap(): Promise<number> {
    await waitUntil(() => sim.connections === 0, 'server sockets closed', 10_000);
    await waitUntil(
      () => census.pending((o) => !o.startsWith('src/sim/')).length === 0,
      'timers settled',
      10_000,
    );
    const readings: number[] = [];
    for (let i = 0; i < 3; i++) {
      readings.push(await settledHeap());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return Math.min(...readings);
  }

  it('leaves zero sockets on the server, zero library timers pending, and the heap where it was', async () => {
    const CYCLES = 1000;
    const WARM_UP = 250;
    const gc = getGc();
    census = installTimerCensus();
    let waited = 0;
    let baseline = 0;
    const socketsPerMount: number[] = [];
    for (let i = 0; i < CYCLES; i++) {
      const strict = i % 2 === 1;
      const early = i % 10 === 9;
      const sockets = await cycle(strict, early);
      if (!early) {
        waited += 1;
        socketsPerMount.push(sockets);
      }
      // The first mounts grow the heap once (compiled code, caches); leaks show as growth after that.
      if (i === WARM_UP - 1) baseline = await quietHeap();
    }

    // One socket per mount, StrictMode included, and every one of them closed on the server.
    expect(new Set(socketsPerMount)).toEqual(new Set([1]));
    await waitUntil(() => sim.connections === 0, 'every socket closed on the server', 10_000);
    expect(sim.totalConnections).toBeGreaterThanOrEqual(waited);
    expect(sim.totalConnections).toBeLessThanOrEqual(CYCLES);

    // Timers: the library's own are all gone at once; the rest (close handshakes) settle soon after.
    expect(census.pending(LIBRARY)).toEqual([]);
    await waitUntil(
      () => census.pending((origin) => !origin.startsWith('src/sim/')).length === 0,
      'every other timer fired or cleared',
      10_000,
    );
    // The census did see the library's timers (watchdogs, flushes), so the empty list above means something.
    expect(census.created(LIBRARY)).toBeGreaterThanOrEqual(waited);
    census.uninstall();

    const growth = (await quietHeap()) - baseline;
    // With a real collector, a leak of 6 KiB per mount would show (4 MB over 750 mounts); without one,
    // heap figures include garbage and only a gross leak can be told apart from noise.
    expect(growth).toBeLessThan(gc ? 4 * MiB : 32 * MiB);
  }, 240_000);
});

describe('a 24-hour run at 2 s ticks, fed as fast as possible', () => {
  it('43,200 metrics messages of a mid-size cluster keep history and events at their caps and the heap flat', async () => {
    const TICKS = 43_200;
    const HISTORY = 300;
    const EVENTS = 200;
    const POOL = 600;
    // Mid-size: 30 topics × 4 partitions, 12 groups × 2 topics (about 13 KB per message on the wire).
    const model = createCluster({
      size: { topics: 30, partitionsPerTopic: 4, groups: 12, topicsPerGroup: 2 },
      seed: 11,
    });
    // A pool of successive ticks, parsed once and replayed in a loop through the store's own dispatch (the
    // parse path is covered by the bad-input tests; parsing 560 MB of JSON here would only cost time). The
    // wrap-around looks like a counter reset (a server restart), which the store must also absorb.
    const pool: ServerMessage[][] = [];
    for (let i = 0; i < POOL; i++) {
      model.advance(2000);
      const line = JSON.stringify({
        type: 'metrics',
        data: metricsFor(model, 'takhin'),
        timestamp: model.nowSeconds,
      });
      pool.push(parseFrame(line).messages);
    }
    const events = (i: number) =>
      parseFrame(
        [
          JSON.stringify({ type: 'topic_created', data: { name: `short-lived-${i}`, partitions: 1 } }),
          JSON.stringify({ type: 'topic_deleted', data: { name: `short-lived-${i}` } }),
        ].join('\n'),
      ).messages;

    const store = createTakhinStore({ dialect: 'takhin', historySize: HISTORY, eventBufferSize: EVENTS });
    // A subscriber, as a mounted hook would be.
    let notifications = 0;
    const unsubscribe = store.subscribe(() => {
      notifications += 1;
    });
    let now = Date.UTC(2025, 0, 1);
    const ingest = (messages: ServerMessage[]) =>
      store.dispatch({ type: 'ingest', messages, errors: [], frames: 1, bytes: 0, receivedAt: now });

    const WARM_UP = 3 * HISTORY;
    const heap: number[] = [];
    let baseline = 0;
    for (let tick = 0; tick < TICKS; tick++) {
      now += 2000;
      ingest(pool[tick % POOL]);
      if (tick % 20 === 0) ingest(events(tick));
      if (tick === WARM_UP) baseline = await settledHeap();
      if (tick > WARM_UP && tick % 3600 === 0) heap.push(await settledHeap());
    }
    heap.push(await settledHeap());
    unsubscribe();

    const state = store.getState();
    expect(state.counters.messages).toBe(TICKS + 2 * Math.ceil(TICKS / 20));
    expect(notifications).toBe(TICKS + Math.ceil(TICKS / 20));
    expect(state.history).toHaveLength(HISTORY);
    expect(state.topicEvents).toHaveLength(EVENTS);
    expect(state.history[0].time).toBe(now - (HISTORY - 1) * 2000);
    expect(Object.keys(state.topics)).toHaveLength(30);
    expect(state.metrics!.ratesKnown).toBe(true);

    const growth = Math.max(...heap) - baseline;
    expect(growth).toBeLessThan((getGc() ? 4 : 32) * MiB);
  }, 240_000);
});
