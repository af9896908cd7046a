import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSimulator } from '../../src/sim/index.js';
import type { Simulator, SimulatorOptions } from '../../src/sim/index.js';
import { connect, handshakeStatus, sleep, waitFor } from './helpers.js';
import type { TestClient } from './helpers.js';
import { validateServerLine } from './validate.js';

let open: { sims: Simulator[]; clients: TestClient[] } = { sims: [], clients: [] };

async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ intervalMs: 100, ...options });
  open.sims.push(s);
  return s;
}

async function client(
  url: string,
  ...rest: Parameters<typeof connect> extends [string, ...infer R] ? R : never
) {
  const c = await connect(url, ...rest);
  open.clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of open.clients) c.close();
  await Promise.all(open.sims.map((s) => s.close()));
  open = { sims: [], clients: [] };
});

describe('startSimulator: the WebSocket endpoint', () => {
  it('serves ws://127.0.0.1:PORT/api/monitoring/ws on a free port', async () => {
    const s = await sim();
    expect(s.port).toBeGreaterThan(0);
    expect(s.url).toBe(`ws://127.0.0.1:${s.port}/api/monitoring/ws`);
    expect(s.httpUrl).toBe(`http://127.0.0.1:${s.port}`);
  });

  it('answers a plain GET without upgrade with 400, and other upgrade paths with 404', async () => {
    const s = await sim();
    const res = await fetch(`${s.httpUrl}/api/monitoring/ws`);
    expect(res.status).toBe(400);
    expect((await handshakeStatus(`ws://127.0.0.1:${s.port}/api/monitoring/ws/`)).status).toBe(404);
  });

  it('selects no subprotocol and no compression', async () => {
    const s = await sim();
    const c = await client(s.url);
    expect(c.ws.protocol).toBe('');
    expect(c.ws.extensions).toBe('');
    // A client that insists on a subprotocol gets none back, which `ws` (like Chromium) treats as a failure.
    const insisting = new WebSocket(s.url, ['takhin.v1']);
    const failed = await new Promise<string>((resolve) => insisting.on('error', (e) => resolve(e.message)));
    expect(failed).toMatch(/no subprotocol/i);
  });

  it('sends nothing on connect, the first metrics one interval later, then every interval', async () => {
    const s = await sim({ intervalMs: 300 });
    const c = await client(s.url);
    const t0 = Date.now();
    await sleep(200);
    expect(c.messages).toEqual([]);
    await c.until(() => c.of('metrics').length >= 3, 3000, 'three metrics');
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(850);
    expect(elapsed).toBeLessThan(5000);
    for (const f of c.frames)
      for (const line of f.split('\n')) expect(validateServerLine(line, 'takhin')).toEqual([]);
  });

  it('sends only valid messages over a long run (200 ticks) in both dialects', async () => {
    for (const dialect of ['takhin', 'spec'] as const) {
      const s = await sim({ intervalMs: 10, dialect, scenario: 'rebalancing', instrumented: true });
      const c = await client(s.url);
      // Push the model along faster than real time so that rebalances and events happen during the run.
      const pump = setInterval(() => s.model.advance(3000), 10);
      try {
        await c.until(() => c.of('metrics').length >= 200, 25_000, '200 metrics');
      } finally {
        clearInterval(pump);
      }
      const problems = c.frames.flatMap((f) =>
        f.split('\n').flatMap((line) => validateServerLine(line, dialect)),
      );
      expect(problems).toEqual([]);
      expect(c.of('group_updated').length).toBeGreaterThan(0);
    }
  });

  it('runs one metrics timer per connection', async () => {
    const s = await sim({ intervalMs: 200 });
    const a = await client(s.url);
    await sleep(120);
    const b = await client(s.url);
    await waitFor(() => a.of('metrics').length >= 1 && b.of('metrics').length >= 1);
    expect(s.connections).toBe(2);
    expect(s.totalConnections).toBe(2);
  });

  it('answers ping with pong (data null), integer timestamps', async () => {
    const s = await sim({ intervalMs: 10_000 });
    const c = await client(s.url);
    c.send({ type: 'ping', timestamp: Math.floor(Date.now() / 1000) });
    c.send({ type: 'ping' });
    await c.until(() => c.of('pong').length === 2);
    for (const p of c.of('pong')) {
      expect(p).toEqual({ type: 'pong', data: null, timestamp: expect.any(Number) });
      expect(Number.isInteger(p.timestamp)).toBe(true);
    }
    expect(s.received.map((m) => m.type)).toEqual(['ping', 'ping']);
  });

  it('silently drops a client message with a float timestamp, and records the drop', async () => {
    const s = await sim({ intervalMs: 10_000 });
    const c = await client(s.url);
    c.send({ type: 'ping', data: null, timestamp: Date.now() / 1000 + 0.5 });
    c.send({ type: 'subscribe', data: 'topic:orders', timestamp: 1704225600.25 });
    c.send({ type: 'ping', timestamp: 1704225600 });
    await c.until(() => c.of('pong').length === 1);
    await sleep(50);
    expect(c.of('pong')).toHaveLength(1);
    expect(s.dropped.map((d) => d.reason)).toEqual(['float-timestamp', 'float-timestamp']);
    expect(s.subscriptions[0].channels).toEqual([]);
  });

  it('ignores invalid JSON and unknown types; the connection stays open', async () => {
    const s = await sim({ intervalMs: 10_000 });
    const c = await client(s.url);
    c.send('{not json');
    c.send('[1,2]');
    c.send({ type: 'frobnicate', data: 1, timestamp: 1 });
    c.send({ type: 'ping', timestamp: 'now' });
    c.send({ type: 'ping' });
    await c.until(() => c.of('pong').length === 1);
    expect(c.messages.map((m) => m.type)).toEqual(['pong']);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    expect(s.dropped.map((d) => d.reason)).toEqual(['invalid-json', 'invalid-envelope', 'invalid-timestamp']);
    expect(s.received.map((m) => m.type)).toEqual(['frobnicate', 'ping']);
  });

  it('closes with 1009 when a client message exceeds 512 KiB (and accepts exactly 512 KiB)', async () => {
    const s = await sim({ intervalMs: 10_000 });
    const c = await client(s.url);
    const envelope = JSON.stringify({ type: 'ping', data: '' });
    c.send(JSON.stringify({ type: 'ping', data: 'x'.repeat(512 * 1024 - envelope.length) }));
    await c.until(() => c.of('pong').length === 1);
    c.send(JSON.stringify({ type: 'ping', data: 'x'.repeat(512 * 1024) }));
    expect((await c.closed).code).toBe(1009);
    await waitFor(() => s.dropped.some((d) => d.reason === 'too-large'));
  });

  it('records subscriptions per connection and filters topic events only when asked', async () => {
    for (const filterSubscriptions of [false, true]) {
      const s = await sim({ intervalMs: 10_000, filterSubscriptions });
      const a = await client(s.url);
      const b = await client(s.url);
      a.send({ type: 'subscribe', data: 'topic:wanted', timestamp: 1 });
      a.send({ type: 'subscribe', data: 'topic:other', timestamp: 1 });
      a.send({ type: 'unsubscribe', data: 'topic:other', timestamp: 1 });
      await waitFor(() => s.received.length === 3);
      expect(s.subscriptions).toEqual([
        { connection: 1, channels: ['topic:wanted'] },
        { connection: 2, channels: [] },
      ]);
      s.model.createTopic('wanted', 2);
      s.model.createTopic('unwanted', 2);
      await a.until(
        () =>
          a.of('topic_created').length === 2 || (filterSubscriptions && a.of('topic_created').length === 1),
      );
      if (!filterSubscriptions) await b.until(() => b.of('topic_created').length === 2);
      // Nothing more may come: what a filter held back would have arrived by now.
      await sleep(50);
      expect(a.of('topic_created').map((m) => (m.data as { name: string }).name)).toEqual(
        filterSubscriptions ? ['wanted'] : ['wanted', 'unwanted'],
      );
      expect(b.of('topic_created')).toHaveLength(filterSubscriptions ? 0 : 2);
    }
  });

  it('joins messages queued in the same tick into one frame with \\n', async () => {
    const s = await sim({ intervalMs: 10_000 });
    const c = await client(s.url);
    s.model.createTopic('t1', 1);
    s.model.deleteTopic('t1');
    s.tick();
    await c.until(() => c.messages.length === 3);
    expect(c.frames).toHaveLength(1);
    expect(c.frames[0].split('\n').map((l) => JSON.parse(l).type)).toEqual([
      'topic_created',
      'topic_deleted',
      'metrics',
    ]);
  });

  it('produces multi-message frames on its own in a busy scenario', async () => {
    // Instrumented, so the flapping group's group_updated events are sent beside the topic's.
    const s = await sim({ intervalMs: 50, scenario: 'flapping', instrumented: true });
    const c = await client(s.url);
    // Flapping topics and groups emit events on the model clock; speed the model along by hand, in
    // steps long enough for several flips each, which leave the server in the same turn.
    const pump = setInterval(() => s.model.advance(10_000), 20);
    try {
      await c.until(() => c.frames.some((f) => f.includes('\n')), 8000, 'a multi-message frame');
    } finally {
      clearInterval(pump);
    }
  });

  it('refuses sockets beyond maxClients with 503', async () => {
    const s = await sim({ maxClients: 1 });
    await client(s.url);
    expect((await handshakeStatus(s.url)).status).toBe(503);
  });

  it('reports connection, message and disconnect events', async () => {
    const s = await sim({ intervalMs: 10_000 });
    const seen: string[] = [];
    s.on('connection', (e) => seen.push(`connection ${e.connection}`));
    s.on('message', (e) => seen.push(`message ${e.type}`));
    s.on('disconnect', (e) => seen.push(`disconnect ${e.connection} ${e.code}`));
    const c = await client(s.url);
    c.send({ type: 'ping' });
    await c.until(() => c.of('pong').length === 1);
    c.ws.close(1000);
    await waitFor(() => seen.length === 3);
    expect(seen).toEqual(['connection 1', 'message ping', 'disconnect 1 1000']);
    expect(s.connections).toBe(0);
  });
});
