import { afterEach, describe, expect, it } from 'vitest';
import { CONTROL_LIMITS, startSimulator } from '../../src/sim/index.js';
import type { Simulator, SimulatorOptions } from '../../src/sim/index.js';
import { handshakeStatus } from './helpers.js';
import { httpRequest, rawRequest, UPGRADE_HEADERS } from './raw-http.js';

const JSON_TYPE = { 'Content-Type': 'application/json' };
const sims: Simulator[] = [];

async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ intervalMs: 60_000, ...options });
  sims.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

function createTopic(s: Simulator, name: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${s.httpUrl}/api/topics`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name, partitions: 2 }),
  });
}

describe('writes from other origins', () => {
  it('refuses a write from a foreign origin with 403 and changes nothing', async () => {
    const s = await sim();
    const res = await createTopic(s, 'evil.topic', { ...JSON_TYPE, Origin: 'https://evil.test' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(s.model.topic('evil.topic')).toBeUndefined();
    for (const origin of ['null', 'http://localhost.evil.test', 'http://127.0.0.1.evil.test:80']) {
      const control = await fetch(`${s.httpUrl}/api/sim/drop-clients`, {
        method: 'POST',
        headers: { ...JSON_TYPE, Origin: origin },
        body: '{}',
      });
      expect(control.status).toBe(403);
    }
    const preflight = await fetch(`${s.httpUrl}/api/sim/crash`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(s.up).toBe(true);
  });

  it('accepts writes from loopback origins and echoes the origin, not *', async () => {
    const s = await sim();
    const origins = [
      'http://localhost:5173',
      'http://127.0.0.1:6006',
      'http://[::1]:8080',
      'http://localhost',
    ];
    for (const [i, origin] of origins.entries()) {
      const res = await createTopic(s, `local.t${i}`, { ...JSON_TYPE, Origin: origin });
      expect(res.status).toBe(201);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('vary')).toContain('Origin');
    }
    const preflight = await fetch(`${s.httpUrl}/api/topics`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('accepts writes from an origin listed in the cors option', async () => {
    const s = await sim({ cors: ['https://dash.example.test'] });
    const listed = await createTopic(s, 'listed', { ...JSON_TYPE, Origin: 'https://dash.example.test' });
    expect(listed.status).toBe(201);
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://dash.example.test');
    expect((await createTopic(s, 'other', { ...JSON_TYPE, Origin: 'https://other.test' })).status).toBe(403);
  });

  it('keeps reads open to any origin', async () => {
    const s = await sim();
    const res = await fetch(`${s.httpUrl}/api/monitoring/metrics`, {
      headers: { Origin: 'https://evil.test' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${s.httpUrl}/api/sim/status`)).status).toBe(200);
  });

  it('answers 415 to a body that is not application/json, which a page could send without a preflight', async () => {
    const s = await sim();
    const variants: Record<string, string>[] = [
      { 'Content-Type': 'text/plain' },
      {},
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    ];
    for (const headers of variants) {
      const res = await createTopic(s, 'simple.request', headers);
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({ error: 'send the body as application/json' });
    }
    expect(s.model.topic('simple.request')).toBeUndefined();
    const noBody = await fetch(`${s.httpUrl}/api/sim/drop-clients`, { method: 'POST' });
    expect(noBody.status).toBe(415);
    const charset = await createTopic(s, 'with.charset', {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(charset.status).toBe(201);
  });
});

describe('Host checking', () => {
  it('refuses a name it does not answer to with 421, on reads, writes and upgrades', async () => {
    const s = await sim();
    const host = { Host: `evil.test:${s.port}` };
    expect((await rawRequest(s.port, httpRequest('GET', '/api/monitoring/metrics', host))).status).toBe(421);
    const write = httpRequest('POST', '/api/sim/drop-clients', { ...host, ...JSON_TYPE }, '{}');
    expect((await rawRequest(s.port, write)).status).toBe(421);
    const upgrade = httpRequest('GET', '/api/monitoring/ws', { ...host, ...UPGRADE_HEADERS });
    expect((await rawRequest(s.port, upgrade)).status).toBe(421);
    expect((await handshakeStatus(s.url, { headers: { Host: 'rebound.test' } })).status).toBe(421);
    expect(s.totalConnections).toBe(0);
  });

  it('answers to IP addresses, localhost and configured names', async () => {
    const s = await sim({ allowedHosts: ['mybox.lan'] });
    for (const name of [
      '127.0.0.1',
      'localhost',
      'app.localhost',
      '[::1]',
      '10.0.0.7',
      'mybox.lan',
      'MyBox.LAN',
    ]) {
      const req = httpRequest('GET', '/api/monitoring/metrics', { Host: `${name}:${s.port}` });
      expect([name, (await rawRequest(s.port, req)).status]).toEqual([name, 200]);
    }
    expect((await handshakeStatus(s.url, { headers: { Host: 'mybox.lan' } })).status).toBe(101);
  });
});

describe('control limits', () => {
  const post = (s: Simulator, path: string, body: object) =>
    fetch(`${s.httpUrl}/api/${path}`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify(body) });

  it.each([
    [
      'sim/burst',
      { count: CONTROL_LIMITS.burstCount + 1 },
      /count must be a number above 0 and at most 100000/,
    ],
    ['sim/burst', { count: 1.5 }, /count must be an integer/],
    ['sim/burst', { count: -1 }, /count must be/],
    ['sim/burst', { count: '5' }, /count must be/],
    ['sim/oversized', { bytes: CONTROL_LIMITS.oversizedBytes + 1 }, /bytes must be .* at most 16777216/],
    ['sim/malformed', { count: 1e9 }, /count must be/],
    ['sim/crash', { seconds: 86_400 }, /seconds must be .* at most 600/],
    ['sim/stall', { seconds: 1e6 }, /seconds must be .* at most 3600/],
    ['sim/stall', { seconds: 0 }, /seconds must be/],
    ['topics', { name: 'big', partitions: 5000 }, /partitions must be .* at most 1000/],
  ])('POST /api/%s %j → 400', async (path, body, message) => {
    const s = await sim();
    let frames = 0;
    s.on('frame', () => frames++);
    const res = await post(s, path, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
    expect(s.up).toBe(true);
    expect(s.model.topic('big')).toBeUndefined();
    expect(frames).toBe(0);
  });

  it('caps the partitions of the whole cluster', async () => {
    const s = await sim({ size: 'empty' });
    for (let i = 0; i < CONTROL_LIMITS.totalPartitions / 1000; i++) {
      expect((await post(s, 'topics', { name: `t${i}`, partitions: 1000 })).status).toBe(201);
    }
    const res = await post(s, 'topics', { name: 'one.more', partitions: 1 });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'the cluster may hold at most 100000 partitions' });
  });

  it('accepts values at the limits', async () => {
    const s = await sim();
    expect((await post(s, 'sim/malformed', { count: CONTROL_LIMITS.malformedCount })).status).toBe(200);
    expect((await post(s, 'sim/stall', { seconds: CONTROL_LIMITS.stallSeconds })).status).toBe(200);
    expect((await post(s, 'sim/resume', {})).status).toBe(200);
  });
});
