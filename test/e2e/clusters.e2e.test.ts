import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemo } from '../../scripts/demo-server.js';
import type { Demo } from '../../scripts/demo-server.js';
import { openBrowser } from './helpers/browser.js';
import type { BrowserSession } from './helpers/browser.js';

const poll = <T>(read: () => T | Promise<T>, timeout = 20_000) =>
  expect.poll(read, { timeout, interval: 100 });

describe('npm start -- --clusters 3: the cluster overview of the demo, in Chromium', () => {
  let demo: Demo;
  let browser: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    demo = await startDemo({
      clusters: 3,
      simPort: 0,
      webPort: 0,
      intervalMs: 500,
      logLevel: 'silent',
      hmr: false,
    });
    browser = await openBrowser();
    page = browser.page;
    await page.goto(demo.url);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  const card = (name: string) => page.getByRole('listitem', { name });
  const states = () =>
    page
      .locator('.takhin-cluster-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-state')));

  it('shows one live card per simulated cluster, each on its own simulator', async () => {
    expect(demo.sims).toHaveLength(3);
    expect(new Set(demo.sims.map((sim) => sim.port)).size).toBe(3);
    await poll(states).toEqual(['live', 'live', 'live']);
    await poll(() => card('production').locator('dd').first().innerText()).toMatch(/^\d+$/);
    // The sparkline needs two samples; the number shows from the first.
    await poll(() => card('staging').locator('.takhin-cluster-card-spark path').count()).toBe(1);
    // The production card and the Dashboard below it share one socket (shareAcrossTabs).
    await page.locator('.takhin-topic-table tbody tr').first().waitFor();
    await poll(() => demo.sims.map((sim) => sim.connections)).toEqual([1, 1, 1]);
    await browser.screenshot('clusters-01-overview');
  });

  it('shows the Dashboard of the cluster chosen in the overview', async () => {
    await card('staging').getByRole('button', { name: 'staging' }).click();
    await page.locator('.demo-cluster-title', { hasText: 'staging' }).waitFor();
    await page.locator('.takhin-topic-table tbody tr').first().waitFor();
    await poll(() => demo.sims.map((sim) => sim.connections)).toEqual([1, 1, 1]);
    expect(browser.pageErrors).toEqual([]);
  });
});
