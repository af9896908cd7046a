import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createTakhinClient } from '../../src/index.js';
import WebSocket from 'ws';
import type { WebSocketLike } from '../../src/core/socket.js';
import { waitUntil } from '../helpers/wait.js';

let server: Server | null = null;
const peers: Socket[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  server?.close();
  server = null;
});

/** A TCP server that accepts connections and never answers the WebSocket upgrade. */
async function startSilentServer(): Promise<number> {
  server = createServer((peer) => peers.push(peer));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as { port: number }).port;
}

it('closing the client while its `ws` socket is still connecting raises no uncaught error', async () => {
  const port = await startSilentServer();
  const uncaught: unknown[] = [];
  const sockets: WebSocket[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.prependListener('uncaughtException', onUncaught);
  try {
    const client = createTakhinClient({
      url: `ws://127.0.0.1:${port}/api/monitoring/ws`,
      createWebSocket: (url) => {
        const socket = new WebSocket(url);
        sockets.push(socket);
        return socket as unknown as WebSocketLike;
      },
      heartbeat: false,
    });
    client.connect();
    await waitUntil(() => peers.length === 1, 'the TCP connection', 5_000);
    expect(sockets).toHaveLength(1);
    expect(client.connection.status).toBe('connecting');
    const closed = new Promise((resolve) => sockets[0].once('close', resolve));
    client.close();
    // `ws` reports the aborted handshake with an error and then 'close': an unhandled error is raised by then.
    await closed;
    expect(client.connection.status).toBe('closed');
    expect(uncaught).toEqual([]);
  } finally {
    process.removeListener('uncaughtException', onUncaught);
  }
});
