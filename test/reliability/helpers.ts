/**
 * Shared tools of the reliability suite: socket factories that keep count, a recorder of connection
 * states, switches for the page's network and visibility, a timer census, a garbage collector, and the
 * store invariants every step must keep.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { TakhinClient } from '../../src/core/client.js';
import type { WebSocketFactory, WebSocketLike } from '../../src/core/socket.js';
import type { ConnectionStatusName, TakhinState } from '../../src/core/state.js';

/** A factory that records every socket it made, so tests can count attempts and live sockets. */
export interface CountingFactory extends WebSocketFactory {
  /** Every socket made, oldest first. */
  readonly sockets: WebSocketLike[];
  /** URLs asked for, one per attempt. */
  readonly urls: string[];
  /** Sockets neither closing nor closed. */
  live(): number;
  /** The most recent socket. */
  last(): WebSocketLike;
}

/** Wraps `create` (by default the environment's own `WebSocket`, happy-dom's here) with counters. */
export function countingFactory(create?: WebSocketFactory): CountingFactory {
  const sockets: WebSocketLike[] = [];
  const urls: string[] = [];
  const make: WebSocketFactory =
    create ??
    ((url) => new (globalThis as unknown as { WebSocket: new (u: string) => WebSocketLike }).WebSocket(url));
  const factory = (url: string) => {
    urls.push(url);
    const socket = make(url);
    sockets.push(socket);
    return socket;
  };
  return Object.assign(factory, {
    sockets,
    urls,
    live: () => sockets.filter((s) => s.readyState === 0 || s.readyState === 1).length,
    last: () => sockets[sockets.length - 1],
  });
}

/** One connection state as the store published it. */
export interface StatusStep {
  status: ConnectionStatusName;
  attempt: number;
  /** `nextRetryAt − now` when a retry was scheduled, else null. */
  delay: number | null;
  errorCode: string | null;
  at: number;
}

/** Records every distinct connection state the client's store goes through. */
export function recordStatus(client: TakhinClient): { steps: StatusStep[]; stop: () => void } {
  const steps: StatusStep[] = [];
  let previous = client.store.getState().connection;
  const stop = client.store.subscribe((state) => {
    const c = state.connection;
    if (c === previous) return;
    const changed =
      c.status !== previous.status ||
      c.nextRetryAt !== previous.nextRetryAt ||
      c.attempt !== previous.attempt;
    previous = c;
    if (!changed) return;
    const now = Date.now();
    steps.push({
      status: c.status,
      attempt: c.attempt,
      delay: c.nextRetryAt === null ? null : c.nextRetryAt - now,
      errorCode: c.lastError?.code ?? null,
      at: now,
    });
  });
  return { steps, stop };
}

/** Resolves when `predicate` holds for the client's state (checked now and on every change). */
export function whenState(
  client: TakhinClient,
  predicate: (state: TakhinState) => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate(client.store.getState())) return resolve();
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what} (status ${client.connection.status})`));
    }, timeoutMs);
    const stop = client.store.subscribe((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

export const whenStatus = (client: TakhinClient, status: ConnectionStatusName, timeoutMs = 5000) =>
  whenState(client, (s) => s.connection.status === status, `status ${status}`, timeoutMs);

// ---------------------------------------------------------------------------------------------------
// The page's network and visibility (happy-dom: the properties are redefined, the events dispatched).

/** Sets `navigator.onLine` and fires `online`/`offline` on `window`, as a browser does. */
export function setOnline(online: boolean): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

/** Sets `document.visibilityState` (and `hidden`) and fires `visibilitychange`. */
export function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Puts the page back online and visible (the redefinitions are removed). */
export function restorePage(): void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
}

// ---------------------------------------------------------------------------------------------------
// Timer census: fake timers cannot run against real sockets, so the real timer functions are wrapped.

interface TimerRecord {
  kind: 'timeout' | 'interval';
  /** The first stack frame inside this repository's `src/`, or `other`. */
  origin: string;
}

/** Live timers created while the census is installed, by where they were created. */
export interface TimerCensus {
  /** Timers created and neither fired (timeouts) nor cleared. */
  pending(filter?: (origin: string) => boolean): TimerRecord[];
  /** Timers created in total, or only those whose origin passes `filter`. */
  created(filter?: (origin: string) => boolean): number;
  uninstall(): void;
}

function originOf(stack: string | undefined): string {
  for (const line of (stack ?? '').split('\n').slice(2)) {
    const match = /[/\\](src[/\\](?:core|react|components|sim)[/\\][^:)]+)/.exec(line);
    if (match) return match[1].replace(/\\/g, '/');
  }
  return 'other';
}

/** Wraps `setTimeout`/`setInterval`/`clearTimeout`/`clearInterval` on `globalThis` to keep count. */
export function installTimerCensus(): TimerCensus {
  const g = globalThis as unknown as Record<string, unknown>;
  const original = {
    setTimeout: g.setTimeout as typeof setTimeout,
    setInterval: g.setInterval as typeof setInterval,
    clearTimeout: g.clearTimeout as typeof clearTimeout,
    clearInterval: g.clearInterval as typeof clearInterval,
  };
  const live = new Map<unknown, TimerRecord>();
  // Counts per origin, not a list: the census must not itself grow the heap a leak test measures.
  const origins = new Map<string, number>();
  const count = (origin: string) => origins.set(origin, (origins.get(origin) ?? 0) + 1);
  const key = (handle: unknown) =>
    typeof handle === 'object' && handle !== null && Symbol.toPrimitive in handle ? Number(handle) : handle;

  g.setTimeout = (callback: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const record: TimerRecord = { kind: 'timeout', origin: originOf(new Error().stack) };
    count(record.origin);
    const handle = original.setTimeout(
      (...a: unknown[]) => {
        live.delete(key(handle));
        callback(...a);
      },
      ms,
      ...args,
    );
    live.set(key(handle), record);
    return handle;
  };
  g.setInterval = (callback: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const record: TimerRecord = { kind: 'interval', origin: originOf(new Error().stack) };
    count(record.origin);
    const handle = original.setInterval(callback, ms, ...args);
    live.set(key(handle), record);
    return handle;
  };
  // In Node and in browsers either clear function clears either kind of timer.
  const clear = (handle: unknown) => {
    live.delete(key(handle));
  };
  g.clearTimeout = (handle: Parameters<typeof clearTimeout>[0]) => {
    clear(handle);
    original.clearTimeout(handle);
  };
  g.clearInterval = (handle: Parameters<typeof clearInterval>[0]) => {
    clear(handle);
    original.clearInterval(handle);
  };
  return {
    pending: (filter) => [...live.values()].filter((r) => (filter ? filter(r.origin) : true)),
    created: (filter) => {
      let total = 0;
      for (const [origin, n] of origins) if (!filter || filter(origin)) total += n;
      return total;
    },
    uninstall() {
      Object.assign(g, original);
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Heap.

let gcFunction: (() => void) | null | undefined;

/**
 * The V8 garbage collector: `global.gc` when Node runs with `--expose-gc`, else obtained at run time by
 * turning the flag on and reading `gc` from a fresh context; null when neither works.
 */
export function getGc(): (() => void) | null {
  if (gcFunction !== undefined) return gcFunction;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return (gcFunction = exposed);
  try {
    setFlagsFromString('--expose-gc');
    const fromContext = runInNewContext('gc') as unknown;
    gcFunction = typeof fromContext === 'function' ? (fromContext as () => void) : null;
  } catch {
    gcFunction = null;
  }
  return gcFunction;
}

/** Heap in use after collecting garbage as thoroughly as the runtime allows. */
export async function settledHeap(): Promise<number> {
  const gc = getGc();
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

export const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------------
// Store invariants.

function strictlySorted<T>(items: readonly T[], key: (item: T) => string | number, what: string): void {
  for (let i = 1; i < items.length; i++) {
    if (!(key(items[i - 1]) < key(items[i]))) {
      throw new Error(
        `${what} not sorted at ${i}: ${String(key(items[i - 1]))} then ${String(key(items[i]))}`,
      );
    }
  }
}

function countable(value: number, what: string): void {
  if (!(value >= 0) || !Number.isFinite(value)) throw new Error(`${what} is ${value}`);
}

/**
 * Throws when `state` breaks a promise the store makes whatever the input: arrays sorted by identity
 * (strictly: no duplicates), buffers within their caps, rates, latencies and lags finite and ≥ 0.
 */
export function assertInvariants(state: TakhinState): void {
  if (state.history.length > state.historySize) throw new Error(`history ${state.history.length} > cap`);
  if (state.topicEvents.length > state.eventBufferSize) throw new Error('topic events over cap');
  if (state.groupEvents.length > state.eventBufferSize) throw new Error('group events over cap');
  for (let i = 1; i < state.topicEvents.length; i++) {
    if (!(state.topicEvents[i - 1].seq < state.topicEvents[i].seq))
      throw new Error('topic events out of order');
  }
  for (let i = 1; i < state.groupEvents.length; i++) {
    if (!(state.groupEvents[i - 1].seq < state.groupEvents[i].seq))
      throw new Error('group events out of order');
  }
  for (const sample of state.history) {
    for (const [k, v] of Object.entries(sample.throughput)) countable(v, `history throughput.${k}`);
    for (const [k, v] of Object.entries(sample.latency)) countable(v, `history latency.${k}`);
    countable(sample.totalLag, 'history totalLag');
  }
  const m = state.metrics;
  if (m === null) return;
  for (const [k, v] of Object.entries(m.throughput)) countable(v, `throughput.${k}`);
  for (const [k, v] of Object.entries(m.latency)) countable(v, `latency.${k}`);
  countable(m.totalLag, 'totalLag');
  strictlySorted(m.topicStats, (t) => t.name, 'topicStats');
  for (const t of m.topicStats) {
    countable(t.produceRate, `topic ${t.name} produceRate`);
    countable(t.fetchRate, `topic ${t.name} fetchRate`);
  }
  strictlySorted(m.consumerLags, (g) => g.groupId, 'consumerLags');
  for (const g of m.consumerLags) {
    countable(g.totalLag, `group ${g.groupId} lag`);
    strictlySorted(g.topicLags, (t) => t.topic, `topicLags of ${g.groupId}`);
    for (const t of g.topicLags) {
      countable(t.totalLag, `lag of ${g.groupId}/${t.topic}`);
      strictlySorted(t.partitionLags, (p) => p.partition, `partitionLags of ${g.groupId}/${t.topic}`);
      for (const p of t.partitionLags) countable(p.lag, `lag of ${g.groupId}/${t.topic}/${p.partition}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// A socket the test drives by hand, for feeding the real client arbitrary frames without a network.

/** A `WebSocketLike` whose server side is the test: `open()`, `receive(data)`, `drop(code)`. */
export class HandSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: string[] = [];

  constructor(readonly url: string) {}

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(data: unknown): void {
    this.onmessage?.({ data });
  }

  drop(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: false });
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }

  close(): void {
    this.readyState = 3;
  }
}

/** A factory of {@link HandSocket}s that opens each one on the next microtask unless told otherwise. */
export function handSocketFactory(
  autoOpen = true,
): WebSocketFactory & { sockets: HandSocket[]; last(): HandSocket } {
  const sockets: HandSocket[] = [];
  const factory = (url: string) => {
    const socket = new HandSocket(url);
    sockets.push(socket);
    if (autoOpen) queueMicrotask(() => socket.open());
    return socket;
  };
  return Object.assign(factory, { sockets, last: () => sockets[sockets.length - 1] });
}
