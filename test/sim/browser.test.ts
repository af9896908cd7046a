import { afterEach, describe, expect, it } from 'vitest';
import { parseFrame } from '../../src/core/parse.js';
import type { WebSocketLike } from '../../src/core/socket.js';
import { createSimulatedSocketFactory } from '../../src/sim/browser.js';
import type { SimulatedSocketFactory, SimulatedSocketOptions } from '../../src/sim/browser.js';
import { sleep, waitFor } from './helpers.js';
import { validateServerLine } from './validate.js';

const factories: SimulatedSocketFactory[] = [];

function make(options: SimulatedSocketOptions = {}): SimulatedSocketFactory {
  const f = createSimulatedSocketFactory({ intervalMs: 40, ...options });
  factories.push(f);
  return f;
}

interface Observed {
  socket: WebSocketLike;
  log: string[];
  frames: string[];
  openedAt?: number;
  close?: { code: number; reason: string; wasClean?: boolean };
}

function observe(socket: WebSocketLike): Observed {
  const o: Observed = { socket, log: [], frames: [] };
  socket.onopen = () => {
    o.openedAt = Date.now();
    o.log.push('open');
  };
  socket.onerror = () => o.log.push('error');
  socket.onmessage = (e) => o.frames.push(String(e.data));
  socket.onclose = (e) => {
    o.log.push(`close ${e.code}`);
    o.close = e;
  };
  return o;
}

const types = (o: Observed) => o.frames.flatMap((f) => parseFrame(f).messages.map((m) => m.type));

afterEach(() => {
  for (const f of factories.splice(0)) f.control.dispose();
});

describe('createSimulatedSocketFactory', () => {
  it('opens asynchronously, sends the first metrics one interval after open, then every interval', async () => {
    const f = make({ intervalMs: 100 });
    const o = observe(f('ws://anywhere/api/monitoring/ws'));
    expect(o.socket.readyState).toBe(0);
    expect(() => o.socket.send('{}')).toThrow(/CONNECTING/);
    await waitFor(() => o.log.includes('open'));
    await sleep(60);
    expect(o.frames).toEqual([]);
    await waitFor(() => o.frames.length >= 3, 2000);
    expect(Date.now() - o.openedAt!).toBeGreaterThanOrEqual(295);
    for (const frame of o.frames)
      for (const line of frame.split('\n')) expect(validateServerLine(line, 'takhin')).toEqual([]);
  });

  it('speaks the spec dialect when asked', async () => {
    const f = make({ dialect: 'spec' });
    const o = observe(f('ws://x'));
    await waitFor(() => o.frames.length > 0);
    expect(validateServerLine(o.frames[0], 'spec')).toEqual([]);
  });

  it('answers ping with pong, drops float timestamps, closes 1009 over 512 KiB', async () => {
    const f = make({ intervalMs: 10_000 });
    const o = observe(f('ws://x'));
    await waitFor(() => o.log.includes('open'));
    o.socket.send(JSON.stringify({ type: 'ping', timestamp: 1704225600 }));
    o.socket.send(JSON.stringify({ type: 'ping', timestamp: 1704225600.5 }));
    o.socket.send('garbage');
    await waitFor(() => types(o).includes('pong'));
    await sleep(20);
    expect(types(o)).toEqual(['pong']);
    expect(JSON.parse(o.frames[0])).toEqual({ type: 'pong', data: null, timestamp: expect.any(Number) });
    expect(f.control.received.map((m) => m.type)).toEqual(['ping']);
    expect(f.control.dropped.map((d) => d.reason)).toEqual(['float-timestamp', 'invalid-json']);
    o.socket.send(JSON.stringify({ type: 'ping', data: 'x'.repeat(512 * 1024) }));
    await waitFor(() => o.close !== undefined);
    expect(o.close?.code).toBe(1009);
  });

  it('broadcasts topic events to every socket, several messages joined in one frame', async () => {
    const f = make({ intervalMs: 10_000 });
    const a = observe(f('ws://x'));
    const b = observe(f('ws://x'));
    await waitFor(() => f.control.sockets === 2);
    f.control.createTopic('sim.topic', 4);
    f.control.deleteTopic('sim.topic');
    f.control.tick();
    for (const o of [a, b]) {
      await waitFor(() => o.frames.length === 1);
      expect(o.frames[0].split('\n').map((l) => JSON.parse(l).type)).toEqual([
        'topic_created',
        'topic_deleted',
        'metrics',
      ]);
    }
  });

  it('crash: open sockets close 1006; new ones fail with error then close 1006; then work again', async () => {
    const f = make();
    const a = observe(f('ws://x'));
    await waitFor(() => a.frames.length > 0, 5000, 'a: first frame');
    f.model.advance(10_000);
    const before = f.model.totals.produced;
    f.control.crash(1000);
    expect(a.close).toEqual(expect.objectContaining({ code: 1006, wasClean: false }));
    const b = observe(f('ws://x'));
    await waitFor(() => b.close !== undefined, 5000, 'b: refused');
    expect(b.log).toEqual(['error', 'close 1006']);
    expect(f.control.down).toBe(true);
    await waitFor(() => !f.control.down, 3000, 'the end of the crash');
    const c = observe(f('ws://x'));
    await waitFor(() => c.frames.length > 0, 5000, 'c: first frame');
    expect(f.model.totals.produced).toBeLessThan(before);
  });

  it('stall sends nothing while sockets stay open; dropSlowClients closes 1005; restart closes 1006', async () => {
    const f = make();
    const a = observe(f('ws://x'));
    await waitFor(() => a.log.includes('open'));
    f.control.stall(200);
    await sleep(150);
    expect(a.frames).toEqual([]);
    expect(a.socket.readyState).toBe(1);
    await waitFor(() => a.frames.length > 0, 1000);
    expect(f.control.dropSlowClients()).toBe(1);
    await waitFor(() => a.close !== undefined);
    expect(a.close?.code).toBe(1005);
    const b = observe(f('ws://x'));
    await waitFor(() => b.log.includes('open'));
    f.control.restart();
    expect(b.close?.code).toBe(1006);
  });

  it('injects malformed lines, bursts events and sends oversized metrics', async () => {
    const f = make({ intervalMs: 10_000 });
    const o = observe(f('ws://x'));
    await waitFor(() => o.log.includes('open'));
    f.control.injectMalformed(1);
    f.control.burst(500);
    await waitFor(() => o.frames.length === 1);
    const parsed = parseFrame(o.frames[0]);
    expect(parsed.messages).toHaveLength(500);
    expect(parsed.errors).toHaveLength(1);
    expect(f.control.sendOversized(3_000_000)).toBeGreaterThanOrEqual(3_000_000);
    await waitFor(() => o.frames.length === 2);
    expect(o.frames[1].length).toBeGreaterThanOrEqual(3_000_000);
  });

  it('behaves like a browser socket on close(): 1005 without a code, 1000 with one, bad codes throw', async () => {
    const f = make();
    const a = observe(f('ws://x'));
    const b = observe(f('ws://x'));
    await waitFor(() => f.control.sockets === 2);
    expect(() => a.socket.close(1006)).toThrow(/InvalidAccessError/);
    a.socket.close();
    b.socket.close(1000, 'bye');
    expect(a.socket.readyState).toBe(2);
    await waitFor(() => a.close !== undefined && b.close !== undefined);
    expect(a.close).toEqual(expect.objectContaining({ code: 1005, wasClean: true }));
    expect(b.close).toEqual(expect.objectContaining({ code: 1000, reason: 'bye' }));
    expect(f.control.sockets).toBe(0);
    const c = observe(f('ws://x'));
    c.socket.close();
    await waitFor(() => c.close !== undefined);
    expect(c.log).toEqual(['error', 'close 1006']);
  });

  it('runs simulated time faster with speed', async () => {
    const f = make({ speed: 50, intervalMs: 100 });
    const o = observe(f('ws://x'));
    await waitFor(() => o.frames.length >= 2, 2000);
    const [t0, t1] = o.frames.slice(0, 2).map((fr) => (JSON.parse(fr) as { timestamp: number }).timestamp);
    expect(t1 - t0).toBeGreaterThanOrEqual(4);
  });

  it('plays the real Console by default: counters and latency at 0, no group_updated; instrumented moves them', async () => {
    const metricsOf = (o: Observed) =>
      o.frames.flatMap((f) => parseFrame(f).messages).filter((m) => m.type === 'metrics');
    const real = make({ scenario: 'rebalancing', intervalMs: 20 });
    const fed = make({ scenario: 'rebalancing', intervalMs: 20, instrumented: true });
    const a = observe(real('ws://x'));
    const b = observe(fed('ws://x'));
    await waitFor(() => real.control.sockets === 1 && fed.control.sockets === 1);
    // Rebalances happen in model time; both models take the same steps.
    for (let i = 0; i < 40; i++) {
      real.model.advance(5000);
      fed.model.advance(5000);
    }
    await waitFor(() => metricsOf(a).length >= 2 && metricsOf(b).length >= 2);
    for (const m of metricsOf(a)) {
      const data = m.data as {
        throughput: object;
        latency: object;
        clusterHealth: { activeConnections: number };
      };
      expect(Object.values(data.throughput)).toEqual([0, 0, 0, 0]);
      expect(Object.values(data.latency)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(data.clusterHealth.activeConnections).toBe(0);
    }
    expect(types(a)).not.toContain('group_updated');
    expect(types(b)).toContain('group_updated');
    const last = metricsOf(b).at(-1)!.data as {
      throughput: { produceRate: number };
      latency: { produceP50: number };
    };
    expect(last.throughput.produceRate).toBeGreaterThan(0);
    expect(last.latency.produceP50).toBeGreaterThan(0);
  });

  it('changes topics silently, as a Kafka client would: no event, only the metrics change', async () => {
    const f = make({ intervalMs: 10_000 });
    const o = observe(f('ws://x'));
    await waitFor(() => f.control.sockets === 1);
    f.control.createTopic('by.kafka', 2, { silent: true });
    f.control.tick();
    await waitFor(() => o.frames.length === 1);
    expect(types(o)).toEqual(['metrics']);
    expect(f.control.deleteTopic('by.kafka', { silent: true })).toBe(true);
    f.control.createTopic('by.console', 1);
    await waitFor(() => o.frames.length === 2);
    expect(types(o)).toEqual(['metrics', 'topic_created']);
  });
});
