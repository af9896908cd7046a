/**
 * Faults over real sockets against the simulator's fault injection: crashes and restarts, stalls,
 * every close code the server can produce, refused credentials and an exhausted retry budget.
 * Sockets are happy-dom's `WebSocket` (what a browser app uses) unless a header must be sent, where
 * the `ws`-based factory stands in for a Node user.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTakhinClient, type TakhinClient, type TakhinClientOptions } from '../../src/index.js';
import type { TakhinError } from '../../src/core/errors.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/index.js';
import { nodeSocketFactory } from '../helpers/nodeSocket.js';
import { sleep, waitUntil } from '../helpers/wait.js';
import { countingFactory, recordStatus, whenState, whenStatus, type CountingFactory } from './helpers.js';

const INTERVAL_MS = 50;

let sims: Simulator[] = [];
let clients: TakhinClient[] = [];

async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    intervalMs: INTERVAL_MS,
    seed: 7,
    ...options,
  });
  sims.push(s);
  return s;
}

function client(options: Partial<TakhinClientOptions> & { url: string }): {
  c: TakhinClient;
  errors: TakhinError[];
} {
  const errors: TakhinError[] = [];
  const c = createTakhinClient({
    reconnect: { initialDelayMs: 10, maxDelayMs: 120, minUptimeMs: 30 },
    heartbeat: false,
    batch: 'sync',
    onError: (error) => errors.push(error),
    ...options,
  });
  clients.push(c);
  return { c, errors };
}

/** Resolves once a metrics message has arrived on the socket opened most recently. */
function freshMetrics(c: TakhinClient, timeoutMs = 5000): Promise<void> {
  return whenState(
    c,
    (s) =>
      s.connection.status === 'open' &&
      s.connection.openedAt !== null &&
      s.metrics !== null &&
      s.metrics.receivedAt >= s.connection.openedAt,
    'metrics on the current socket',
    timeoutMs,
  );
}

function sortedNames(record: Record<string, unknown>): string[] {
  return Object.keys(record).sort();
}

afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});

describe('server crash and restart on the same port', () => {
  it('reconnects after each of 20 crashes with capped, jittered backoff, re-subscribes, reconciles topics and never holds two sockets', async () => {
    const CYCLES = 20;
    const reconnect = { initialDelayMs: 10, maxDelayMs: 120, factor: 2, jitter: 0.5, minUptimeMs: 30 };
    const s = await sim({ size: 'small', scenario: 'steady' });
    const factory = countingFactory();
    const { c } = client({ url: s.url, createWebSocket: factory, reconnect });
    const channels = ['topic:orders', 'topic:payments'];
    for (const channel of channels) c.subscribe(channel);
    const recorder = recordStatus(c);

    // Sample both ends all along: never more than one socket, on the server or in the client.
    let maxServer = 0;
    let maxClient = 0;
    const sample = () => {
      maxServer = Math.max(maxServer, s.connections);
      maxClient = Math.max(maxClient, factory.live());
    };
    const sampler = setInterval(sample, 2);
    const stopOnConnection = s.on('connection', sample);

    try {
      c.connect();
      for (let cycle = 0; cycle <= CYCLES; cycle++) {
        await freshMetrics(c);
        // Subscriptions are re-sent on every new socket, and the server holds exactly one connection.
        await waitUntil(
          () =>
            s.subscriptions.length === 1 &&
            s.subscriptions[0].channels.slice().sort().join() === channels.join(),
          `subscriptions on connection of cycle ${cycle}`,
        );
        // The store mirrors the restarted server: same topics as the model, from metrics alone.
        const modelTopics = s.model.topics.map((t) => t.name).sort();
        await whenState(
          c,
          (state) => sortedNames(state.topics).join() === modelTopics.join(),
          `topics reconciled in cycle ${cycle}`,
        );
        expect(c.store.getState().metrics!.topicStats.map((t) => t.name)).toEqual(modelTopics);
        if (cycle === CYCLES) break;

        const openedBefore = c.connection.openedAt!;
        await s.crash(80 + (cycle % 5) * 40);
        // During the outage a topic disappears and another one appears; no event can reach the client.
        const victim = s.model.topics[cycle % s.model.topics.length].name;
        s.model.deleteTopic(victim);
        s.model.createTopic(`created-during-outage-${cycle}`, 1 + (cycle % 3));
        await whenState(
          c,
          (state) => state.connection.openedAt !== null && state.connection.openedAt > openedBefore,
          `a new socket in cycle ${cycle}`,
        );
        await freshMetrics(c);
        const topics = c.store.getState().topics;
        expect(victim in topics).toBe(false);
        expect(`created-during-outage-${cycle}` in topics).toBe(true);
      }
    } finally {
      clearInterval(sampler);
      stopOnConnection();
      recorder.stop();
    }

    expect(maxServer).toBe(1);
    expect(maxClient).toBe(1);
    // One accepted connection per cycle: no duplicate or abandoned sockets ever reached the server.
    expect(s.totalConnections).toBe(CYCLES + 1);
    const opened = recorder.steps.filter(
      (step, i) => step.status === 'open' && recorder.steps[i - 1]?.status !== 'open',
    );
    expect(opened).toHaveLength(CYCLES + 1);
    // The events of the outage never arrived: the store learnt the changes from metrics.
    expect(c.store.getState().topicEvents.filter((e) => e.name.startsWith('created-during-outage'))).toEqual(
      [],
    );

    const retries = recorder.steps.filter((step) => step.status === 'reconnecting' && step.delay !== null);
    expect(retries.length).toBeGreaterThan(CYCLES);
    for (const { attempt, delay } of retries) {
      const base = Math.min(
        reconnect.maxDelayMs,
        reconnect.initialDelayMs * reconnect.factor ** (attempt - 1),
      );
      expect(delay!).toBeLessThanOrEqual(reconnect.maxDelayMs);
      expect(delay!).toBeLessThanOrEqual(base);
      // No lower bound here: the recorder reads the clock after the client did, so any pause between
      // the two reads (a GC, another process on a shared machine) shows as a shorter delay, by an amount
      // no slack can bound. The lower bound is pinned where no clock races: backoff.test.ts (the pure
      // delay) and client.test.ts (the client waits at least that long, on fake timers).
    }
    // Exponential growth happened (later attempts of one outage), and the delays are not all the same.
    expect(Math.max(...retries.map((r) => r.attempt))).toBeGreaterThanOrEqual(3);
    expect(new Set(retries.map((r) => r.delay)).size).toBeGreaterThan(1);
    // Within one attempt number the delays differ too: that is the jitter, not the growth.
    const firstAttempts = retries.filter((r) => r.attempt === 1).map((r) => r.delay);
    expect(new Set(firstAttempts).size).toBeGreaterThan(1);
  });
});

describe('a stalled server (socket open, no data)', () => {
  it('is detected within three metrics intervals and reconnected, through reconnecting with a stale error', async () => {
    const interval = 100;
    const staleAfterMs = 3 * interval;
    const s = await sim({ intervalMs: interval });
    const factory = countingFactory();
    const { c, errors } = client({
      url: s.url,
      createWebSocket: factory,
      heartbeat: { staleAfterMs, pingAfterMs: 0, pongTimeoutMs: 1000 },
    });
    c.connect();
    await freshMetrics(c);
    await whenState(c, (state) => state.history.length >= 2, 'two ticks');
    const recorder = recordStatus(c);
    s.stall();
    await whenState(c, (state) => state.connection.lastError?.code === 'stale', 'stale detected', 3000);
    const detectedAt = Date.now();
    // Nothing has arrived since the stall, so this is still the time of the last message before it.
    const lastMessageAt = c.store.getState().connection.lastMessageAt!;
    const stale = errors.find((e) => e.code === 'stale')!;
    expect(stale.fatal).toBe(false);
    // Not before the window, and soon after it: one watchdog tick plus slack for a busy event loop
    // (the server's own protocol-level ping would take 54 s to notice anything).
    expect(detectedAt - lastMessageAt).toBeGreaterThanOrEqual(staleAfterMs);
    expect(stale.at - lastMessageAt).toBeLessThan(staleAfterMs + 1000);

    await whenStatus(c, 'open');
    s.resume();
    await freshMetrics(c);
    recorder.stop();
    const path = recorder.steps.map((step) => step.status);
    expect(path.slice(0, 3)).toEqual(['reconnecting', 'connecting', 'open']);
    expect(recorder.steps[0].errorCode).toBe('stale');
    // The dead socket was closed by the client: the server is left with the new one only.
    await waitUntil(() => s.connections === 1, 'old socket gone from the server');
    expect(factory.sockets.length).toBe(2);
  });
});

describe('every way the server can end a connection', () => {
  type Fault = { code: number; name: string; inject: (s: Simulator, raw: CountingFactory) => void };
  const faults: Fault[] = [
    {
      code: 1005,
      name: 'slow-client drop (empty close frame)',
      inject: (s) => expect(s.dropSlowClients()).toBe(1),
    },
    { code: 1006, name: 'abrupt termination', inject: (s) => s.restart() },
    {
      code: 1009,
      name: 'message too big for the server',
      // The client refuses to send this itself; the raw socket is used to make the server really close 1009.
      inject: (_s, raw) =>
        raw.last().send(JSON.stringify({ type: 'subscribe', data: 'x'.repeat(600 * 1024) })),
    },
  ];

  it.each(faults)(
    'close $code ($name) → reconnecting, then open with data flowing again',
    async ({ code, inject }) => {
      const s = await sim();
      const factory = countingFactory();
      const { c, errors } = client({ url: s.url, createWebSocket: factory });
      c.connect();
      await freshMetrics(c);
      const recorder = recordStatus(c);
      inject(s, factory);
      await whenState(c, (state) => state.connection.lastCloseCode === code, `close ${code}`);
      await freshMetrics(c);
      recorder.stop();

      const path = recorder.steps.map((step) => step.status);
      expect(path.slice(0, 3)).toEqual(['reconnecting', 'connecting', 'open']);
      const lost = errors.filter((e) => e.code === 'connection_lost');
      expect(lost).toHaveLength(1);
      expect(lost[0].closeCode).toBe(code);
      expect(lost[0].fatal).toBe(false);
      expect(s.totalConnections).toBe(2);
      expect(s.connections).toBe(1);
    },
  );

  it('refused credentials are final: closed, unauthorized, and no further attempt', async () => {
    const apiKey = 'reliability-api-key';
    const s = await sim({ auth: { apiKey } });
    const factory = countingFactory(nodeSocketFactory());
    const { c, errors } = client({ url: s.url, createWebSocket: factory });
    c.connect();
    await whenStatus(c, 'closed');
    const error = c.connection.lastError!;
    expect(error.code).toBe('unauthorized');
    expect(error.fatal).toBe(true);
    expect(errors.filter((e) => e.code === 'unauthorized')).toHaveLength(1);
    await sleep(300);
    expect(factory.urls).toHaveLength(1);
    expect(c.connection.status).toBe('closed');
    expect(s.totalConnections).toBe(0);

    // A wrong key is refused the same way.
    const wrong = countingFactory(nodeSocketFactory({ Authorization: 'Bearer not-the-key' }));
    const { c: c2 } = client({ url: s.url, createWebSocket: wrong });
    c2.connect();
    await whenStatus(c2, 'closed');
    expect(c2.connection.lastError?.code).toBe('unauthorized');
    await sleep(200);
    expect(wrong.urls).toHaveLength(1);
  });

  it('with the right Authorization header the same server lets the client in', async () => {
    const apiKey = 'reliability-api-key';
    const s = await sim({ auth: { apiKey } });
    for (const header of [`Bearer ${apiKey}`, apiKey]) {
      const { c } = client({ url: s.url, createWebSocket: nodeSocketFactory({ Authorization: header }) });
      c.connect();
      await freshMetrics(c);
      expect(c.connection.lastError).toBeNull();
      c.close();
    }
    expect(s.totalConnections).toBe(2);
  });

  it('gives up after maxRetries with max_retries, stays closed while the server returns, and reconnect() recovers', async () => {
    const s = await sim();
    const factory = countingFactory();
    const { c } = client({
      url: s.url,
      createWebSocket: factory,
      reconnect: { initialDelayMs: 10, maxDelayMs: 40, maxRetries: 3, minUptimeMs: 30 },
    });
    c.connect();
    await freshMetrics(c);
    const up = new Promise<void>((resolve) => s.on('up', () => resolve()));
    await s.crash(1500);
    await whenStatus(c, 'closed', 3000);
    expect(c.connection.lastError?.code).toBe('max_retries');
    expect(c.connection.lastError?.fatal).toBe(true);
    expect(c.connection.nextRetryAt).toBeNull();
    // The first socket and exactly three retries.
    expect(factory.urls).toHaveLength(4);
    await up;
    await sleep(300);
    expect(c.connection.status).toBe('closed');
    expect(factory.urls).toHaveLength(4);
    expect(s.totalConnections).toBe(1);

    c.reconnect();
    await freshMetrics(c);
    expect(c.connection.attempt).toBe(0);
    expect(s.totalConnections).toBe(2);
  });
});
