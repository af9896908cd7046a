/**
 * The client's defences against what a server, a proxy or a custom socket can hand it: a refused login
 * told by status, never by text. Hand-driven sockets and fake timers: exact events, no network.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTakhinClient,
  type TakhinClient,
  type TakhinClientOptions,
  type TakhinError,
} from '../../src/index.js';
import { HandSocket, handSocketFactory } from '../reliability/helpers.js';

const URL = 'ws://127.0.0.1:9/api/monitoring/ws';
let client: TakhinClient | null = null;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  client?.close();
  client = null;
  vi.useRealTimers();
});

/** A client on hand-driven sockets, opened at once, every store update applied synchronously. */
function start<S extends HandSocket = HandSocket>(
  options: Partial<TakhinClientOptions> = {},
  make: ((url: string) => S) & { last(): S } = handSocketFactory(false) as never,
) {
  const errors: TakhinError[] = [];
  const c = createTakhinClient({
    url: URL,
    createWebSocket: make,
    heartbeat: false,
    batch: 'sync',
    networkEvents: false,
    reconnect: { initialDelayMs: 10, maxDelayMs: 10, jitter: 0 },
    onError: (error) => errors.push(error),
    ...options,
  });
  client = c;
  c.connect();
  return { c, errors, socket: () => make.last() };
}

/** A hand socket that, like the `ws` package's, tells the HTTP status of a refused handshake. */
class WsLikeSocket extends HandSocket {
  readonly listeners = new Map<string, (...args: unknown[]) => void>();
  once(event: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  /** What `ws` does when the server answers the upgrade with a plain HTTP response. */
  respond(statusCode: number): void {
    this.listeners.get('unexpected-response')?.({}, { statusCode });
  }
}

function wsLikeFactory() {
  const sockets: WsLikeSocket[] = [];
  const factory = (url: string) => {
    const socket = new WsLikeSocket(url);
    sockets.push(socket);
    return socket;
  };
  return Object.assign(factory, { sockets, last: () => sockets[sockets.length - 1] });
}

describe('a refused login is told by status, never by text', () => {
  it('a DNS failure for a host whose name contains 403 or 401 is retried like any failure', () => {
    const { c, socket } = start();
    const text = 'getaddrinfo ENOTFOUND metrics-403.example and 401.example';
    socket().onerror?.({ message: text, error: new Error(text) });
    socket().drop(1006);
    expect(c.connection.lastError?.code).toBe('connection_failed');
    expect(c.connection.status).toBe('reconnecting');
    vi.advanceTimersByTime(10);
    expect(c.connection.status).toBe('connecting');
  });

  it.each([
    ['status', 401],
    ['statusCode', 403],
  ])('an error event whose error carries %s %i is final', (field, status) => {
    const { c, socket } = start();
    socket().onerror?.({ error: Object.assign(new Error('handshake refused'), { [field]: status }) });
    socket().drop(1006);
    expect(c.connection.lastError?.code).toBe('unauthorized');
    expect(c.connection.lastError?.message).toContain(`HTTP ${status}`);
    expect(c.connection.status).toBe('closed');
    vi.advanceTimersByTime(1000);
    expect(c.connection.status).toBe('closed');
  });

  it("the ws package's unexpected-response 401 is final and the handshake is aborted", () => {
    const make = wsLikeFactory();
    const { c, socket } = start({}, make);
    socket().respond(401);
    expect(socket().readyState).toBe(3);
    socket().drop(1006);
    expect(c.connection.lastError?.code).toBe('unauthorized');
    expect(c.connection.status).toBe('closed');
    expect(make.sockets).toHaveLength(1);
  });

  it('any other refused handshake (HTTP 500) is retried, and the status is in the error', () => {
    const make = wsLikeFactory();
    const { c, socket } = start({}, make);
    socket().respond(500);
    socket().drop(1006);
    expect(c.connection.lastError?.code).toBe('connection_failed');
    expect(c.connection.lastError?.message).toContain('HTTP 500');
    expect(c.connection.status).toBe('reconnecting');
  });
});
