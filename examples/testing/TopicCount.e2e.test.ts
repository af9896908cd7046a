/**
 * Recipe: an end-to-end test of your app in a real Chromium (playwright-core driving the system's
 * browser, nothing downloaded) against the simulated Takhin server. `startSimulator` is the server
 * behind the `takhin-sim` command; a test can also run `npx takhin-sim --port 8080` beside its app.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from 'takhin-react/sim';

/** Debian's Chromium; point CHROMIUM_PATH elsewhere if yours lives elsewhere. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let sim: Simulator;
let app: ViteDevServer;
let browser: BrowserContext;
let profile: string;

beforeAll(async () => {
  sim = await startSimulator({ host: '127.0.0.1', port: 0, size: 'small', seed: 1, intervalMs: 200 });
  // Your app's dev server (or a preview of its build), on a free port of 127.0.0.1.
  app = await createServer({
    configFile: fileURLToPath(new URL('./app/vite.config.ts', import.meta.url)),
    server: { host: '127.0.0.1', port: 0 },
    logLevel: 'error',
  });
  await app.listen();
  profile = await mkdtemp(join(tmpdir(), 'recipe-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    // Keeps the browser local and quiet: no sandbox (containers), no network beyond 127.0.0.1.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await sim?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

it('shows the live topic count and follows a topic created on the server', async () => {
  const page = browser.pages()[0] ?? (await browser.newPage());
  const address = app.resolvedUrls?.local[0];
  await page.goto(`${address}?ws=${encodeURIComponent(sim.url)}`);

  await page.getByText('6 topics').waitFor();
  expect(await page.getByTestId('status').textContent()).toBe('open');

  sim.model.createTopic('orders-archive', 3); // broadcast as topic_created, counted from the next tick
  await page.getByText('7 topics').waitFor();
});
