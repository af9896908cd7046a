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

/** Uses the environment's standard `WebSocket`, without a subprotocol (the server never selects one). */
export function standardWebSocketFactory(onMissing: () => Error): WebSocketFactory {
  return (url) => {
    const Constructor = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
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
