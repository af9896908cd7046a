import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTakhinClient,
  TakhinError,
  type TakhinClient,
  type TakhinClientOptions,
} from '../../src/index.js';
import type { GroupEvent } from '../../src/core/state.js';
import { handSocketFactory } from '../reliability/helpers.js';
import { makeConsumerLag, makeMetrics, makeTopicStat } from './fixtures.js';

let client: TakhinClient | null = null;
let factory: ReturnType<typeof handSocketFactory>;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  factory = handSocketFactory();
});

afterEach(() => {
  client?.close();
  client = null;
  vi.useRealTimers();
});

function make(options: Partial<TakhinClientOptions>): TakhinClient {
  client = createTakhinClient({
    url: 'ws://127.0.0.1:9/api/monitoring/ws',
    createWebSocket: factory,
    heartbeat: false,
    networkEvents: false,
    logger: { warn: () => {} },
    ...options,
  });
  return client;
}

function invalidOption(run: () => unknown): TakhinError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TakhinError);
    expect((error as TakhinError).code).toBe('invalid_option');
    return error as TakhinError;
  }
  throw new Error('expected an invalid_option error');
}

describe('options refused at construction', () => {
  it('an unknown dialect is an error, not a silent fallback', () => {
    const error = invalidOption(() => make({ dialect: 'Spec' as never }));
    expect(error.message).toMatch(/Unknown dialect "Spec"; use 'takhin' or 'spec'/);
  });

  it.each([
    ['', /empty \(an unset environment variable\?\)/],
    ['   ', /empty/],
    ['not a url', /not a valid address/],
    ['ftp://127.0.0.1/x', /uses ftp:/],
  ])('a url of %j', (url, message) => {
    expect(invalidOption(() => make({ url })).message).toMatch(message);
  });

  it('a URL function is asked on each attempt, not at construction', () => {
    const source = vi.fn(() => 'ws://127.0.0.1:9/api/monitoring/ws');
    make({ url: source });
    expect(source).not.toHaveBeenCalled();
  });
});

describe('connection errors name the host, never the token', () => {
  it('says which host could not be reached', async () => {
    const refusing = handSocketFactory(false);
    const errors: TakhinError[] = [];
    const c = make({
      url: 'ws://monitoring.internal:8080/api/monitoring/ws',
      token: 'secret-token-123',
      createWebSocket: refusing,
      onError: (e) => errors.push(e),
      reconnect: { initialDelayMs: 10, maxDelayMs: 10 },
    });
    c.connect();
    await vi.advanceTimersByTimeAsync(0);
    refusing.last().drop(1006);
    expect(errors[0].message).toBe('Could not connect to monitoring.internal:8080 (close 1006).');
    expect(errors[0].message).not.toContain('secret');
  });
});

describe('pollGroups', () => {
  const metrics = (groups: string[]) =>
    JSON.stringify({
      type: 'metrics',
      data: makeMetrics({
        topicStats: [makeTopicStat('t')],
        consumerLags: groups.map((g) => makeConsumerLag(g, { t: [1] })),
      }),
      timestamp: 1,
    });

  function restServer(bodies: Array<() => Response>) {
    const calls: string[] = [];
    const waiting: Array<{ count: number; resolve: () => void }> = [];
    const fetchImpl = vi.fn(async (url: string | URL | Request) => {
      calls.push(String(url));
      for (const waiter of waiting.filter((w) => calls.length >= w.count)) waiter.resolve();
      return (bodies.length > 1 ? bodies.shift()! : bodies[0])();
    }) as unknown as typeof fetch;
    /**
     * Resolves once the poll has sent `count` requests. The poll is loaded on first use, so the first
     * request leaves after `connect()` once the module is there, however long that takes in real time
     * (the fake clock does not move meanwhile).
     */
    const polled = (count: number) =>
      new Promise<void>((resolve) => {
        if (calls.length >= count) resolve();
        else waiting.push({ count, resolve });
      });
    return { calls, fetchImpl, polled };
  }
  const json = (value: unknown) => () => new Response(JSON.stringify(value), { status: 200 });

  it('turns state and member changes into inferred group_updated events, once each', async () => {
    const rest = restServer([
      json([{ groupId: 'g1', state: 'Stable', members: 2 }]),
      json([{ groupId: 'g1', state: 'Stable', members: 2 }]),
      json([{ groupId: 'g1', state: 'PreparingRebalance', members: 3 }]),
    ]);
    const seen: GroupEvent[] = [];
    const c = make({ pollGroups: 1000, fetch: rest.fetchImpl, token: 'k3y-value-long' });
    c.on('groupEvent', (e) => seen.push(e));
    c.connect();
    await rest.polled(1);
    await vi.advanceTimersByTimeAsync(0);
    factory.last().receive(metrics(['g1']));
    await vi.advanceTimersByTimeAsync(50);
    expect(rest.calls[0]).toBe('http://127.0.0.1:9/api/consumer-groups?token=k3y-value-long');
    // the first poll came before the metrics listed g1; the second teaches its state without an event
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.store.getState().groups.g1).toMatchObject({ state: 'Stable', members: 2 });
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen.map((e) => [e.type, e.groupId, e.state, e.members, e.inferred])).toEqual([
      ['group_updated', 'g1', 'PreparingRebalance', 3, true],
    ]);
    expect(c.store.getState().groupEvents).toEqual(seen);
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen).toHaveLength(1);
  });

  it('reports a failure once with a clear code, backs off, recovers, and never touches the socket', async () => {
    const rest = restServer([
      () => new Response('not found', { status: 404 }),
      () => new Response('not found', { status: 404 }),
      () => new Response('{oops', { status: 200 }),
      json([]),
    ]);
    const errors: TakhinError[] = [];
    const c = make({ pollGroups: 1000, fetch: rest.fetchImpl, onError: (e) => errors.push(e) });
    c.connect();
    await rest.polled(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(errors.map((e) => e.code)).toEqual(['groups_poll_failed']);
    expect(errors[0].message).toMatch(/HTTP 404/);
    // back-off: 2 s, then 4 s, then 8 s between attempts
    await vi.advanceTimersByTimeAsync(1999);
    expect(rest.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(rest.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(4000);
    expect(rest.calls).toHaveLength(3);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(8000);
    expect(rest.calls).toHaveLength(4);
    expect(c.connection.status).toBe('open');
    expect(factory.sockets).toHaveLength(1);
    // recovered: back to the interval
    await vi.advanceTimersByTimeAsync(1000);
    expect(rest.calls).toHaveLength(5);
  });

  it('is off by default and stops with close()', async () => {
    const rest = restServer([json([])]);
    make({ fetch: rest.fetchImpl }).connect();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rest.calls).toEqual([]);
    client!.close();
    const polled = make({ pollGroups: true, fetch: rest.fetchImpl });
    polled.connect();
    await rest.polled(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(rest.calls).toHaveLength(1);
    polled.close();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rest.calls).toHaveLength(1);
  });
});

describe('dialect mistakes are loud in development', () => {
  const tick = (data: ReturnType<typeof makeMetrics>) =>
    JSON.stringify({ type: 'metrics', data, timestamp: 1 });

  it("warns once when 'spec' receives the takhin latency estimate", async () => {
    const warn = vi.fn();
    const c = make({ dialect: 'spec', logger: { warn } });
    c.connect();
    await vi.advanceTimersByTimeAsync(0);
    const latency = { produceP50: 0.004, produceP95: 0.0075, produceP99: 0.01 };
    for (let i = 0; i < 3; i++) {
      factory.last().receive(tick(makeMetrics({ latency })));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/use dialect: 'takhin'/);
  });

  it("warns when 'spec' receives counters that only grow", async () => {
    const warn = vi.fn();
    const c = make({ dialect: 'spec', logger: { warn } });
    c.connect();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 5; i++) {
      factory.last().receive(tick(makeMetrics({ throughput: { produceRate: 1_000_000 + i * 500 } })));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/cumulative counter/);
  });

  it("warns when 'takhin' receives rates that go up and down, and says nothing for the right dialect", async () => {
    const warn = vi.fn();
    const c = make({ dialect: 'takhin', logger: { warn } });
    c.connect();
    await vi.advanceTimersByTimeAsync(0);
    for (const rate of [120, 80, 130, 90]) {
      factory.last().receive(tick(makeMetrics({ throughput: { produceRate: rate } })));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/use dialect: 'spec'/);

    const quiet = vi.fn();
    client!.close();
    const right = make({ dialect: 'takhin', logger: { warn: quiet } });
    right.connect();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 8; i++) {
      const latency = { produceP50: 0.004, produceP95: 0.0075, produceP99: 0.01 };
      factory
        .last()
        .receive(tick(makeMetrics({ throughput: { produceRate: 1_000_000 + i * 500 }, latency })));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(quiet).not.toHaveBeenCalled();
  });
});
