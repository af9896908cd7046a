import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemo } from '../../scripts/demo-server.js';
import type { Demo } from '../../scripts/demo-server.js';
import type { Simulator } from '../../src/sim/index.js';
import { openBrowser } from './helpers/browser.js';
import type { BrowserSession } from './helpers/browser.js';
import { dashboard, waitForLive } from './helpers/dashboard.js';
import { linesBefore, markWhenShown, recordFrames } from './helpers/frames.js';
import { stopWatching, textsSeen, watchText } from './helpers/texts.js';

const INTERVAL_MS = 500;

/** Polls a value from the page until the matcher passes. */
const poll = <T>(read: () => T | Promise<T>, timeout = 20_000) =>
  expect.poll(read, { timeout, interval: 100 });

describe('npm start: the demo dashboard against the embedded simulator, in Chromium', () => {
  let demo: Demo;
  let sim: Simulator;
  let browser: BrowserSession;
  let page: Page;
  /** Close codes the simulator saw, per connection id. */
  const closes = new Map<number, number>();
  let latestConnection = 0;

  beforeAll(async () => {
    demo = await startDemo({
      simPort: 0,
      webPort: 0,
      intervalMs: INTERVAL_MS,
      logLevel: 'silent',
      hmr: false,
    });
    sim = demo.sim!;
    sim.on('connection', ({ connection }) => (latestConnection = connection));
    sim.on('disconnect', ({ connection, code }) => closes.set(connection, code));
    browser = await openBrowser();
    page = browser.page;
    await recordFrames(page);
    await page.goto(demo.url);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it('goes live and shows values that change from one tick to the next', async () => {
    const view = dashboard(page);
    await waitForLive(page);
    expect(sim.connections).toBe(1);
    // By default the demo plays the real Console: the rates the page draws come from offsets.
    expect(sim.instrumented).toBe(false);
    await view.controls.getByText(/^Real Console view/).waitFor();
    await poll(() => view.topicTable.locator('tbody tr.takhin-row').count()).toBe(6);
    await poll(() => page.locator('.takhin-area-throughput .takhin-line').count()).toBeGreaterThan(0);

    const first = await view.topicTable.locator('tbody').innerText();
    await poll(() => view.topicTable.locator('tbody').innerText()).not.toBe(first);
    await poll(() => view.health.locator('dd').first().innerText()).toBe('6');
    await browser.screenshot('01-live');
  });

  it('shows a topic created through REST in the event feed and in the topic table within one tick', async () => {
    const view = dashboard(page);
    const name = 'e2e.created';
    await markWhenShown(page, 'feed', '.takhin-events .takhin-name-text', name);
    await markWhenShown(page, 'table', '.takhin-topic-table tbody th', name);
    const response = await fetch(`${sim.httpUrl}/api/topics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, partitions: 3 }),
    });
    expect(response.status).toBe(201);

    await view.feedItem('Topic created', name).waitFor();
    await poll(() => view.feedItem('Topic created', name).innerText()).toContain('3 partitions');
    await view.topicRow(name).waitFor();
    await poll(() => view.topicCell(name, 'Partitions')).toBe('3');
    await poll(() => view.health.locator('dd').first().innerText()).toBe('7');

    // Counted in the page, as it received them: the feed showed the topic from its event,
    // and the table showed the topic on the first metrics message that listed it (or the one queued right
    // behind it while the page was busy), never after several.
    const listing = (line: { type?: string; data?: unknown }) =>
      line.type === 'metrics' &&
      (line.data as { topicStats: Array<{ name: string }> }).topicStats.some((t) => t.name === name);
    const beforeFeed = (await linesBefore(page, 'feed'))!;
    expect(beforeFeed.some((line) => line.type === 'topic_created')).toBe(true);
    const beforeTable = (await linesBefore(page, 'table'))!;
    expect(beforeTable.filter(listing).length).toBeGreaterThanOrEqual(1);
    expect(beforeTable.filter(listing).length).toBeLessThanOrEqual(2);
    await browser.screenshot('02-topic-created');
  });

  it('deletes a topic from the simulator controls', async () => {
    const view = dashboard(page);
    const name = 'e2e.created';
    await view.controls.getByLabel('Topic to delete').selectOption(name);
    await view.controls.getByRole('button', { name: 'Delete topic' }).click();
    await view.feedItem('Topic deleted', name).waitFor();
    await view.topicRow(name).waitFor({ state: 'detached' });
    expect(sim.model.topic(name)).toBeUndefined();
    await poll(() => view.controlsStatus.innerText()).toBe(`Deleted topic ${name}.`);
  });

  it('creates and deletes a topic silently from the controls: no event is sent, the table still follows', async () => {
    const view = dashboard(page);
    const name = 'e2e.silent';
    const events: string[] = [];
    const stop = sim.on('frame', ({ frame }) => {
      for (const line of frame.split('\n')) {
        const m = JSON.parse(line) as { type: string; data: { name?: string } };
        if (m.type.startsWith('topic_') && m.data.name === name) events.push(m.type);
      }
    });
    try {
      await view.controls.getByLabel(/as a Kafka client/).check();
      await view.controls.getByLabel('New topic name').fill(name);
      await view.controls.getByRole('button', { name: 'Create topic' }).click();
      await view.topicRow(name).waitFor();
      await view.controls.getByLabel('Topic to delete').selectOption(name);
      await view.controls.getByRole('button', { name: 'Delete topic' }).click();
      await view.topicRow(name).waitFor({ state: 'detached' });
      await view.controls.getByLabel(/as a Kafka client/).uncheck();
    } finally {
      stop();
    }
    expect(events).toEqual([]);
  });

  it('stalls a consumer group from the controls, and its lag keeps growing', async () => {
    const view = dashboard(page);
    const groupId = 'search-indexer';
    await view.controls.getByLabel('Consumer group').selectOption(groupId);
    await view.controls.getByRole('button', { name: 'Stall group' }).click();
    await poll(() => view.controlsStatus.innerText()).toContain(`${groupId} stopped consuming`);

    const lagCell = `.takhin-lag-table tbody tr[data-kind="group"]:has(th[title="${groupId}"]) td.takhin-lag`;
    await watchText(page, 'lag', lagCell);
    await poll(async () => (await textsSeen(page, 'lag')).length, 30_000).toBeGreaterThanOrEqual(5);
    await stopWatching(page, 'lag');
    const seen = (await textsSeen(page, 'lag')).map((text) => Number(text.replace(/[^\d]/g, '')));
    // The first two values may come from ticks made before the stall (one was in flight); after them a
    // consumer that reads nothing can only fall further behind.
    const stalled = seen.slice(2);
    for (let i = 1; i < stalled.length; i++) expect(stalled[i]).toBeGreaterThan(stalled[i - 1]);
    await poll(() => view.lagRow(groupId).locator('td[data-trend]').getAttribute('data-trend')).toBe(
      'growing',
    );
    await browser.screenshot('03-group-stalled');

    await view.controls.getByRole('button', { name: 'Resume group' }).click();
    await poll(() => view.controlsStatus.innerText()).toContain(`${groupId} consumes again`);
  });

  it('shows "reconnecting" with a countdown while the server is crashed, then goes live again without a reload', async () => {
    const view = dashboard(page);
    await waitForLive(page);
    await page.evaluate(() => ((window as unknown as { e2eMarker: string }).e2eMarker = 'same page'));
    const connectionsBefore = sim.totalConnections;
    const down = new Promise<void>((resolve) => {
      const stop = sim.on('down', () => (stop(), resolve()));
    });
    const up = new Promise<void>((resolve) => {
      const stop = sim.on('up', () => (stop(), resolve()));
    });
    await watchText(page, 'connection', '.takhin-dashboard .takhin-connection-label');
    await view.controls.getByRole('button', { name: /^Crash server for 10 s$/ }).click();
    await down;
    // Best effort for the picture (the assertion below reads the page's own record): catch a countdown.
    await view.connectionLabel
      .filter({ hasText: /^Reconnecting in ([2-9]|\d\d+) s$/ })
      .waitFor({ timeout: 9_000 })
      .catch(() => undefined);
    await browser.screenshot('04-reconnecting');
    await up;

    // Everything the label showed while the server was away, as the page rendered it: a countdown is an
    // "in N s" followed by a smaller N.
    const labels = await textsSeen(page, 'connection');
    await stopWatching(page, 'connection');
    const seconds = labels.map((label) => Number(/^Reconnecting in (\d+) s$/.exec(label)?.[1]));
    const countsDown = seconds.some((n, i) => i > 0 && n >= 1 && n < seconds[i - 1]);
    expect(countsDown, `labels seen: ${labels.join(' | ')}`).toBe(true);

    await waitForLive(page);
    expect(sim.totalConnections).toBeGreaterThan(connectionsBefore);
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe(
      'same page',
    );
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await view.topicRow('orders.events').waitFor();
    await browser.screenshot('05-back-live');
  });

  it('detects a server that stays connected but goes silent, and reconnects', async () => {
    const view = dashboard(page);
    await waitForLive(page);
    const silenced = latestConnection;
    await view.controls.getByRole('button', { name: /^Silence server for 10 s$/ }).click();
    await poll(() => view.controlsStatus.innerText()).toContain('Server silent');

    await poll(() => view.connection.getAttribute('data-state')).not.toBe('live');
    await poll(() => view.connectionDetail.innerText()).toContain('No message for');
    // The page closed the silent socket itself (4000), the server did not drop it.
    await poll(() => closes.get(silenced)).toBe(4000);
    await browser.screenshot('06-stale-detected');

    sim.resume();
    await waitForLive(page);
    expect(latestConnection).toBeGreaterThan(silenced);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await browser.screenshot('07-live-after-silence');
    expect(browser.pageErrors).toEqual([]);
  });
});
