/**
 * Screenshots of the consumer lag chart and the row trends (lag table with sparklines and time behind)
 * for the README: serves `storybook-static/` (run `npm run build-storybook` first) on 127.0.0.1 and
 * drives the system Chromium, like scripts/screenshots.ts.
 *
 *   tsx scripts/lag-screenshots.ts [outDir=docs]
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/chromium.js';

const root = resolve('storybook-static');
const outDir = resolve(process.argv[2] ?? 'docs');
const SHOTS = [
  {
    story: 'components-consumerlagchart--live',
    file: 'lag-chart.png',
    ready: '.takhin-lag-chart .recharts-line',
    settleMs: 12_000,
  },
  {
    story: 'components-consumerlagtable--row-trends-and-time-behind',
    file: 'lag-row-trends.png',
    ready: '.takhin-lag-table svg.takhin-sparkline path',
    settleMs: 500,
  },
];
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const server = createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
  const file = normalize(join(root, path === '/' ? 'index.html' : path));
  const info = file.startsWith(root + sep) ? await stat(file).catch(() => null) : null;
  if (!info?.isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const port = (server.address() as AddressInfo).port;
const profile = await mkdtemp(join(tmpdir(), 'takhin-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  args: chromiumArgs,
  headless: true,
  viewport: { width: 1100, height: 600 },
  deviceScaleFactor: 1,
});
try {
  for (const shot of SHOTS) {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${shot.story}&viewMode=story`);
    await page.waitForSelector(shot.ready, { timeout: 30_000 });
    await page.waitForTimeout(shot.settleMs);
    const file = join(outDir, shot.file);
    await page.locator('.takhin-panel').first().screenshot({ path: file });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await context.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
