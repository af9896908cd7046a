import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSimulator } from '../../src/sim/index.js';
import type { Simulator } from '../../src/sim/index.js';
import { openBrowser } from './helpers/browser.js';
import type { BrowserSession } from './helpers/browser.js';
import type { Probe } from './tabs/page.js';

/** Long enough that a restored history visibly comes before the first tick of a reloaded page. */
const INTERVAL_MS = 1500;

const poll = <T>(read: () => T | Promise<T>, timeout = 20_000) =>
  expect.poll(read, { timeout, interval: 50 });

/** Bundles the probe page once and serves it (and nothing else) on 127.0.0.1. */
async function servePage(): Promise<{ server: Server; origin: string }> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./tabs/page.tsx', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  const script = result.outputFiles[0].text;
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>tabs</title></head>' +
    '<body><div id="root"></div><script type="module" src="/page.js"></script></body></html>';
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/page.js') {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    } else if (path === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const probe = (page: Page) => page.evaluate(() => window.__probe ?? null) as Promise<Probe | null>;

describe('shareAcrossTabs and persistHistory in real Chromium: pages of one browser context', () => {
  let sim: Simulator;
  let browser: BrowserSession;
  let served: { server: Server; origin: string };
  const address = (query: Record<string, string>) =>
    `${served.origin}/?${new URLSearchParams({ ws: sim.url, ...query }).toString()}`;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, host: '127.0.0.1', intervalMs: INTERVAL_MS });
    served = await servePage();
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => served?.server.close(resolve));
    await sim?.close();
  });

  it('two tabs share one socket; both subscriptions reach the server; the follower says so', async () => {
    const first = browser.page;
    await first.goto(address({ share: '1', channel: 'topic:first' }));
    await poll(async () => (await probe(first))?.status).toBe('open');
    expect((await probe(first))!.leader).toBe(true);

    const second = await browser.context.newPage();
    await second.goto(address({ share: '1', channel: 'topic:second' }));
    await poll(async () => (await probe(second))?.leader).toBe(false);
    await poll(async () => (await probe(second))?.status).toBe('open');
    await second.getByText('open · following another tab').waitFor();
    // The follower gets the leader's ticks without a socket of its own.
    await poll(async () => (await probe(second))?.history ?? 0).toBeGreaterThan(1);
    expect(sim.connections).toBe(1);
    expect(sim.totalConnections).toBe(1);

    const subscribed = () =>
      sim.received.filter((m) => m.type === 'subscribe').map((m) => `${m.connection}:${String(m.data)}`);
    await poll(subscribed).toEqual(expect.arrayContaining(['1:topic:first', '1:topic:second']));
    expect(browser.pageErrors).toEqual([]);

    // The leading tab closes: the other one takes the socket over within 3 s, and there is still one.
    const closedAt = Date.now();
    await first.close();
    await poll(async () => {
      const seen = await probe(second);
      return seen?.leader === true && seen.status === 'open';
    }, 3_000).toBe(true);
    expect(Date.now() - closedAt).toBeLessThan(3_000);
    await poll(() => sim.connections).toBe(1);
    expect(sim.totalConnections).toBe(2);
    // The new leader subscribed again on its own socket.
    await poll(subscribed).toContain('2:topic:second');
    // Data keeps coming through the new socket.
    const before = (await probe(second))!.history;
    await poll(async () => (await probe(second))!.history).toBeGreaterThan(before);
    await second.close();
    await poll(() => sim.connections).toBe(0);
  });

  it('a leading tab that hangs is replaced within 3 s; it follows once it runs again', async () => {
    const first = await browser.context.newPage();
    await first.goto(address({ share: '1' }));
    await poll(async () => (await probe(first))?.status).toBe('open');
    const second = await browser.context.newPage();
    await second.goto(address({ share: '1' }));
    await poll(async () => (await probe(second))?.leader).toBe(false);
    const before = sim.totalConnections;

    // A paused debugger stops the leader's main thread as a frozen or hung tab is stopped: no
    // heartbeat, no data, and no chance to hand the lead over.
    const cdp = await browser.context.newCDPSession(first);
    await cdp.send('Debugger.enable');
    const hungAt = Date.now();
    await cdp.send('Debugger.pause');
    await poll(async () => {
      const seen = await probe(second);
      return seen?.leader === true && seen.status === 'open';
    }, 3_000).toBe(true);
    expect(Date.now() - hungAt).toBeLessThan(3_000);
    expect(sim.totalConnections).toBe(before + 1);

    // Running again, the old leader finds its lock taken, follows, and closes its socket.
    await cdp.send('Debugger.resume');
    await poll(async () => (await probe(first))?.leader).toBe(false);
    await poll(() => sim.connections).toBe(1);
    await poll(async () => (await probe(first))?.status).toBe('open');
    await first.close();
    await second.close();
    await poll(() => sim.connections).toBe(0);
  });

  it('after a reload with persistHistory, useMetricsHistory() is non-empty before the first new tick', async () => {
    const page = await browser.context.newPage();
    await page.goto(address({ persist: '1' }));
    await poll(async () => (await probe(page))?.history ?? 0, 20_000).toBeGreaterThanOrEqual(3);
    const kept = (await probe(page))!.history;

    await page.reload();
    await poll(async () => (await probe(page))?.firstHistory ?? null).not.toBeNull();
    const { firstHistory } = (await probe(page))!;
    expect(firstHistory!.metricsArrived).toBe(false);
    // What the page had (written on pagehide), then a gap for the time it was away.
    expect(firstHistory!.history).toBeGreaterThanOrEqual(kept + 1);
    expect(firstHistory!.gaps).toBe(1);
    // Then live ticks are appended after the gap.
    await poll(async () => (await probe(page))!.hasMetrics).toBe(true);
    await poll(async () => (await probe(page))!.history).toBeGreaterThan(firstHistory!.history);
    expect((await probe(page))!.errors).toEqual([]);

    // No token, no query: the key is the address's origin and path.
    const keys = await page.evaluate(() => Object.keys(sessionStorage));
    expect(keys).toEqual([`takhin-react:history:${sim.url}`]);
    await page.close();
  });

  it('ignores corrupt stored history with a warning, and goes on live', async () => {
    const page = await browser.context.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(address({ persist: '1' }));
    await poll(async () => (await probe(page))?.status).toBe('open');
    await page.evaluate((key) => {
      // Written after the page's own pagehide write could overwrite it: the next load reads this.
      addEventListener('pagehide', () =>
        sessionStorage.setItem(key, '{"format":"takhin-react/history","vers'),
      );
    }, `takhin-react:history:${sim.url}`);
    await page.reload();
    await poll(async () => (await probe(page))?.errors ?? []).toEqual([
      'history_ignored: ignored the stored history (not JSON).',
    ]);
    expect(warnings).toContain('takhin-react: ignored the stored history (not JSON).');
    const now = (await probe(page))!;
    expect(now.history === 0 || now.hasMetrics).toBe(true);
    await poll(async () => (await probe(page))!.history).toBeGreaterThan(0);
    expect(browser.pageErrors).toEqual([]);
    await page.close();
  });
});
