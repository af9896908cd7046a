/**
 * The part of the standard `WebSocket` interface the client relies on. Browsers' `WebSocket`, the
 * `ws` package's client and the simulator's in-browser fake all satisfy it.
 */
/**
 * A handler slot that accepts handlers taking a narrower event, as the DOM's and `ws`'s own `on*`
 * properties are typed; method syntax gives TypeScript's bivariant check for exactly that.
 */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed, as in the standard. */
  readonly readyState: number;
  /** Set to `'arraybuffer'` by the client, so that binary frames can be decoded in order. */
  binaryType?: string;
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string; wasClean?: boolean }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Creates the socket for one connection attempt; the test seam and the way to send headers from Node. */
export type WebSocketFactory = (url: string) => WebSocketLike;

export const SOCKET_OPEN = 1;

type WebSocketConstructor = new (url: string) => WebSocketLike;

let nodeFallback: WebSocketConstructor | null = null;
let nodeFallbackLoad: Promise<void> | null = null;

function globalWebSocket(): WebSocketConstructor | undefined {
  return (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}

/**
 * `import(specifier)` that bundlers leave alone. The specifier is a parameter because a constant would
 * be folded into a literal by the library build (`import("ws")`), which app bundlers then resolve: the
 * `ws` package's browser stub and the bundler's require shims would land in every browser bundle.
 */
function importUnbundled<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ /* webpackIgnore: true */ specifier) as Promise<T>;
}

/**
 * In Node without a global `WebSocket` (Node 20), loads the `ws` package (a dependency) once, so that
 * the default factory works there too. Elsewhere it does nothing. The specifier is hidden from
 * bundlers, so that browser bundles never include `ws`.
 */
export function loadNodeWebSocket(): Promise<void> {
  if (globalWebSocket() || nodeFallback) return Promise.resolve();
  const versions = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions;
  if (!versions?.node) return Promise.resolve();
  nodeFallbackLoad ??= importUnbundled<{ default?: WebSocketConstructor; WebSocket?: WebSocketConstructor }>(
    'ws',
  ).then(
    (module) => {
      nodeFallback = module.WebSocket ?? module.default ?? null;
    },
    () => {
      // Not installed or not loadable: the factory reports the missing WebSocket.
    },
  );
  return nodeFallbackLoad;
}

/** Uses the environment's standard `WebSocket` (in Node 20, `ws`), without a subprotocol. */
export function standardWebSocketFactory(onMissing: () => Error): WebSocketFactory {
  return (url) => {
    const Constructor = globalWebSocket() ?? nodeFallback;
    if (!Constructor) throw onMissing();
    // No protocols argument: Chromium fails the handshake when it asked for one and got none back.
    return new Constructor(url);
  };
}

type StatusCarrier = { status?: unknown; statusCode?: unknown; error?: StatusCarrier } | null | undefined;

const statusOf = (carrier: StatusCarrier) => {
  const status = carrier?.status ?? carrier?.statusCode;
  return typeof status === 'number' ? status : null;
};

/** The HTTP status an error event reports for a refused handshake (on itself or its `error`), or null. */
export function statusOfErrorEvent(event: unknown): number | null {
  return statusOf(event as StatusCarrier) ?? statusOf((event as StatusCarrier)?.error);
}

/**
 * Hears the HTTP status of a refused handshake from sockets that tell it (the `ws` package's
 * 'unexpected-response'). A listener there makes `ws` leave the handshake pending, so it is aborted
 * here, which ends in the usual close 1006.
 */
export function onHandshakeStatus(socket: WebSocketLike, listener: (status: number) => void): void {
  const emitter = socket as { once?: (event: string, fn: (req: unknown, res: unknown) => void) => void };
  if (typeof emitter.once !== 'function') return;
  emitter.once('unexpected-response', (_req, res) => {
    const status = statusOf(res as StatusCarrier);
    if (status !== null) listener(status);
    socket.close();
  });
}
