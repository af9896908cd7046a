import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTakhinClient,
  TakhinError,
  type TakhinClient,
  type TakhinClientOptions,
} from '../../src/index.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scriptedServer.js';
import { nodeSocketFactory } from '../helpers/nodeSocket.js';
import { sleep, waitUntil } from '../helpers/wait.js';
import { makeMetrics } from './fixtures.js';

const line = (message: unknown) => JSON.stringify(message);
const metricsLine = (overrides: Parameters<typeof makeMetrics>[0] = {}) =>
  line({ type: 'metrics', data: makeMetrics(overrides), timestamp: 1_704_225_600 });

let server: ScriptedServer;
let client: TakhinClient | null = null;
let errors: TakhinError[] = [];

function connect(options: Partial<TakhinClientOptions> = {}): TakhinClient {
  errors = [];
  client = createTakhinClient({
    url: server.url,
    createWebSocket: nodeSocketFactory(),
    reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
    heartbeat: false,
    onError: (error) => errors.push(error),
    ...options,
  });
  client.connect();
  return client;
}

beforeEach(async () => {
  server = await startScriptedServer();
});

afterEach(async () => {
  client?.close();
  client = null;
  await server.close();
});

describe('TakhinClient against a real WebSocket server', () => {
  it('applies every message of a frame holding several newline-joined messages', async () => {
    const c = connect({ dialect: 'spec' });
    await waitUntil(() => c.connection.status === 'open', 'open');
    server.broadcast(
      [
        line({ type: 'topic_created', data: { name: 'orders', partitions: 3 }, timestamp: 1 }),
        metricsLine(),
        line({ type: 'pong', data: null, timestamp: 2 }),
      ].join('\n'),
    );
    await waitUntil(() => c.store.getState().counters.messages === 3, 'three messages');
    const state = c.store.getState();
    expect(state.metrics).not.toBeNull();
    expect(state.topicEvents.map((e) => e.name)).toEqual(['orders']);
    expect(state.counters.frames).toBe(1);
    expect(errors).toEqual([]);
  });

  it('reports a bad line with its index and still applies the good lines around it', async () => {
    const c = connect({ dialect: 'spec' });
    await waitUntil(() => c.connection.status === 'open', 'open');
    server.broadcast(
      [
        line({ type: 'topic_created', data: { name: 'a', partitions: 1 } }),
        '{"type":"topic_created","data":{"name":',
        line({ type: 'topic_created', data: { name: 'b', partitions: 2 } }),
      ].join('\n'),
    );
    await waitUntil(() => errors.length === 1, 'one error');
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
    await waitUntil(() => c.connection.status === 'open', 'open');
    const tick = (produceRate: number) =>
      server.broadcast(
        metricsLine({
          throughput: { produceRate, fetchRate: produceRate, produceBytes: produceRate * 100, fetchBytes: 0 },
        }),
      );
    tick(1_000);
    await waitUntil(() => c.store.getState().metrics, 'first sample');
    expect(c.store.getState().metrics!.ratesKnown).toBe(false);
    await sleep(200);
    tick(3_000);
    await waitUntil(() => c.store.getState().metrics!.ratesKnown, 'rates');
    const rate = c.store.getState().metrics!.throughput.produceRate;
    // 2,000 messages over roughly 0.2 s.
    expect(rate).toBeGreaterThan(2_000);
    expect(rate).toBeLessThan(20_000);
    await sleep(50);
    tick(10);
    await waitUntil(() => c.store.getState().history.length === 3, 'third sample');
    const afterReset = c.store.getState().metrics!;
    expect(afterReset.ratesKnown).toBe(false);
    expect(afterReset.throughput.produceRate).toBe(0);
  });

  it('reconnects after the server goes away and re-sends its subscriptions', async () => {
    const c = connect();
    const unsubscribe = c.subscribe('topic:orders');
    c.subscribe('topic:payments');
    await waitUntil(() => server.received.length === 2, 'two subscribes');
    unsubscribe();
    await waitUntil(() => server.received.length === 3, 'unsubscribe');
    await server.stop();
    await waitUntil(() => c.connection.status === 'reconnecting', 'reconnecting');
    expect(c.connection.lastError?.code).toBe('connection_lost');
    await sleep(150);
    await server.restart();
    await waitUntil(() => c.connection.status === 'open', 'open again', 5000);
    await waitUntil(() => server.received.length === 4, 'subscription re-sent');
    const messages = server.received as Array<{ type: string; data: string; timestamp: number }>;
    expect(messages.map((m) => `${m.type} ${m.data}`)).toEqual([
      'subscribe topic:orders',
      'subscribe topic:payments',
      'unsubscribe topic:orders',
      'subscribe topic:payments',
    ]);
    for (const message of messages) expect(Number.isInteger(message.timestamp)).toBe(true);
    expect(server.open).toHaveLength(1);
  });

  it('reconnects when an open socket goes quiet past the staleness window', async () => {
    const c = connect({ heartbeat: { staleAfterMs: 200, pingAfterMs: 0, pongTimeoutMs: 1000 } });
    await waitUntil(() => c.connection.status === 'open', 'open');
    await waitUntil(() => server.accepted === 2, 'second connection', 3000);
    expect(errors.some((e) => e.code === 'stale')).toBe(true);
    await waitUntil(() => server.open.length === 1, 'old socket closed');
  });

  it('pings after silence and reconnects when nothing answers', async () => {
    const c = connect({ heartbeat: { staleAfterMs: 10_000, pingAfterMs: 100, pongTimeoutMs: 150 } });
    await waitUntil(() => c.connection.status === 'open', 'open');
    await waitUntil(() => errors.some((e) => e.code === 'pong_timeout'), 'pong timeout', 3000);
    expect((server.received as Array<{ type: string }>).some((m) => m.type === 'ping')).toBe(true);
    await waitUntil(() => server.accepted >= 2, 'reconnect');
  });

  it('close() leaves no socket and no timer behind', async () => {
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const c = connect({ heartbeat: { staleAfterMs: 5000, pingAfterMs: 1000, pongTimeoutMs: 1000 } });
    await waitUntil(() => c.connection.status === 'open', 'open');
    c.close();
    expect(c.connection.status).toBe('closed');
    await waitUntil(() => server.open.length === 0, 'server sees the socket closed');
    await sleep(50);
    const timersAfter = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    expect(timersAfter).toBeLessThanOrEqual(timersBefore);
  });

  it('stops retrying after maxRetries and says why, until reconnect()', async () => {
    await server.stop();
    const c = connect({ reconnect: { initialDelayMs: 5, maxDelayMs: 10, maxRetries: 3 } });
    await waitUntil(() => c.connection.status === 'closed', 'gave up', 5000);
    expect(c.connection.lastError?.code).toBe('max_retries');
    expect(c.connection.lastError?.fatal).toBe(true);
    await server.restart();
    c.reconnect();
    await waitUntil(() => c.connection.status === 'open', 'open after reconnect()');
  });

  it('treats an unauthorized close code as final', async () => {
    const c = connect();
    await waitUntil(() => c.connection.status === 'open', 'open');
    server.open[0].close(4401, 'unauthorized');
    await waitUntil(() => c.connection.status === 'closed', 'closed');
    expect(c.connection.lastError?.code).toBe('unauthorized');
    await sleep(100);
    expect(server.accepted).toBe(1);
  });

  it('queues messages while offline and sends them with integer timestamps once open', async () => {
    const c = createTakhinClient({ url: server.url, createWebSocket: nodeSocketFactory(), heartbeat: false });
    client = c;
    expect(c.send('ping', { hello: 1 })).toBe(false);
    expect(c.send('subscribe', 'topic:x')).toBe(false);
    c.connect();
    await waitUntil(() => server.received.length === 1, 'queued message');
    const [message] = server.received as Array<{ type: string; timestamp: number }>;
    expect(message.type).toBe('subscribe');
    expect(Number.isInteger(message.timestamp)).toBe(true);
  });

  it('refuses an outgoing message over 512 KiB instead of getting closed with 1009', async () => {
    const c = connect();
    await waitUntil(() => c.connection.status === 'open', 'open');
    expect(() => c.send('subscribe', 'x'.repeat(600 * 1024))).toThrow(TakhinError);
    try {
      c.send('subscribe', 'x'.repeat(600 * 1024));
    } catch (error) {
      expect((error as TakhinError).code).toBe('message_too_large');
    }
    await sleep(50);
    expect(c.connection.status).toBe('open');
  });

  it('asks a URL function for a fresh address on every attempt and keeps the token out of errors', async () => {
    const secret = 'sup3r-s3cret-token';
    const urlSource = vi.fn(() => server.url);
    const factory = nodeSocketFactory();
    const c = connect({ url: urlSource, token: secret, createWebSocket: factory });
    await waitUntil(() => c.connection.status === 'open', 'open');
    expect(factory.created[0]).toContain(`token=${secret}`);
    await server.stop();
    await sleep(100);
    await server.restart();
    await waitUntil(() => c.connection.status === 'open', 'open again', 5000);
    expect(urlSource.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(`${error.message} ${error.excerpt ?? ''}`).not.toContain(secret);
    expect(JSON.stringify(c.store.getState().connection)).not.toContain(secret);
  });

  it('warns when a token would travel over plain ws:// to another host', () => {
    const warn = vi.fn();
    const c = createTakhinClient({
      url: 'ws://monitoring.example.invalid/api/monitoring/ws',
      token: 'abc',
      createWebSocket: () => {
        throw new Error('no network in tests');
      },
      logger: { warn },
      reconnect: false,
    });
    c.connect();
    return waitUntil(() => warn.mock.calls.length === 1, 'warning').then(() => {
      expect(String(warn.mock.calls[0][0])).not.toContain('abc');
      c.close();
    });
  });
});
