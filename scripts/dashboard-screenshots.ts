/**
 * Screenshots of the whole Dashboard for the README at the widths an on-call engineer meets: wide
 * (1400 px), narrow (680 px), a phone (390 px) and dark. Serves a built Storybook (run
 * `npm run build-storybook` first) on 127.0.0.1 and drives the system Chromium, like
 * scripts/lag-screenshots.ts. `prefix` names the files (e.g. `before-` for a build of an older commit).
 *
 *   tsx scripts/dashboard-screenshots.ts [outDir=docs] [storybookDir=storybook-static] [prefix=]
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/chromium.js';

const outDir = resolve(process.argv[2] ?? 'docs');
const root = resolve(process.argv[3] ?? 'storybook-static');
const prefix = process.argv[4] ?? '';
const SHOTS = [
  { story: 'components-dashboard--overview', file: 'dashboard-wide.png', width: 1400 },
  { story: 'components-dashboard--overview', file: 'dashboard-narrow.png', width: 680 },
  { story: 'components-dashboard--overview', file: 'dashboard-phone.png', width: 390 },
  { story: 'components-dashboard--dark', file: 'dashboard-dark-wide.png', width: 1400 },
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
  viewport: { width: 1400, height: 1000 },
  deviceScaleFactor: 1,
});
try {
  for (const shot of SHOTS) {
    const page = await context.newPage();
    await page.setViewportSize({ width: shot.width, height: 1000 });
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${shot.story}&viewMode=story`);
    await page.waitForSelector('.takhin-dashboard .recharts-line', { timeout: 30_000 });
    await page.waitForTimeout(1500);
    const file = join(outDir, prefix + shot.file);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await context.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
