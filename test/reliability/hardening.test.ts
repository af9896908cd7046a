/**
 * The client's hardening over real sockets (happy-dom's WebSocket, as a browser app has it, against a
 * `ws` server on 127.0.0.1): binary frames arrive as bytes the client can decode in order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTakhinClient, type TakhinClient, type TakhinError } from '../../src/index.js';
import { makeMetrics } from '../core/fixtures.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scriptedServer.js';
import { whenState, whenStatus } from './helpers.js';

let server: ScriptedServer | null = null;
let client: TakhinClient | null = null;

afterEach(async () => {
  client?.close();
  client = null;
  await server?.close();
  server = null;
});

describe('binary frames over a real socket', () => {
  it('a binary frame holding messages is decoded as UTF-8 and applied in order with text frames', async () => {
    server = await startScriptedServer();
    const errors: TakhinError[] = [];
    const c = createTakhinClient({
      url: server.url,
      heartbeat: false,
      batch: 'sync',
      onError: (error) => errors.push(error),
    });
    client = c;
    c.connect();
    await whenStatus(c, 'open');
    await server.waitForConnections(1);
    const event = (name: string) => JSON.stringify({ type: 'topic_created', data: { name, partitions: 1 } });
    const metrics = JSON.stringify({ type: 'metrics', data: makeMetrics(), timestamp: 1 });
    const [socket] = server.open;
    socket.send(Buffer.from(`${event('bin-ä')}\n${metrics}`), { binary: true });
    socket.send(event('text-after'));
    await whenState(c, (s) => s.counters.frames === 2, 'both frames');
    expect(errors).toEqual([]);
    expect(c.store.getState().metrics).not.toBeNull();
    expect(c.store.getState().topicEvents.map((e) => e.name)).toEqual(['bin-ä', 'text-after']);
  });
});
