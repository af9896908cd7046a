import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTakhinClient,
  TakhinError,
  type TakhinClient,
  type TakhinClientOptions,
} from '../../src/index.js';
import { handSocketFactory, type HandSocket } from '../reliability/helpers.js';
import { makeMetrics } from './fixtures.js';

// The client's unit tests: fake timers and a socket the test drives by hand, so every step happens
// exactly when the test says. Real sockets are exercised in client-simulator.test.ts and test/reliability.

const line = (message: unknown) => JSON.stringify(message);
const metricsLine = (overrides: Parameters<typeof makeMetrics>[0] = {}) =>
  line({ type: 'metrics', data: makeMetrics(overrides), timestamp: 1_704_225_600 });

let factory: ReturnType<typeof handSocketFactory>;
let client: TakhinClient | null = null;
let errors: TakhinError[] = [];

function connect(options: Partial<TakhinClientOptions> = {}): TakhinClient {
  errors = [];
  client = createTakhinClient({
    url: 'ws://127.0.0.1:1/api/monitoring/ws',
    createWebSocket: factory,
    reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
    heartbeat: false,
    firstPaint: false,
    networkEvents: false,
    onError: (error) => errors.push(error),
    ...options,
  });
  client.connect();
  return client;
}

/** Lets the microtask that opens a hand socket run, then applies what the client has batched. */
async function settle(ms = 0): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

const sentMessages = (socket: HandSocket) =>
  socket.sent.map((text) => JSON.parse(text) as { type: string; data?: unknown; timestamp?: number });

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  factory = handSocketFactory();
});

afterEach(() => {
  client?.close();
  client = null;
  vi.useRealTimers();
});

describe('TakhinClient, driven by hand with fake timers', () => {
  it('applies every message of a frame holding several newline-joined messages', async () => {
    const c = connect({ dialect: 'spec' });
    await settle();
    expect(c.connection.status).toBe('open');
    factory
      .last()
      .receive(
        [
          line({ type: 'topic_created', data: { name: 'orders', partitions: 3 }, timestamp: 1 }),
          metricsLine(),
          line({ type: 'pong', data: null, timestamp: 2 }),
        ].join('\n'),
      );
    await settle(50);
    const state = c.store.getState();
    expect(state.counters.messages).toBe(3);
    expect(state.metrics).not.toBeNull();
    expect(state.topicEvents.map((e) => e.name)).toEqual(['orders']);
    expect(state.counters.frames).toBe(1);
    expect(errors).toEqual([]);
  });

  it('reports a bad line with its index and still applies the good lines around it', async () => {
    const c = connect({ dialect: 'spec' });
    await settle();
    factory
      .last()
      .receive(
        [
          line({ type: 'topic_created', data: { name: 'a', partitions: 1 } }),
          '{"type":"topic_created","data":{"name":',
          line({ type: 'topic_created', data: { name: 'b', partitions: 2 } }),
        ].join('\n'),
      );
    await settle(50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TakhinError);
    expect(errors[0].code).toBe('invalid_json');
    expect(errors[0].line).toBe(1);
    const state = c.store.getState();
    expect(state.topicEvents.map((e) => e.name)).toEqual(['a', 'b']);
    expect(state.connection.lastError?.code).toBe('invalid_json');
    expect(state.counters.parseErrors).toBe(1);
    expect(c.connection.status).toBe('open');
  });

  it('derives rates from cumulative counters in the takhin dialect and survives a counter reset', async () => {
    const c = connect({ dialect: 'takhin' });
    await settle();
    const tick = (produceRate: number) =>
      factory.last().receive(
        metricsLine({
          throughput: { produceRate, fetchRate: produceRate, produceBytes: produceRate * 100, fetchBytes: 0 },
        }),
      );
    tick(1_000);
    await settle(50);
    expect(c.store.getState().metrics!.ratesKnown).toBe(false);
    await settle(1_950);
    tick(3_000);
    await settle(50);
    const metrics = c.store.getState().metrics!;
    expect(metrics.ratesKnown).toBe(true);
    // 2,000 messages over the 2 s between the two samples.
    expect(metrics.throughput.produceRate).toBeCloseTo(1_000, 0);
    await settle(1_950);
    tick(10);
    await settle(50);
    expect(c.store.getState().history).toHaveLength(3);
    const afterReset = c.store.getState().metrics!;
    expect(afterReset.ratesKnown).toBe(false);
    expect(afterReset.throughput.produceRate).toBe(0);
  });

  it('reconnects after the server goes away, after the backoff and not before, and re-sends its subscriptions', async () => {
    const c = connect({ reconnect: { initialDelayMs: 100, maxDelayMs: 100, jitter: 0 } });
    const unsubscribe = c.subscribe('topic:orders');
    c.subscribe('topic:payments');
    await settle();
    unsubscribe();
    const first = factory.last();
    expect(sentMessages(first).map((m) => `${m.type} ${String(m.data)}`)).toEqual([
      'subscribe topic:orders',
      'subscribe topic:payments',
      'unsubscribe topic:orders',
    ]);
    first.drop(1006);
    expect(c.connection.status).toBe('reconnecting');
    expect(c.connection.lastError?.code).toBe('connection_lost');
    await settle(99);
    expect(factory.sockets).toHaveLength(1);
    await settle(1);
    expect(factory.sockets).toHaveLength(2);
    await settle();
    expect(c.connection.status).toBe('open');
    const again = sentMessages(factory.last());
    expect(again.map((m) => `${m.type} ${String(m.data)}`)).toEqual(['subscribe topic:payments']);
    for (const message of [...sentMessages(first), ...again]) {
      expect(Number.isInteger(message.timestamp)).toBe(true);
    }
  });

  it('waits at least the jittered lower bound of each backoff delay, and at most the delay itself', async () => {
    const reconnect = { initialDelayMs: 40, maxDelayMs: 1000, factor: 2, jitter: 0.5 };
    for (const [random, attempt2Wait] of [
      [0.999999, 40], // the most jitter can take: 80 → 40
      [0, 80], // no jitter taken
    ] as const) {
      const spy = vi.spyOn(Math, 'random').mockReturnValue(random);
      factory = handSocketFactory();
      const c = connect({ reconnect });
      await settle();
      factory.last().drop(1006);
      await settle(reconnect.initialDelayMs); // the first retry, within 40 ms
      expect(factory.sockets).toHaveLength(2);
      factory.sockets[1].drop(1006); // open lost again before it was stable: attempt 2
      await settle(attempt2Wait - 1);
      expect(factory.sockets).toHaveLength(2);
      await settle(1);
      expect(factory.sockets).toHaveLength(3);
      c.close();
      spy.mockRestore();
    }
  });

  it('reconnects when an open socket goes quiet past the staleness window, and not before', async () => {
    const c = connect({ heartbeat: { staleAfterMs: 200, pingAfterMs: 0, pongTimeoutMs: 1000 } });
    await settle();
    factory.last().receive(metricsLine());
    await settle(150);
    factory.last().receive(metricsLine());
    await settle(150);
    // 150 ms since the last message: still live.
    expect(errors.some((e) => e.code === 'stale')).toBe(false);
    expect(factory.sockets).toHaveLength(1);
    await settle(100);
    expect(errors.some((e) => e.code === 'stale')).toBe(true);
    expect(factory.sockets[0].readyState).toBe(3);
    // The retry comes within the 20 ms initial backoff.
    await settle(20);
    expect(factory.sockets).toHaveLength(2);
    expect(c.connection.status).toBe('open');
  });

  it('pings after silence and reconnects when nothing answers', async () => {
    const c = connect({ heartbeat: { staleAfterMs: 10_000, pingAfterMs: 100, pongTimeoutMs: 150 } });
    await settle();
    await settle(100);
    expect(sentMessages(factory.last()).some((m) => m.type === 'ping')).toBe(true);
    expect(errors.some((e) => e.code === 'pong_timeout')).toBe(false);
    await settle(150);
    expect(errors.some((e) => e.code === 'pong_timeout')).toBe(true);
    await settle(200);
    expect(factory.sockets).toHaveLength(2);
    expect(c.connection.status).toBe('open');
  });

  it('keeps the link when the pong arrives in time', async () => {
    connect({ heartbeat: { staleAfterMs: 10_000, pingAfterMs: 100, pongTimeoutMs: 150 } });
    await settle(100);
    factory.last().receive(line({ type: 'pong', data: null, timestamp: 1 }));
    await settle(200);
    expect(errors.some((e) => e.code === 'pong_timeout')).toBe(false);
    expect(factory.sockets).toHaveLength(1);
  });

  it('close() leaves no socket and no timer behind', async () => {
    const c = connect({
      heartbeat: { staleAfterMs: 5000, pingAfterMs: 1000, pongTimeoutMs: 1000 },
      reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
    });
    await settle();
    factory.last().receive(metricsLine());
    c.close();
    expect(c.connection.status).toBe('closed');
    expect(factory.last().readyState).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
    await settle(60_000);
    expect(factory.sockets).toHaveLength(1);
  });

  it('stops retrying after maxRetries and says why, until reconnect()', async () => {
    const refusing = handSocketFactory(false);
    const c = connect({
      createWebSocket: refusing,
      reconnect: { initialDelayMs: 5, maxDelayMs: 10, maxRetries: 3 },
    });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await settle();
      refusing.last().drop(1006);
      await settle(10);
    }
    expect(c.connection.status).toBe('closed');
    expect(c.connection.lastError?.code).toBe('max_retries');
    expect(c.connection.lastError?.fatal).toBe(true);
    expect(refusing.sockets).toHaveLength(4);
    await settle(60_000);
    expect(refusing.sockets).toHaveLength(4);
    c.reconnect();
    refusing.last().open();
    expect(refusing.sockets).toHaveLength(5);
    refusing.last().open();
    expect(c.connection.status).toBe('open');
    expect(c.connection.attempt).toBe(0);
  });

  it('treats an unauthorized close code as final', async () => {
    const c = connect();
    await settle();
    factory.last().drop(4401, 'unauthorized');
    expect(c.connection.status).toBe('closed');
    expect(c.connection.lastError?.code).toBe('unauthorized');
    await settle(60_000);
    expect(factory.sockets).toHaveLength(1);
  });

  it('queues messages while offline (but not pings) and sends them with integer timestamps once open', async () => {
    const c = createTakhinClient({
      url: 'ws://127.0.0.1:1/api/monitoring/ws',
      createWebSocket: factory,
      heartbeat: false,
      firstPaint: false,
    });
    client = c;
    vi.setSystemTime(new Date('2026-01-01T00:00:00.750Z'));
    expect(c.send('ping', { hello: 1 })).toBe(false);
    expect(c.send('subscribe', 'topic:x')).toBe(false);
    c.connect();
    await settle();
    const messages = sentMessages(factory.last());
    // A ping queued for later would measure nothing: only the subscription waits for the socket.
    expect(messages.map((m) => m.type)).toEqual(['subscribe']);
    for (const message of messages) expect(message.timestamp).toBe(Math.floor(Date.now() / 1000));
  });

  it('refuses an outgoing message over 512 KiB instead of getting closed with 1009', async () => {
    const c = connect();
    await settle();
    let thrown: unknown;
    try {
      c.send('subscribe', 'x'.repeat(600 * 1024));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TakhinError);
    expect((thrown as TakhinError).code).toBe('message_too_large');
    expect(factory.last().sent).toEqual([]);
    expect(c.connection.status).toBe('open');
  });

  it('asks a URL function for a fresh address on every attempt and keeps the token out of errors', async () => {
    const secret = 'sup3r-s3cret-token';
    let calls = 0;
    const urlSource = () => `ws://127.0.0.1:${++calls}/api/monitoring/ws`;
    const c = connect({ url: urlSource, token: secret });
    await settle();
    expect(factory.sockets[0].url).toBe(`ws://127.0.0.1:1/api/monitoring/ws?token=${secret}`);
    factory.last().drop(1006, `refused ${secret}`);
    await settle(200);
    expect(factory.sockets[1].url).toBe(`ws://127.0.0.1:2/api/monitoring/ws?token=${secret}`);
    expect(c.connection.status).toBe('open');
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(`${error.message} ${error.excerpt ?? ''}`).not.toContain(secret);
    expect(JSON.stringify(c.store.getState().connection)).not.toContain(secret);
  });

  it('warns once, without the token, when a token would travel over plain ws:// to another host', async () => {
    const warn = vi.fn();
    const c = createTakhinClient({
      url: 'ws://monitoring.example.invalid/api/monitoring/ws',
      token: 'abc-secret-token',
      createWebSocket: factory,
      logger: { warn },
      reconnect: false,
      firstPaint: false,
    });
    client = c;
    c.connect();
    await settle();
    c.reconnect();
    await settle();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).not.toContain('abc-secret-token');
  });
});
