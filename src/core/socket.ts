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
