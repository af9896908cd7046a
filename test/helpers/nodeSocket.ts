import WebSocket from 'ws';
import type { WebSocketFactory, WebSocketLike } from '../../src/core/socket.js';

/** A factory on the `ws` package, as Node users write it (optionally with headers). */
export function nodeSocketFactory(
  headers?: Record<string, string>,
): WebSocketFactory & { created: string[] } {
  const created: string[] = [];
  const factory = (url: string) => {
    created.push(url);
    return new WebSocket(url, { headers }) as unknown as WebSocketLike;
  };
  return Object.assign(factory, { created });
}
