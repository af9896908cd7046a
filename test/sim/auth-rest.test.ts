import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/index.js';
import type { Simulator, SimulatorOptions } from '../../src/sim/index.js';
import { validateMetricsStrict } from './validate.js';
import { connect, handshakeStatus, waitFor } from './helpers.js';
import type { TestClient } from './helpers.js';

const JSON_TYPE = { 'Content-Type': 'application/json' };
const sims: Simulator[] = [];
const clients: TestClient[] = [];

async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ intervalMs: 10_000, ...options });
  sims.push(s);
  return s;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

describe('authentication', () => {
  it('answers 401 with the real server’s JSON when the header is missing or wrong', async () => {
    const s = await sim({ auth: { apiKey: 's3cret' } });
    expect(await handshakeStatus(s.url)).toEqual({
      status: 401,
      body: '{"error":"missing authorization header"}',
    });
    expect(await handshakeStatus(s.url, { headers: { Authorization: 'nope' } })).toEqual({
      status: 401,
      body: '{"error":"invalid API key"}',
    });
    expect((await handshakeStatus(s.url, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('accepts `KEY` and `Bearer KEY`', async () => {
    const s = await sim({ auth: { apiKey: 's3cret' } });
    expect((await handshakeStatus(s.url, { headers: { Authorization: 's3cret' } })).status).toBe(101);
    expect((await handshakeStatus(s.url, { headers: { Authorization: 'Bearer s3cret' } })).status).toBe(101);
  });

  it('ignores ?token= unless acceptQueryToken is set', async () => {
    const strict = await sim({ auth: { apiKey: 'k' } });
    expect((await handshakeStatus(`${strict.url}?token=k`)).status).toBe(401);
    const lenient = await sim({ auth: { apiKey: 'k', acceptQueryToken: true } });
    const topLevel = await sim({ auth: { apiKey: 'k' }, acceptQueryToken: true });
    expect((await handshakeStatus(`${topLevel.url}?token=k`)).status).toBe(101);
    expect((await handshakeStatus(`${lenient.url}?token=k`)).status).toBe(101);
    expect(await handshakeStatus(`${lenient.url}?token=bad`)).toEqual({
      status: 401,
      body: '{"error":"invalid API key"}',
    });
  });

  it('guards the REST routes too, but not CORS preflight', async () => {
    const s = await sim({ auth: { apiKey: 'k' } });
    const denied = await fetch(`${s.httpUrl}/api/monitoring/metrics`);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: 'missing authorization header' });
    expect(
      (await fetch(`${s.httpUrl}/api/monitoring/metrics`, { headers: { Authorization: 'Bearer k' } })).status,
    ).toBe(200);
    expect((await fetch(`${s.httpUrl}/api/topics`, { method: 'OPTIONS' })).status).toBe(204);
  });
});

describe('REST', () => {
  it('serves the bare metrics object in the chosen dialect', async () => {
    for (const dialect of ['takhin', 'spec'] as const) {
      const s = await sim({ dialect });
      const res = await fetch(`${s.httpUrl}/api/monitoring/metrics`);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const body: unknown = await res.json();
      expect(validateMetricsStrict(body, dialect)).toEqual([]);
    }
  });

  it('creates and deletes topics and broadcasts topic_created / topic_deleted', async () => {
    const s = await sim();
    const a = await connect(s.url);
    const b = await connect(s.url);
    clients.push(a, b);
    const created = await fetch(`${s.httpUrl}/api/topics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'audit.trail', partitions: 6 }),
    });
    expect(created.status).toBe(201);
    expect(
      (
        await fetch(`${s.httpUrl}/api/topics`, {
          method: 'POST',
          headers: JSON_TYPE,
          body: '{"name":"audit.trail","partitions":6}',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await fetch(`${s.httpUrl}/api/topics`, {
          method: 'POST',
          headers: JSON_TYPE,
          body: '{"name":"bad name"}',
        })
      ).status,
    ).toBe(400);
    expect(
      (await fetch(`${s.httpUrl}/api/topics`, { method: 'POST', headers: JSON_TYPE, body: 'nope' })).status,
    ).toBe(400);
    const topics = (await (await fetch(`${s.httpUrl}/api/topics`)).json()) as {
      name: string;
      partitions: number;
    }[];
    expect(topics).toContainEqual(expect.objectContaining({ name: 'audit.trail', partitions: 6 }));

    expect((await fetch(`${s.httpUrl}/api/topics/audit.trail`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${s.httpUrl}/api/topics/audit.trail`, { method: 'DELETE' })).status).toBe(404);
    for (const c of [a, b]) {
      await c.until(() => c.messages.length === 2);
      expect(c.messages.map((m) => [m.type, m.data])).toEqual([
        ['topic_created', { name: 'audit.trail', partitions: 6 }],
        ['topic_deleted', { name: 'audit.trail' }],
      ]);
    }
  });

  it('lists consumer groups', async () => {
    const s = await sim();
    const groups = (await (await fetch(`${s.httpUrl}/api/consumer-groups`)).json()) as {
      groupId: string;
      state: string;
    }[];
    expect(groups.map((g) => g.groupId)).toEqual(s.model.groups.map((g) => g.groupId));
    // Exactly what the real Console answers: the state and member count the socket never sends.
    expect(groups[0]).toEqual({
      groupId: s.model.groups[0].groupId,
      state: 'Stable',
      members: expect.any(Number),
    });
  });

  it('exposes the demo control API with CORS', async () => {
    const s = await sim();
    const post = (path: string, body: object = {}) =>
      fetch(`${s.httpUrl}/api/sim/${path}`, {
        method: 'POST',
        headers: JSON_TYPE,
        body: JSON.stringify(body),
      });
    const preflight = await fetch(`${s.httpUrl}/api/sim/crash`, { method: 'OPTIONS' });
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');

    const staller = s.model.groups[0].groupId;
    expect((await post('stall-group', { groupId: staller })).status).toBe(200);
    expect(s.model.group(staller)?.stalled).toBe(true);
    expect((await post('resume-group', { groupId: staller })).status).toBe(200);
    expect((await post('stall-group', { groupId: 'ghost' })).status).toBe(404);
    expect((await post('stall', { seconds: 1 })).status).toBe(200);
    expect((await post('resume')).status).toBe(200);
    expect((await post('burst', { count: 10 })).status).toBe(202);
    expect((await post('nope')).status).toBe(404);
    expect((await fetch(`${s.httpUrl}/api/sim/crash`)).status).toBe(405);
    const status = (await (await fetch(`${s.httpUrl}/api/sim/status`)).json()) as { up: boolean };
    expect(status.up).toBe(true);

    const up = new Promise<void>((resolve) => s.on('up', () => resolve()));
    expect((await post('crash', { seconds: 0.3 })).status).toBe(202);
    await waitFor(() => !s.up, 2000, 'the crash');
    await expect(fetch(`${s.httpUrl}/api/sim/status`)).rejects.toThrow();
    await up;
    expect((await fetch(`${s.httpUrl}/api/sim/status`)).status).toBe(200);
  });
});
