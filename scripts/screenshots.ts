/**
 * The README's screenshots, taken from a built Storybook (run `npm run build-storybook` first), served
 * on 127.0.0.1 and shown in the system Chromium. One list of shots, in sets:
 * - `theme`: the Dashboard story, light and dark (docs/dashboard-light.png, dashboard-dark.png);
 * - `widths`: the Dashboard at the widths an on-call engineer meets, wide 1400, narrow 680, phone 390,
 *   and dark (docs/dashboard-wide.png …); `prefix` names the files, e.g. `before-` for a build of an
 *   older commit;
 * - `lag`: the consumer lag chart and the lag table's row trends (docs/lag-chart.png, lag-row-trends.png).
 *
 *   tsx scripts/screenshots.ts [set=all] [outDir=docs] [storybookDir=storybook-static] [prefix=]
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/chromium.js';

interface Shot {
  set: 'theme' | 'widths' | 'lag';
  story: string;
  file: string;
  width: number;
  height: number;
  /** What must be on the page before the picture is taken. */
  ready: string;
  /** Extra wait for live stories to gather a few samples. */
  settleMs: number;
  theme?: 'light' | 'dark';
  /** Only the first panel, not the whole page. */
  panel?: boolean;
}

const dashboard = (file: string, width: number, story = 'components-dashboard--overview'): Shot => ({
  set: 'widths',
  story,
  file,
  width,
  height: 1000,
  ready: '.takhin-dashboard .takhin-line',
  settleMs: 1500,
});

const SHOTS: Shot[] = [
  ...(['light', 'dark'] as const).map((theme): Shot => ({
    set: 'theme',
    story: 'components-dashboard--overview',
    file: `dashboard-${theme}.png`,
    width: 1440,
    height: 1100,
    ready: '.takhin-dashboard[data-state="live"] .takhin-line',
    settleMs: 0,
    theme,
  })),
  dashboard('dashboard-wide.png', 1400),
  dashboard('dashboard-narrow.png', 680),
  dashboard('dashboard-phone.png', 390),
  dashboard('dashboard-dark-wide.png', 1400, 'components-dashboard--dark'),
  {
    set: 'lag',
    story: 'components-consumerlagchart--live',
    file: 'lag-chart.png',
    width: 1100,
    height: 600,
    ready: '.takhin-lag-chart .takhin-line',
    settleMs: 12_000,
    panel: true,
  },
  {
    set: 'lag',
    story: 'components-consumerlagtable--row-trends-and-time-behind',
    file: 'lag-row-trends.png',
    width: 1100,
    height: 600,
    ready: '.takhin-lag-table svg.takhin-sparkline path',
    settleMs: 500,
    panel: true,
  },
];

const [set = 'all', outArg = 'docs', rootArg = 'storybook-static', prefix = ''] = process.argv.slice(2);
const outDir = resolve(outArg);
const root = resolve(rootArg);
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
    throw new Error(`${rootArg}/iframe.html is missing: run \`npm run build-storybook\` first.`);
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

const shots = SHOTS.filter((shot) => set === 'all' || shot.set === set);
if (shots.length === 0) throw new Error(`unknown set "${set}": all, theme, widths or lag`);
const { server, port } = await serve();
const profile = await mkdtemp(join(tmpdir(), 'takhin-shots-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  args: chromiumArgs,
  headless: true,
  deviceScaleFactor: 1,
});
try {
  for (const shot of shots) {
    const page = await context.newPage();
    await page.setViewportSize({ width: shot.width, height: shot.height });
    if (shot.theme) await page.emulateMedia({ colorScheme: shot.theme });
    const globals = shot.theme ? `&globals=theme:${shot.theme}` : '';
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${shot.story}&viewMode=story${globals}`);
    await page.waitForSelector(shot.ready, { timeout: 30_000 });
    await page.waitForTimeout(shot.settleMs);
    const file = join(outDir, (shot.set === 'widths' ? prefix : '') + shot.file);
    if (shot.panel) await page.locator('.takhin-panel').first().screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: true });
    console.log(`wrote ${file}`);
    await page.close();
  }
} finally {
  await context.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
