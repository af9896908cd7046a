import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createTakhinClient } from '../../src/index.js';
import { nodeSocketFactory } from '../helpers/nodeSocket.js';
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
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.prependListener('uncaughtException', onUncaught);
  try {
    const client = createTakhinClient({
      url: `ws://127.0.0.1:${port}/api/monitoring/ws`,
      createWebSocket: nodeSocketFactory(),
      heartbeat: false,
    });
    client.connect();
    await waitUntil(() => peers.length === 1, 'the TCP connection', 5_000);
    expect(client.connection.status).toBe('connecting');
    client.close();
    // `ws` reports the aborted handshake on the next tick; give it a few.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.connection.status).toBe('closed');
    expect(uncaught).toEqual([]);
  } finally {
    process.removeListener('uncaughtException', onUncaught);
  }
});
