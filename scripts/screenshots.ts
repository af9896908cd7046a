/**
 * Screenshots of the Dashboard story, light and dark, for the README: serves `storybook-static/`
 * (run `npm run build-storybook` first) on 127.0.0.1 and drives the system Chromium.
 *
 *   tsx scripts/screenshots.ts [outDir=docs]
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
const STORY = 'components-dashboard--overview';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

async function serve() {
  await stat(join(root, 'iframe.html')).catch(() => {
    throw new Error('storybook-static/iframe.html is missing: run `npm run build-storybook` first.');
  });
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
  return { server, port: (server.address() as AddressInfo).port };
}

const { server, port } = await serve();
const profile = await mkdtemp(join(tmpdir(), 'takhin-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  args: chromiumArgs,
  headless: true,
  viewport: { width: 1440, height: 1100 },
  deviceScaleFactor: 1,
});
try {
  for (const theme of ['light', 'dark'] as const) {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${STORY}&viewMode=story&globals=theme:${theme}`);
    await page.waitForSelector('.takhin-dashboard[data-state="live"] .recharts-line');
    const file = join(outDir, `dashboard-${theme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await context.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
