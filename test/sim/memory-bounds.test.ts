import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_KEEP_MESSAGE_BYTES,
  DEFAULT_KEEP_RECEIVED_BYTES,
  DEFAULT_MAX_CLIENTS,
  startSimulator,
} from '../../src/sim/index.js';
import type { ReceivedMessage, Simulator, SimulatorOptions } from '../../src/sim/index.js';
import { parseCliArgs } from '../../src/sim/args.js';
import { connect, handshakeStatus } from './helpers.js';
import type { TestClient } from './helpers.js';

const sims: Simulator[] = [];
const clients: TestClient[] = [];

async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ intervalMs: 60_000, ...options });
  sims.push(s);
  return s;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

function keptBytes(list: readonly ReceivedMessage[]): number {
  return list.reduce((n, m) => n + Buffer.byteLength(m.raw), 0);
}

describe('memory stays bounded by bytes', () => {
  it('keeps at most 4 MiB of client messages, each cut to 4 KiB, while listeners see them whole', async () => {
    const s = await sim();
    const c = await connect(s.url);
    clients.push(c);
    const big = JSON.stringify({ type: 'subscribe', data: `topic:${'x'.repeat(500 * 1024)}` });
    let whole = 0;
    let seen = 0;
    const all = new Promise<void>((resolve) =>
      s.on('message', (m) => {
        if (m.raw.length === big.length) whole++;
        if (++seen === 41) resolve();
      }),
    );
    for (let i = 0; i < 40; i++) c.send(big);
    c.send({ type: 'ping' });
    await all;
    expect(whole).toBe(40);
    expect(keptBytes(s.received)).toBeLessThanOrEqual(DEFAULT_KEEP_RECEIVED_BYTES);
    const cut = s.received.filter((m) => m.truncated);
    expect(cut).toHaveLength(40);
    for (const m of cut) {
      expect(Buffer.byteLength(m.raw)).toBeLessThanOrEqual(DEFAULT_KEEP_MESSAGE_BYTES);
      expect(m.data).toBeNull();
      expect(m.type).toBe('subscribe');
    }
    expect(s.received.at(-1)).toMatchObject({ type: 'ping', data: null });
    expect(s.received.at(-1)?.truncated).toBeUndefined();
  });

  it('forgets the oldest messages beyond keepReceivedBytes', async () => {
    const s = await sim({ keepReceivedBytes: 10_000, keepMessageBytes: 1000 });
    const c = await connect(s.url);
    clients.push(c);
    let seen = 0;
    const all = new Promise<void>((resolve) => s.on('message', () => ++seen === 50 && resolve()));
    for (let i = 0; i < 50; i++) c.send({ type: 'note', data: `${i}:${'y'.repeat(400)}` });
    await all;
    expect(keptBytes(s.received)).toBeLessThanOrEqual(10_000);
    expect(s.received.length).toBeGreaterThan(10);
    expect(s.received.at(-1)?.data).toMatch(/^49:/);
  });

  it('drops a slow client (1005) once its pending bytes pass the limit, long before 256 lines', async () => {
    const s = await sim();
    const c = await connect(s.url);
    clients.push(c);
    (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const pad = 'x'.repeat(1024 * 1024);
    // Events of a megabyte each, like the huge cluster's metrics: 100 lines, well under the line limit.
    for (let i = 0; i < 100; i++) {
      s.broadcast({ type: 'topic_created', data: { name: `t${i}`, partitions: 1, pad } } as never);
      await new Promise((resolve) => setImmediate(resolve));
    }
    (c.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    const all = () => c.of('topic_created').length === 100;
    await c.until(() => c.closeCode !== undefined || all(), 20_000, 'a close or every event');
    expect(c.closeCode).toBe(1005);
    expect(c.of('topic_created').length).toBeLessThan(100);
  });

  it('also honours maxPendingBytes given as an option', async () => {
    const s = await sim({ maxPendingBytes: 64 * 1024 });
    const c = await connect(s.url);
    clients.push(c);
    (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const pad = 'x'.repeat(32 * 1024);
    for (let i = 0; i < 200 && s.connections > 0; i++) {
      s.broadcast({ type: 'topic_created', data: { name: `t${i}`, partitions: 1, pad } } as never);
      await new Promise((resolve) => setImmediate(resolve));
    }
    (c.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await c.closed).code).toBe(1005);
  });

  it(`refuses upgrades beyond ${DEFAULT_MAX_CLIENTS} open sockets with 503 by default`, async () => {
    const s = await sim();
    const opened = await Promise.all(Array.from({ length: DEFAULT_MAX_CLIENTS }, () => connect(s.url)));
    clients.push(...opened);
    expect(s.connections).toBe(DEFAULT_MAX_CLIENTS);
    expect(await handshakeStatus(s.url)).toEqual({ status: 503, body: '{"error":"too many clients"}' });
  });
});

describe('takhin-sim options', () => {
  it('reads the API key from TAKHIN_SIM_API_KEY, so that it stays out of the process list', () => {
    expect(parseCliArgs([], { TAKHIN_SIM_API_KEY: 'from-env' }).apiKey).toBe('from-env');
    expect(parseCliArgs(['--api-key', 'flag'], { TAKHIN_SIM_API_KEY: 'from-env' }).apiKey).toBe('flag');
    expect(parseCliArgs([], { TAKHIN_SIM_API_KEY: '  ' }).apiKey).toBeUndefined();
    expect(parseCliArgs(['--accept-query-token'], { TAKHIN_SIM_API_KEY: 'k' }).acceptQueryToken).toBe(true);
  });

  it('parses --cors and --allowed-host lists', () => {
    const o = parseCliArgs(['--cors', 'https://a.test, https://b.test:8443', '--allowed-host', 'mybox.lan']);
    expect(o.cors).toEqual(['https://a.test', 'https://b.test:8443']);
    expect(o.allowedHosts).toEqual(['mybox.lan']);
    expect(parseCliArgs([])).toEqual(expect.objectContaining({ cors: [], allowedHosts: [] }));
  });
});
