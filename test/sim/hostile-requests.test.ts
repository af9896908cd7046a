import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/index.js';
import type { Simulator } from '../../src/sim/index.js';
import { httpRequest, rawRequest, UPGRADE_HEADERS } from './raw-http.js';

let sim: Simulator;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  sim = await startSimulator({ intervalMs: 60_000, auth: { apiKey: 'k', acceptQueryToken: true } });
});

afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await sim.close();
});

/** Request targets a browser or a script can put on the request line. */
const HOSTILE_TARGETS = [
  '//',
  '//x',
  '///api/monitoring/metrics',
  'http://[',
  'http://[::1',
  'http://a/api/monitoring/metrics',
  'HTTP://127.0.0.1:1/api/monitoring/ws',
  'ws://x/api/monitoring/ws',
  '/%',
  '/api/topics/%E0%A4%A',
  '/api/monitoring/ws?token=%',
  '/api/monitoring/metrics?token=%zz',
  '*',
  '@[',
  '\\\\',
  'http:',
  'http://',
  'https://u:p@[::1]:99999/',
  '/api/../../etc',
  '/api/sim/%2e%2e/crash',
];

const segment = fc.stringMatching(/^[a-zA-Z0-9%@[\]:.\\/?#=&~!$'()*+,;-]{0,12}$/);
const target = fc.oneof(
  fc.constantFrom(...HOSTILE_TARGETS),
  fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
  fc.tuple(fc.constantFrom('http://', 'https://', '//', ''), segment, segment).map((p) => p.join('')),
  fc.string({ maxLength: 20 }).filter((s) => !/[\s]/.test(s) && s !== ''),
);
const method = fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'OPTIONS', 'HEAD', 'PATCH', 'CONNECT', 'BREW');
const hostHeader = fc.option(
  fc.constantFrom(
    '127.0.0.1',
    'localhost:1',
    '[::1]:8080',
    'evil.test',
    '[',
    'a b',
    ':',
    '',
    'x'.repeat(300),
  ),
  { nil: undefined },
);
const originHeader = fc.option(
  fc.constantFrom('http://localhost:5173', 'null', 'http://evil.test', 'http://[', '', 'http://127.0.0.1:1'),
  { nil: undefined },
);
const typeHeader = fc.option(fc.constantFrom('application/json', 'text/plain', 'application/json; x', ''), {
  nil: undefined,
});
const body = fc.constantFrom('', '{}', '{"count":5}', 'nope', '{"seconds":1e999}', '[1]');

describe('the simulator under hostile HTTP requests', () => {
  it('answers every generated request (target, method, headers, upgrade or not) and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ target, method, host: hostHeader, origin: originHeader, type: typeHeader, body }),
        fc.boolean(),
        async (r, upgrade) => {
          const headers: Record<string, string> = {};
          if (r.host !== undefined) headers.Host = r.host;
          if (r.origin !== undefined) headers.Origin = r.origin;
          if (r.type !== undefined) headers['Content-Type'] = r.type;
          if (upgrade) Object.assign(headers, UPGRADE_HEADERS);
          // Never let a generated request really crash or stall the simulator under test.
          headers.Authorization = 'wrong';
          await rawRequest(sim.port, httpRequest(r.method, r.target, headers, r.body));
          const check = await fetch(`${sim.httpUrl}/api/monitoring/metrics`, {
            headers: { Authorization: 'k' },
          });
          expect(check.status).toBe(200);
          await check.arrayBuffer();
          expect(uncaught).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(['http://[', 'http://', '*', '@[', 'ws://x/api/monitoring/ws'])(
    'answers 400 to the target %s, on HTTP and on upgrade',
    async (t) => {
      const host = { Host: `127.0.0.1:${sim.port}` };
      expect((await rawRequest(sim.port, httpRequest('GET', t, host))).status).toBe(400);
      expect(
        (await rawRequest(sim.port, httpRequest('GET', t, { ...host, ...UPGRADE_HEADERS }))).status,
      ).toBe(400);
      expect(uncaught).toEqual([]);
    },
  );

  it('serves an absolute-form target by its path, and an odd but parseable one normally', async () => {
    const host = { Host: `127.0.0.1:${sim.port}`, Authorization: 'k' };
    const absolute = await rawRequest(sim.port, httpRequest('GET', 'http://x/api/monitoring/metrics', host));
    expect(absolute.status).toBe(200);
    expect((await rawRequest(sim.port, httpRequest('GET', '/%', host))).status).toBe(404);
    // `//` is a path (empty segments), not a host as `new URL('//', base)` would read it.
    expect((await rawRequest(sim.port, httpRequest('GET', '//', host))).status).toBe(404);
    const token = await rawRequest(sim.port, httpRequest('GET', '//?token=%', { Host: host.Host }));
    expect(token.status).toBe(401);
    const upgrade = await rawRequest(sim.port, httpRequest('GET', '//', { ...host, ...UPGRADE_HEADERS }));
    expect(upgrade.status).toBe(404);
  });
});
