import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../chromium.js';

/** What the browser should see once the server-rendered page is hydrated and connected. */
export interface HydrationExpectation {
  /** Full HTML document, as the server sends it. */
  page: string;
  /** The client build's output folder; its `assets/` are served under `/assets/`. */
  distDir: string;
  /** Any of these (topic names of the simulated cluster) must show up once metrics arrive. */
  topicNames: string[];
  /** How many sockets the simulator accepted so far; read after the page is live. */
  connections: () => number;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** Serves the page at `/` and the assets under `/assets/` on 127.0.0.1 (a free port). */
async function serve(page: string, distDir: string) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      return;
    }
    const file = normalize(path).replace(/^[/\\]+/, '');
    if (!file.startsWith('assets/')) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(distDir, file)).then(
      (body) =>
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Opens the server-rendered page in Chromium and checks that hydration kept the server's DOM, reported
 * no mismatch and logged no error, and that the client then connected (exactly one socket) and rendered
 * live metrics. Returns the problems found (none when all is well) and what it saw.
 */
export async function checkHydration(
  expect: HydrationExpectation,
): Promise<{ problems: string[]; seen: string[] }> {
  const problems: string[] = [];
  const seen: string[] = [];
  const server = await serve(expect.page, expect.distDir);
  const profile = await mkdtemp(join(tmpdir(), 'takhin-ssr-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const logged: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
      });
      page.on('pageerror', (error) => logged.push(`uncaught: ${error.message}`));
      await page.goto(server.url);
      await page.waitForFunction(
        () => (window as { __takhinHydration?: { hydrated: boolean } }).__takhinHydration?.hydrated,
        null,
        {
          timeout: 15_000,
        },
      );
      const status = page.locator('.takhin-connection[data-status="open"]');
      await status.waitFor({ timeout: 20_000 });
      seen.push(`connection: ${(await status.textContent()) ?? ''}`);
      const shown = await page.waitForFunction(
        (names) => names.find((name) => document.body.innerText.includes(name)) ?? false,
        expect.topicNames,
        { timeout: 20_000 },
      );
      seen.push(`topic on screen: ${String(await shown.jsonValue())}`);
      const report = await page.evaluate(() => {
        const w = window as { __takhinHydration?: { errors: string[] }; __ssrNode?: Element | null };
        return {
          errors: w.__takhinHydration?.errors ?? [],
          sameNode:
            Boolean(w.__ssrNode) && w.__ssrNode === document.getElementById('root')?.firstElementChild,
          dashboardState: document.querySelector('.takhin-dashboard')?.getAttribute('data-state') ?? null,
        };
      });
      seen.push(`dashboard state: ${report.dashboardState}`);
      if (!report.sameNode)
        problems.push('hydration replaced the server-rendered DOM instead of adopting it');
      for (const error of report.errors) problems.push(`recoverable hydration error: ${error}`);
      for (const message of logged) problems.push(`browser console: ${message}`);
      const sockets = expect.connections();
      seen.push(`sockets opened: ${sockets}`);
      if (sockets !== 1) problems.push(`the page opened ${sockets} sockets, expected exactly 1`);
    } finally {
      await context.close();
    }
  } catch (error) {
    problems.push(`hydration check failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
  return { problems, seen };
}
