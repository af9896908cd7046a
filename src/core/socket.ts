/**
 * The part of the standard `WebSocket` interface the client relies on. Browsers' `WebSocket`, the
 * `ws` package's client and the simulator's in-browser fake all satisfy it.
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed, as in the standard. */
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null;
  onerror: ((event: unknown) => void) | null;
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
