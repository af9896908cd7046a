import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemo } from '../../scripts/demo-server.js';
import type { Demo } from '../../scripts/demo-server.js';
import { startSimulator } from '../../src/sim/index.js';
import type { Simulator } from '../../src/sim/index.js';
import { openBrowser } from './helpers/browser.js';
import type { BrowserSession } from './helpers/browser.js';
import { waitForLive } from './helpers/dashboard.js';
import { httpRequest, rawRequest, UPGRADE_HEADERS } from '../sim/raw-http.js';

const KEY = 'e2e-secret-5b0c1f9a7d';

/** Opens a WebSocket with the `ws` package and resolves with its first message, or the HTTP status it was refused with. */
function firstMessage(url: string): Promise<{ message?: string; status?: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('message', (data) => {
      socket.terminate();
      resolve({ message: data.toString() });
    });
    socket.once('unexpected-response', (_request, response) => {
      socket.terminate();
      resolve({ status: response.statusCode });
    });
    socket.once('error', reject);
  });
}

describe('npm start against a real server that needs an API key (TAKHIN_URL + TAKHIN_API_KEY)', () => {
  let sim: Simulator;
  let demo: Demo;
  let browser: BrowserSession;
  const upgradeUrls: string[] = [];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, auth: { apiKey: KEY }, intervalMs: 500 });
    sim.on('connection', ({ url }) => upgradeUrls.push(url));
    demo = await startDemo({ url: sim.url, apiKey: KEY, webPort: 0, logLevel: 'silent', hmr: false });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await sim?.close();
  });

  it('starts no simulator and tells the page only the same-origin proxy path', async () => {
    expect(demo.sim).toBeNull();
    const served = await (await fetch(new URL('demo-config.json', demo.url))).text();
    expect(JSON.parse(served)).toEqual({
      url: '/api/monitoring/ws',
      dialect: 'takhin',
      source: 'proxy',
      simulator: null,
    });
    expect(served).not.toContain(KEY);
  });

  it('adds the key to REST calls and to the WebSocket upgrade on the way to the server', async () => {
    expect((await fetch(`${sim.httpUrl}/api/monitoring/metrics`)).status).toBe(401);
    const proxied = await fetch(new URL('api/monitoring/metrics', demo.url));
    expect(proxied.status).toBe(200);
    expect(await proxied.json()).toHaveProperty('topicStats');

    expect(await firstMessage(sim.url)).toEqual({ status: 401 });
    const wsThroughProxy = new URL('api/monitoring/ws', demo.url.replace(/^http/, 'ws')).toString();
    const { message } = await firstMessage(wsThroughProxy);
    expect(JSON.parse(message!.split('\n')[0])).toMatchObject({ type: 'metrics' });
  });

  it('goes live in the browser through the proxy, and the key is nowhere the browser can see', async () => {
    const { page } = browser;
    const bodies: Array<Promise<string>> = [];
    const requestHeaders: string[] = [];
    page.on('request', (request) => requestHeaders.push(JSON.stringify(request.headers())));
    page.on('response', (response) => bodies.push(response.text().catch(() => '')));
    const socketUrls: string[] = [];
    page.on('websocket', (socket) => socketUrls.push(socket.url()));
    const connectionsBefore = sim.totalConnections;

    await page.goto(demo.url);
    await waitForLive(page);
    expect(sim.totalConnections).toBeGreaterThan(connectionsBefore);
    expect(socketUrls).toContain(new URL('api/monitoring/ws', demo.url.replace(/^http/, 'ws')).toString());
    expect(upgradeUrls.at(-1)).toBe('/api/monitoring/ws');
    // "Live" is in the urgent render of a tick; the tables take it in the render after that frame.
    await page.locator('.takhin-topic-table tbody tr.takhin-row').first().waitFor();
    await browser.screenshot('08-through-proxy');

    const seen = [
      ...(await Promise.all(bodies)),
      ...requestHeaders,
      ...socketUrls,
      ...browser.console,
      await page.content(),
      await page.evaluate(() => JSON.stringify({ ...localStorage }) + document.cookie),
    ];
    expect(seen.length).toBeGreaterThan(5);
    for (const text of seen) expect(text).not.toContain(KEY);
  });

  it('forwards only the GET and the WebSocket the page uses, only for its own host and origin (403 otherwise)', async () => {
    const port = Number(new URL(demo.url).port);
    const own = { Host: `127.0.0.1:${port}` };
    const json = { ...own, 'Content-Type': 'application/json' };
    const connectionsBefore = sim.totalConnections;
    const topicsBefore = sim.model.topics.length;
    const refused = [
      httpRequest('POST', '/api/topics', json, '{"name":"via.proxy","partitions":1}'),
      httpRequest('DELETE', `/api/topics/${sim.model.topics[0].name}`, own),
      httpRequest('POST', '/api/sim/crash', json, '{"seconds":1}'),
      httpRequest('GET', '/api/sim/status', own),
      httpRequest('GET', '/api/consumer-groups', own),
      httpRequest('GET', '/api/monitoring/../sim/status', own),
      httpRequest('GET', '/api/monitoring/metrics', { ...own, Origin: 'https://evil.test' }),
      httpRequest('GET', '/api/monitoring/metrics', { ...own, Origin: `http://127.0.0.1:${port + 1}` }),
      httpRequest('GET', '/api/monitoring/metrics', { ...own, 'Sec-Fetch-Site': 'cross-site' }),
      httpRequest('GET', '/api/monitoring/metrics', { Host: `rebound.test:${port}` }),
      httpRequest('GET', '/api/monitoring/ws', { ...own, ...UPGRADE_HEADERS, Origin: 'https://evil.test' }),
      httpRequest('GET', '/api/monitoring/ws', { ...UPGRADE_HEADERS, Host: `rebound.test:${port}` }),
      httpRequest('GET', '/api/monitoring/ws', {
        ...UPGRADE_HEADERS,
        Host: `rebound.test:${port}`,
        Origin: `http://rebound.test:${port}`,
      }),
      httpRequest('GET', '/api/sim/ws', { ...own, ...UPGRADE_HEADERS }),
    ];
    for (const request of refused) {
      const answer = await rawRequest(port, request);
      expect([request.split('\r\n')[0], answer.status]).toEqual([request.split('\r\n')[0], 403]);
      // Vite refuses a foreign Host on plain requests itself; either way the proxy answered, not the server.
      expect(answer.text).toMatch(
        /"error":"(not the demo page|the demo proxy forwards only)|Blocked request/,
      );
    }
    expect(sim.totalConnections).toBe(connectionsBefore);
    expect(sim.model.topics.length).toBe(topicsBefore);
    expect(sim.up).toBe(true);

    const page = `http://127.0.0.1:${port}`;
    const allowed = await fetch(new URL('api/monitoring/metrics', demo.url), {
      headers: { Origin: page, 'Sec-Fetch-Site': 'same-origin' },
    });
    expect(allowed.status).toBe(200);
    const localhost = httpRequest('GET', '/api/monitoring/ws', {
      ...UPGRADE_HEADERS,
      Host: `localhost:${port}`,
      Origin: `http://localhost:${port}`,
    });
    expect((await rawRequest(port, localhost)).status).toBe(101);
  });

  it('answers 400 to request targets it cannot parse and keeps serving', async () => {
    const port = Number(new URL(demo.url).port);
    const own = { Host: `127.0.0.1:${port}` };
    for (const target of ['http://[', 'http://[::1', '@[', '*', 'http://x/api/monitoring/metrics']) {
      expect([target, (await rawRequest(port, httpRequest('GET', target, own))).status]).toEqual([
        target,
        400,
      ]);
      const upgrade = httpRequest('GET', target, { ...own, ...UPGRADE_HEADERS });
      expect([target, (await rawRequest(port, upgrade)).status]).toEqual([target, 400]);
    }
    expect((await fetch(new URL('api/monitoring/metrics', demo.url))).status).toBe(200);
  });

  it('refuses through the proxy when the key is wrong', async () => {
    const wrong = await startDemo({
      url: sim.url,
      apiKey: 'not-the-key',
      webPort: 0,
      logLevel: 'silent',
      hmr: false,
    });
    try {
      expect((await fetch(new URL('api/monitoring/metrics', wrong.url))).status).toBe(401);
      const ws = new URL('api/monitoring/ws', wrong.url.replace(/^http/, 'ws')).toString();
      expect(await firstMessage(ws)).toEqual({ status: 401 });
    } finally {
      await wrong.close();
    }
  });

  it('without a key, the page connects to the server directly', async () => {
    const open = await startSimulator({ port: 0, intervalMs: 500 });
    const direct = await startDemo({
      url: open.url,
      webPort: 0,
      logLevel: 'silent',
      hmr: false,
      dialect: 'spec',
    });
    try {
      expect(direct.pageConfig).toEqual({
        url: open.url,
        dialect: 'spec',
        source: 'server',
        simulator: null,
      });
      await browser.page.goto(direct.url);
      await waitForLive(browser.page);
      expect(open.connections).toBe(1);
      await expect
        .poll(() => browser.page.locator('.demo-source').innerText(), { timeout: 20_000 })
        .toBe('Takhin server, spec dialect');
      expect(await browser.page.getByRole('region', { name: 'Simulator controls' }).count()).toBe(0);
    } finally {
      await browser.page.goto('about:blank');
      await direct.close();
      await open.close();
    }
  });
});
