import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseFrame } from '../../src/core/parse.js';
import type { MonitoringMetrics } from '../../src/core/protocol.js';
import { MALFORMED_LINES, startSimulator } from '../../src/sim/index.js';
import type { Simulator, SimulatorOptions } from '../../src/sim/index.js';
import { connect, sleep, waitFor } from './helpers.js';
import type { TestClient } from './helpers.js';
import { validateMetricsStrict } from './validate.js';

const sims: Simulator[] = [];
const clients: TestClient[] = [];

async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ intervalMs: 50, ...options });
  sims.push(s);
  return s;
}

async function client(url: string): Promise<TestClient> {
  const c = await connect(url);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

function refused(url: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.terminate();
      resolve('open');
    });
    ws.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('faults', () => {
  it('crash: clients see 1006, connections are refused, then the same port serves again with counters reset', async () => {
    const s = await sim();
    const port = s.port;
    const c = await client(s.url);
    await c.until(() => c.of('metrics').length >= 3);
    s.model.advance(5000);
    const before = s.model.totals.produced;
    expect(before).toBeGreaterThan(0);

    await s.crash(400);
    expect((await c.closed).code).toBe(1006);
    expect(s.up).toBe(false);
    expect(await refused(s.url)).toBe('ECONNREFUSED');

    await waitFor(() => s.up, 3000, 'the simulator to come back');
    expect(s.port).toBe(port);
    const again = await client(s.url);
    await again.until(() => again.of('metrics').length >= 1);
    const after = (again.of('metrics')[0].data as MonitoringMetrics).throughput.produceRate;
    expect(after).toBeLessThan(before);
    expect(s.model.restarts).toBe(1);
  });

  it('restart: counters drop, sockets are killed unless kept', async () => {
    const s = await sim({ instrumented: true });
    const c = await client(s.url);
    s.model.advance(5000);
    await c.until(() => c.of('metrics').length >= 1);
    s.restart({ keepConnections: true });
    const n = c.of('metrics').length;
    await c.until(() => c.of('metrics').length > n);
    const [prev, next] = c
      .of('metrics')
      .slice(n - 1, n + 1)
      .map((m) => (m.data as MonitoringMetrics).throughput.produceRate);
    expect(next).toBeLessThan(prev);
    s.restart();
    expect((await c.closed).code).toBe(1006);
  });

  it('stall: sockets stay open and nothing is sent, then resume', async () => {
    const s = await sim();
    const c = await client(s.url);
    await c.until(() => c.of('metrics').length >= 1);
    s.stall();
    await sleep(30);
    const n = c.messages.length;
    c.send({ type: 'ping' });
    s.model.createTopic('during.stall', 1);
    await sleep(300);
    expect(c.messages.length).toBe(n);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    s.resume();
    await c.until(() => c.messages.length > n);
  });

  it('stall(ms) ends by itself', async () => {
    const s = await sim();
    const c = await client(s.url);
    s.stall(250);
    await sleep(200);
    expect(c.messages).toEqual([]);
    await c.until(() => c.of('metrics').length >= 1, 1000);
  });

  it('dropSlowClients closes with an empty close frame: clients see 1005', async () => {
    const s = await sim();
    const a = await client(s.url);
    const b = await client(s.url);
    expect(s.dropSlowClients()).toBe(2);
    expect((await a.closed).code).toBe(1005);
    expect((await b.closed).code).toBe(1005);
  });

  it('drops a client whose queue fills during an event broadcast (1005), as the real server does', async () => {
    const s = await sim({ intervalMs: 10_000, queueLimit: 256 });
    const c = await client(s.url);
    // Stop reading: the kernel buffers fill, writes stop completing, the queue grows.
    (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 400 && s.connections > 0; i++) {
      s.broadcast({ type: 'topic_created', data: { name: `t${i}`, partitions: 1, pad: big } } as never);
      await new Promise((r) => setImmediate(r));
    }
    (c.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await c.closed).code).toBe(1005);
  });

  it('injectMalformed mixes bad lines into the next frames; the good ones still parse', async () => {
    const s = await sim();
    const c = await client(s.url);
    s.injectMalformed(3);
    await c.until(() => c.frames.length >= 5);
    const bad = c.frames.slice(0, 5).map((f) => parseFrame(f).errors.length);
    expect(bad).toEqual([1, 1, 1, 0, 0]);
    for (const f of c.frames.slice(0, 3)) {
      expect(f.split('\n').filter((l) => MALFORMED_LINES.includes(l))).toHaveLength(1);
      expect(parseFrame(f).messages.map((m) => m.type)).toContain('metrics');
    }
  });

  it('burst sends thousands of topic_created events to every client', async () => {
    const s = await sim({ intervalMs: 10_000 });
    const a = await client(s.url);
    const b = await client(s.url);
    await s.burst(3000);
    for (const c of [a, b]) {
      await c.until(() => c.of('topic_created').length === 3000, 10_000);
      expect(c.frames.length).toBeLessThan(3000);
      expect(new Set(c.of('topic_created').map((m) => (m.data as { name: string }).name)).size).toBe(3000);
    }
    await s.burst(10, 'group_updated');
    await a.until(() => a.of('group_updated').length === 10);
  });

  it('sendOversized sends a valid metrics message of several MB', async () => {
    const s = await sim({ intervalMs: 10_000 });
    const c = await client(s.url);
    const bytes = s.sendOversized(5 * 1024 * 1024);
    expect(bytes).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    await c.until(() => c.of('metrics').length === 1, 10_000);
    expect(c.frames[0].length).toBe(bytes);
    expect(validateMetricsStrict(c.of('metrics')[0].data, 'takhin')).toEqual([]);
  });

  it('crashOnDisconnect reproduces the upstream crash after a client leaves', async () => {
    const s = await sim({ crashOnDisconnect: { afterMs: 100, downMs: 300 } });
    const a = await client(s.url);
    const b = await client(s.url);
    a.ws.close(1000);
    expect((await b.closed).code).toBe(1006);
    expect(s.up).toBe(false);
    await waitFor(() => s.up, 2000);
  });

  it('terminates a client that never answers protocol pings', async () => {
    const s = await sim({ intervalMs: 10_000, pingIntervalMs: 50, pongTimeoutMs: 120 });
    const ws = new WebSocket(s.url, { autoPong: false });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    expect(await closed).toBe(1006);
  });
});
