/**
 * The client's defences against what a server, a proxy or a custom socket can hand it: a refused login
 * told by status, never by text; binary and unreadable frames. Hand-driven sockets and fake timers: exact events, no network.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTakhinClient,
  type TakhinClient,
  type TakhinClientOptions,
  type TakhinError,
} from '../../src/index.js';
import { HandSocket, handSocketFactory } from '../reliability/helpers.js';
import { makeMetrics } from './fixtures.js';

const metricsLine = () => JSON.stringify({ type: 'metrics', data: makeMetrics(), timestamp: 1 });
const event = (name: string) =>
  JSON.stringify({ type: 'topic_created', data: { name, partitions: 1 }, timestamp: 1 });

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

describe('binary and unreadable frames', () => {
  it('asks every socket for binary frames as ArrayBuffer, not Blob', () => {
    const { socket } = start();
    expect((socket() as { binaryType?: string }).binaryType).toBe('arraybuffer');
  });

  it.each([
    ['ArrayBuffer', (bytes: Uint8Array) => bytes.slice().buffer],
    ['Uint8Array', (bytes: Uint8Array) => bytes],
    ['DataView', (bytes: Uint8Array) => new DataView(bytes.slice().buffer)],
  ])('decodes a %s frame as UTF-8 text', (_kind, wrap) => {
    const { c, errors, socket } = start();
    socket().open();
    socket().receive(wrap(new TextEncoder().encode(`${event('café-☕')}\n${metricsLine()}`)));
    expect(errors).toEqual([]);
    expect(c.store.getState().topicEvents.map((e) => e.name)).toEqual(['café-☕']);
    expect(c.store.getState().metrics).not.toBeNull();
  });

  it('reports a Blob (from a socket that ignores binaryType) as one typed error, in order', () => {
    const { c, errors, socket } = start();
    socket().open();
    socket().receive(event('before'));
    socket().receive(new Blob([event('blob')]));
    socket().receive(event('after'));
    expect(errors.map((e) => e.code)).toEqual(['invalid_message']);
    expect(errors[0].message).toMatch(/Blob/);
    expect(c.store.getState().topicEvents.map((e) => e.name)).toEqual(['before', 'after']);
  });

  it.each([
    [
      'whose toString throws',
      () => ({
        data: {
          toString: () => {
            throw new Error('boom');
          },
        },
      }),
    ],
    [
      'whose data getter throws',
      () =>
        Object.defineProperty({}, 'data', {
          get: () => {
            throw new Error('boom');
          },
        }),
    ],
  ])(
    'a message event %s is one typed error; the connection stays and the next message is applied',
    (_what, make) => {
      const { c, errors, socket } = start();
      socket().open();
      expect(() => socket().onmessage?.(make() as { data: unknown })).not.toThrow();
      expect(errors.map((e) => e.code)).toEqual(['invalid_message']);
      expect(c.store.getState().counters.parseErrors).toBe(1);
      socket().receive(event('next'));
      expect(c.store.getState().topicEvents.map((e) => e.name)).toEqual(['next']);
      expect(c.connection.status).toBe('open');
    },
  );
});

describe('a frame of many bad lines', () => {
  it('calls onError for the first 10 bad lines and once for the rest; counts and applies exactly', () => {
    const { c, errors, socket } = start();
    socket().open();
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) lines.push(`{"type":"topic_created","data":{"name":"t${i}"`);
    lines.push(event('good'));
    socket().receive(lines.join('\n'));
    expect(errors.map((e) => e.code)).toEqual([...Array(10).fill('invalid_json'), 'more_bad_lines']);
    expect(errors[10].message).toBe('…and 99990 more bad lines in this frame');
    const state = c.store.getState();
    expect(state.counters.parseErrors).toBe(100_000);
    expect(state.connection.lastError).toBe(errors[10]);
    expect(state.topicEvents.map((e) => e.name)).toEqual(['good']);
    socket().receive(`${lines[0]}\n${lines[1]}`);
    expect(errors).toHaveLength(13);
    expect(c.store.getState().counters.parseErrors).toBe(100_002);
  });
});

describe('first paint', () => {
  /** A fetch the test answers by hand; records the signal each request got. */
  function handFetch() {
    const requests: {
      url: string;
      signal: AbortSignal | undefined;
      answer(body: string, status?: number): void;
    }[] = [];
    const fetch = (url: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((resolve) => {
        requests.push({
          url: String(url),
          signal: init?.signal ?? undefined,
          answer: (body, status = 200) =>
            resolve({ ok: status < 300, status, text: () => Promise.resolve(body) } as Response),
        });
      });
    return { fetch: fetch as typeof globalThis.fetch, requests };
  }
  /** Lets the promise chain of an answered request run to its end (microtasks only, no timer). */
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };

  it('parses a pretty-printed body as one document', async () => {
    const { fetch, requests } = handFetch();
    const { c, errors } = start({ fetch, firstPaint: true });
    requests[0].answer(JSON.stringify(makeMetrics(), null, 2));
    await settle();
    expect(errors).toEqual([]);
    expect(c.store.getState().metrics).not.toBeNull();
  });

  it('a body that smuggles a second message after a newline is one error, and nothing is applied', async () => {
    const { fetch, requests } = handFetch();
    const { c, errors } = start({ fetch, firstPaint: true });
    requests[0].answer(`${JSON.stringify(makeMetrics())}\n${event('injected')}`);
    await settle();
    expect(errors.map((e) => e.code)).toEqual(['invalid_json']);
    expect(c.store.getState().topicEvents).toEqual([]);
    expect(c.store.getState().metrics).toBeNull();
    expect(c.connection.lastError).toBe(errors[0]);
  });

  it.each([
    [
      'not the bare metrics object',
      JSON.stringify({ type: 'metrics', data: makeMetrics() }),
      'invalid_message',
    ],
    ['not JSON', '<html>502 Bad Gateway</html>', 'invalid_json'],
  ])('a body %s reaches onError and lastError with a typed code', async (_what, body, code) => {
    const { fetch, requests } = handFetch();
    const { c, errors } = start({ fetch, firstPaint: true });
    requests[0].answer(body);
    await settle();
    expect(errors.map((e) => e.code)).toEqual([code]);
    expect(errors[0].message).toMatch(/first-paint/i);
    expect(c.connection.lastError).toBe(errors[0]);
    expect(c.store.getState().metrics).toBeNull();
  });

  it('an HTTP error reaches onError as rest_failed', async () => {
    const { fetch, requests } = handFetch();
    const { errors } = start({ fetch, firstPaint: true });
    requests[0].answer('', 503);
    await settle();
    expect(errors.map((e) => e.code)).toEqual(['rest_failed']);
    expect(errors[0].message).toContain('HTTP 503');
  });

  it('close() aborts the request, and an answer arriving after it writes nothing and reports nothing', async () => {
    const { fetch, requests } = handFetch();
    const { c, errors } = start({ fetch, firstPaint: true });
    expect(requests[0].signal?.aborted).toBe(false);
    c.close();
    expect(requests[0].signal?.aborted).toBe(true);
    requests[0].answer(JSON.stringify(makeMetrics()));
    await settle();
    expect(c.store.getState().metrics).toBeNull();
    expect(errors).toEqual([]);
  });
});

describe('a token echoed back never reaches an error', () => {
  const TOKEN = 'Echo3dT0ken-secret';
  /** Everything an error exposes, stack included. */
  const exposed = (error: TakhinError | null) =>
    error === null
      ? ''
      : [error.message, error.excerpt, error.messageType, error.stack, JSON.stringify(error)].join(' ');
  const open = (options: Partial<TakhinClientOptions> = {}) => {
    const run = start({ token: TOKEN, ...options });
    run.socket().open();
    return run;
  };
  const expectMasked = (errors: TakhinError[], c: TakhinClient, count: number) => {
    expect(errors).toHaveLength(count);
    for (const error of [...errors, c.connection.lastError]) {
      expect(exposed(error)).not.toContain(TOKEN);
      expect(exposed(error)).not.toContain(TOKEN.slice(0, 6));
    }
  };

  it.each([
    [
      'a server error message',
      JSON.stringify({ type: 'error', data: { message: `invalid API key ${TOKEN}` } }),
    ],
    ['a malformed line', `{"type":"metrics","data":"${TOKEN}"`],
    ['an unknown type', JSON.stringify({ type: `hello-${TOKEN}`, data: null })],
    ['an invalid event', JSON.stringify({ type: 'topic_created', data: { name: TOKEN, partitions: -1 } })],
  ])('in %s: masked in message, excerpt, type and stack, in onError and lastError', (_where, line) => {
    const { c, errors, socket } = open();
    socket().receive(line);
    expectMasked(errors, c, 1);
    expect(exposed(errors[0])).toContain('***');
  });

  it('cut by an excerpt in the middle of the token, its start is masked too', () => {
    const { c, errors, socket } = open();
    socket().receive(`{"type":"metrics","data":"${'x'.repeat(170)}${TOKEN}${'y'.repeat(100)}`);
    expectMasked(errors, c, 1);
    expect(errors[0].excerpt).toMatch(/\*\*\*…$/);
  });

  it('in a first-paint body', async () => {
    let answer: (body: string) => void = () => {};
    const fetch = (() =>
      new Promise<Response>((resolve) => {
        answer = (body) => resolve({ ok: true, status: 200, text: () => Promise.resolve(body) } as Response);
      })) as typeof globalThis.fetch;
    const { c, errors } = open({ fetch, firstPaint: true });
    answer(`{"error":"invalid API key ${TOKEN}"}`);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expectMasked(errors, c, 1);
  });

  it('a one-character token does not blank out that letter in every message, yet is masked standing alone', () => {
    const { c, errors, socket } = open({ token: 'e' });
    socket().receive('{"type":"metrics","data":');
    socket().receive(JSON.stringify({ type: 'error', data: 'key e refused' }));
    expect(errors[0].message).toContain('line 0 is not valid JSON');
    expect(errors[0].excerpt).toBe('{"type":"metrics","data":');
    expect(errors[1].message).toBe('server error: key *** refused');
    expect(c.connection.lastError?.message).toBe('server error: key *** refused');
  });

  it('a short token (under 8 characters) is masked as a word, not inside longer words', () => {
    const { errors, socket } = open({ token: 'ab12' });
    socket().receive(JSON.stringify({ type: 'error', data: 'key "ab12" refused; xab12y kept' }));
    expect(errors[0].message).toBe('server error: key "***" refused; xab12y kept');
  });
});
