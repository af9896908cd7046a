/**
 * The page's own signals: `offline`/`online` on `window` and a tab going hidden and visible again.
 * While offline the client must not burn attempts; back online (or visible) it must try at once,
 * not after whatever backoff was pending.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTakhinClient, type TakhinClient, type TakhinClientOptions } from '../../src/index.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { sleep, waitUntil } from '../helpers/wait.js';
import {
  countingFactory,
  handSocketFactory,
  restorePage,
  setOnline,
  setVisibility,
  whenState,
  whenStatus,
  type CountingFactory,
} from './helpers.js';

let s: Simulator;
let c: TakhinClient | null = null;
let factory: CountingFactory;

beforeEach(async () => {
  restorePage();
  s = await startSimulator({ host: '127.0.0.1', port: 0, intervalMs: 50 });
  factory = countingFactory();
});

afterEach(async () => {
  c?.close();
  c = null;
  restorePage();
  await s.close();
});

/** A client whose backoff is long and exact, so that any attempt inside the test window is not a timer's. */
function start(options: Partial<TakhinClientOptions> = {}): TakhinClient {
  c = createTakhinClient({
    url: s.url,
    createWebSocket: factory,
    heartbeat: false,
    batch: 'sync',
    reconnect: { initialDelayMs: 400, maxDelayMs: 400, jitter: 0, minUptimeMs: 0 },
    ...options,
  });
  c.connect();
  return c;
}

/** Resolves when the simulator listens again after `crash`. */
const backUp = (sim: Simulator) => new Promise<void>((resolve) => sim.on('up', () => resolve()));

describe('offline and online', () => {
  it('makes no attempt while offline, however long the server stays down, and one at once when back online', async () => {
    const client = start();
    await whenStatus(client, 'open');
    setOnline(false);
    const up = backUp(s);
    await s.crash(300);
    await whenStatus(client, 'reconnecting');
    expect(client.connection.nextRetryAt).toBeNull();
    await up;
    // Past the moment a backoff timer would have fired (400 ms), and with the server reachable again.
    await sleep(500);
    expect(factory.urls).toHaveLength(1);
    expect(client.connection.status).toBe('reconnecting');

    setOnline(true);
    // The attempt starts inside the event handler, not after a delay.
    expect(factory.urls).toHaveLength(2);
    await whenStatus(client, 'open');
    expect(s.totalConnections).toBe(2);
  });

  it('going offline while a retry is pending cancels it; online retries at once', async () => {
    const client = start();
    await whenStatus(client, 'open');
    const up = backUp(s);
    await s.crash(100);
    await whenState(client, (st) => st.connection.nextRetryAt !== null, 'a retry scheduled');
    setOnline(false);
    expect(client.connection.nextRetryAt).toBeNull();
    await up;
    await sleep(600);
    expect(factory.urls).toHaveLength(1);

    setOnline(true);
    expect(factory.urls).toHaveLength(2);
    await whenStatus(client, 'open');
  });

  it('a burst of online/offline flaps while the server is down starts at most one attempt per flap and never two sockets', async () => {
    const client = start();
    await whenStatus(client, 'open');
    await s.crash(60_000);
    await whenStatus(client, 'reconnecting');
    setOnline(false);
    const before = factory.urls.length;
    let maxLive = 0;
    for (let i = 0; i < 50; i++) {
      setOnline(true);
      // Repeated `online` events while an attempt is under way add nothing.
      for (let k = 0; k < 5; k++) window.dispatchEvent(new Event('online'));
      maxLive = Math.max(maxLive, factory.live());
      setOnline(false);
      await whenStatus(client, 'reconnecting', 2000);
    }
    expect(factory.urls.length - before).toBe(50);
    expect(maxLive).toBeLessThanOrEqual(1);
    // Offline at the end: silence.
    const settled = factory.urls.length;
    await sleep(500);
    expect(factory.urls.length).toBe(settled);
  });

  it('an online event while connected does not open a second socket', async () => {
    const client = start();
    await whenStatus(client, 'open');
    setOnline(false);
    setOnline(true);
    await sleep(100);
    expect(client.connection.status).toBe('open');
    expect(factory.urls).toHaveLength(1);
    expect(s.connections).toBe(1);
  });

  it('ignores the page when networkEvents is false', async () => {
    const client = start({
      networkEvents: false,
      reconnect: { initialDelayMs: 20, maxDelayMs: 20, jitter: 0 },
    });
    await whenStatus(client, 'open');
    setOnline(false);
    await s.crash(60_000);
    // Retries keep going on their timer although the page says offline.
    await waitUntil(() => factory.urls.length >= 4, 'three retries while offline');
    expect(client.connection.status).not.toBe('open');
  });
});

describe('a hidden tab becoming visible', () => {
  it('retries at once when the tab becomes visible, without waiting for the pending backoff', async () => {
    const client = start({ reconnect: { initialDelayMs: 5000, maxDelayMs: 5000, jitter: 0 } });
    await whenStatus(client, 'open');
    setVisibility('hidden');
    const up = backUp(s);
    await s.crash(100);
    await whenState(client, (st) => st.connection.nextRetryAt !== null, 'a retry scheduled');
    await up;
    await sleep(100);
    expect(factory.urls).toHaveLength(1);
    // Becoming hidden again changes nothing.
    setVisibility('hidden');
    expect(factory.urls).toHaveLength(1);

    setVisibility('visible');
    expect(factory.urls).toHaveLength(2);
    await whenStatus(client, 'open');
  });

  it('a visible tab on a healthy connection does not reconnect', async () => {
    const client = start({ heartbeat: { staleAfterMs: 2000, pingAfterMs: 0, pongTimeoutMs: 1000 } });
    await whenState(client, (st) => st.metrics !== null, 'metrics');
    setVisibility('hidden');
    setVisibility('visible');
    await sleep(100);
    expect(factory.urls).toHaveLength(1);
    expect(client.connection.status).toBe('open');
  });

  it('removes its page listeners on close: later events start nothing', async () => {
    const client = start();
    await whenStatus(client, 'open');
    client.close();
    setOnline(false);
    setOnline(true);
    setVisibility('hidden');
    setVisibility('visible');
    await sleep(100);
    expect(factory.urls).toHaveLength(1);
    expect(client.connection.status).toBe('closed');
  });
});

describe('page listeners after the client gives up', () => {
  /** The page listeners attached right now, as `target:type`, counted by listener identity. */
  function listenerCensus() {
    const live = new Map<unknown, string>();
    for (const [name, target] of [
      ['window', window],
      ['document', document],
    ] as const) {
      const add = target.addEventListener.bind(target);
      const remove = target.removeEventListener.bind(target);
      vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
        live.set(listener, `${name}:${type}`);
        add(type, listener, options);
      });
      vi.spyOn(target, 'removeEventListener').mockImplementation((type, listener, options) => {
        live.delete(listener);
        remove(type, listener, options);
      });
    }
    const watched = new Set(['window:online', 'window:offline', 'document:visibilitychange']);
    return () => [...live.values()].filter((entry) => watched.has(entry)).sort();
  }
  const ATTACHED = ['document:visibilitychange', 'window:offline', 'window:online'];

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['max_retries', 1006, { maxRetries: 0 }],
    ['unauthorized', 4401, {}],
  ] as const)(
    'detaches them once it gives up (%s) and attaches them again on reconnect()',
    async (code, closeCode, reconnect) => {
      const attached = listenerCensus();
      const hand = handSocketFactory();
      const client = start({ createWebSocket: hand, reconnect: { initialDelayMs: 10, ...reconnect } });
      await whenStatus(client, 'open');
      expect(attached()).toEqual(ATTACHED);
      hand.last().drop(closeCode);
      expect(client.connection.status).toBe('closed');
      expect(client.connection.lastError?.code).toBe(code);
      expect(attached()).toEqual([]);
      client.reconnect();
      expect(attached()).toEqual(ATTACHED);
      await whenStatus(client, 'open');
    },
  );
});
