/**
 * Scenario 5: bundle size, min + gzip, measured with size-limit's esbuild preset (peer dependencies
 * left out, as size-limit does) in a production build (`process.env.NODE_ENV` defined as
 * "production", as an app's bundler does; the development-only texts and checks drop out): the main
 * entry (core + hooks) and the components entry of a fresh library build, the chunks the main entry
 * loads on first use on their own, and react-use-websocket's entry measured the same way. Then two tiny Vite apps are
 * built against the library build — one importing only hooks, one importing the Dashboard — and their
 * output is searched for recharts code: the first must have none, the second proves the search works.
 */
import filePlugin from '@size-limit/file';
import esbuildPlugin from '@size-limit/esbuild';
import react from '@vitejs/plugin-react';
import { build as esbuild } from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sizeLimit from 'size-limit';
import { build } from 'vite';
import type { Budget, Row, ScenarioBody } from '../lib/results.js';
import { REPO_DIR, TMP_DIR } from '../lib/results.js';

const LIB_DIR = join(TMP_DIR, 'lib');
const APPS_DIR = join(TMP_DIR, 'apps');
const PEERS = ['react', 'react-dom', 'recharts'];
const MAIN_BUDGET = 10 * 1000;
/** The components entry's budget: the size-limit check's (`.size-limit.js`), which this turn's panels raised. */
const COMPONENTS_BUDGET = 27.5 * 1000;
/** Chunks loaded on first use (`shareAcrossTabs`, `persistHistory`, …): measured apart from the entry that loads them. */
const LAZY_CHUNKS = /^(linkTabs|persistHistory|groupPoller|lagAlertEvaluator)-.*\.js$/;
/** TakhinClient and TakhinProvider's shared chunk: every app with a provider loads it through the main entry. */
const CLIENT_CHUNK = './client-*';
/** What an app's bundler does for a production build. */
const production = (config: Record<string, unknown>) => ({
  ...config,
  define: { ...(config.define as object), 'process.env.NODE_ENV': '"production"' },
});
/** partysocket's React hook, min + gzip, as its own documentation states it. */
const PARTYSOCKET_DOCUMENTED = '3.5 kB';
/** What a small app imports from the main entry. */
const TYPICAL_IMPORT = '{ TakhinProvider, useMetrics, useTopicEvents }';
/** Class names recharts writes into the DOM; they survive minification. */
const RECHARTS_MARKERS = [/recharts-wrapper/g, /recharts-surface/g, /recharts-cartesian-axis/g];

const require = createRequire(import.meta.url);

/** size-limit's size of `file` (or of the named imports `only` from it), min + gzip, without `ignore`. */
async function measure(files: string | string[], ignore: string[], only?: string): Promise<number> {
  // size-limit's declared plugin type is narrower than what its API accepts (lists of plugin objects).
  const plugins = [filePlugin, esbuildPlugin] as unknown as Parameters<typeof sizeLimit>[0];
  const list = Array.isArray(files) ? files : [files];
  const [result] = (await sizeLimit(plugins, {
    checks: [
      {
        files: list,
        ignore,
        gzip: true,
        modifyEsbuildConfig: production,
        ...(only ? { import: { [list[0]]: only } } : {}),
      },
    ],
  })) as Array<{ size: number }>;
  return result.size;
}

/** The library build's chunks loaded on first use, by file name. */
async function lazyChunks(): Promise<string[]> {
  return (await readdir(LIB_DIR))
    .filter((name) => LAZY_CHUNKS.test(name))
    .map((name) => `./${name.replace(/-[^-]+\.js$/, '-*')}`);
}

/** Minified bytes each source module contributes to an entry (esbuild's metafile), largest first. */
async function breakdown(
  entry: string,
  external: string[],
): Promise<Array<{ module: string; minifiedBytes: number }>> {
  const result = await esbuild({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    // Split as the library build does, so the chunks loaded on first use are not counted in the entry.
    splitting: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    metafile: true,
    outdir: join(TMP_DIR, 'breakdown'),
    external,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined)!;
  return Object.entries(output.inputs)
    .map(([module, info]) => ({
      module: module.replace(/^(\.\.\/)+/, ''),
      minifiedBytes: info.bytesInOutput,
    }))
    .filter((m) => m.minifiedBytes > 0)
    .sort((a, b) => b.minifiedBytes - a.minifiedBytes);
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

async function jsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.js')) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

const APPS: Record<string, string> = {
  'hooks-only': `
import { createRoot } from 'react-dom/client';
import { TakhinProvider, useMetrics, useTopicEvents, useConnectionStatus } from 'takhin-react';

function Topics() {
  const topics = useMetrics((m) => m?.clusterHealth.totalTopics);
  const events = useTopicEvents();
  const { status } = useConnectionStatus();
  return <p>{status}: {topics ?? '–'} topics, {events.length} events</p>;
}

createRoot(document.getElementById('root')).render(
  <TakhinProvider url="ws://127.0.0.1:8080/api/monitoring/ws"><Topics /></TakhinProvider>,
);
`,
  'with-components': `
import { createRoot } from 'react-dom/client';
import { TakhinProvider } from 'takhin-react';
import { Dashboard } from 'takhin-react/components';

createRoot(document.getElementById('root')).render(
  <TakhinProvider url="ws://127.0.0.1:8080/api/monitoring/ws"><Dashboard /></TakhinProvider>,
);
`,
};

/** Builds a tiny app that imports the library by its package name (pointed at the fresh build). */
async function buildApp(name: string): Promise<{ files: number; gzipBytes: number; markers: number }> {
  const root = join(APPS_DIR, name);
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  await writeFile(
    join(root, 'index.html'),
    `<!doctype html><html><body><div id="root"></div><script type="module" src="./main.jsx"></script></body></html>\n`,
  );
  await writeFile(join(root, 'main.jsx'), APPS[name]);
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    plugins: [react()],
    resolve: {
      alias: [
        { find: /^takhin-react\/components$/, replacement: join(LIB_DIR, 'components.js') },
        { find: /^takhin-react$/, replacement: join(LIB_DIR, 'index.js') },
      ],
    },
    build: {
      outDir: join(root, 'dist'),
      emptyOutDir: true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
    },
  });
  let gzipBytes = 0;
  let markers = 0;
  const files = await jsFiles(join(root, 'dist'));
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    gzipBytes += gzipSync(text, { level: 9 }).length;
    for (const marker of RECHARTS_MARKERS) markers += text.match(marker)?.length ?? 0;
  }
  return { files: files.length, gzipBytes, markers };
}

export async function run(): Promise<ScenarioBody> {
  // A fresh build of the library from the current sources, with the project's own build config.
  await build({
    configFile: join(REPO_DIR, 'vite.config.ts'),
    root: REPO_DIR,
    logLevel: 'warn',
    build: { outDir: LIB_DIR, emptyOutDir: true },
  });
  const lazy = [...new Set(await lazyChunks())];
  const main = await measure(join(LIB_DIR, 'index.js'), [...PEERS, 'zustand', ...lazy]);
  const mainWithZustand = await measure(join(LIB_DIR, 'index.js'), [...PEERS, ...lazy]);
  const lazyFiles = (await readdir(LIB_DIR))
    .filter((name) => LAZY_CHUNKS.test(name))
    .map((name) => join(LIB_DIR, name));
  const lazySize = lazyFiles.length > 0 ? await measure(lazyFiles, [...PEERS, 'zustand']) : 0;
  const typical = await measure(join(LIB_DIR, 'index.js'), [...PEERS, 'zustand', ...lazy], TYPICAL_IMPORT);
  const components = await measure(join(LIB_DIR, 'components.js'), [...PEERS, CLIENT_CHUNK]);
  const ruwEntry = require.resolve('react-use-websocket');
  const ruw = await measure(ruwEntry, ['react', 'react-dom']);
  const ruwVersion = (
    JSON.parse(await readFile(join(REPO_DIR, 'node_modules/react-use-websocket/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

  const mainModules = await breakdown(join(REPO_DIR, 'src/index.ts'), [...PEERS, 'zustand']);
  const mainMinified = mainModules.reduce((sum, m) => sum + m.minifiedBytes, 0);

  const hooksApp = await buildApp('hooks-only');
  const componentsApp = await buildApp('with-components');

  const rows: Row[] = [
    {
      metric:
        'main entry (core + hooks), production, min + gzip, without zustand and the chunks loaded on first use',
      ours: `${kB(main)} (${kB(mainWithZustand)} with zustand)`,
      ruw: `${kB(ruw)} (react-use-websocket ${ruwVersion})`,
      ratio: `partysocket hook ${PARTYSOCKET_DOCUMENTED} (documented)`,
      budget: '≤ 10 kB',
      met: main <= MAIN_BUDGET,
    },
    {
      metric: `chunks loaded on first use (${lazy.join(', ')})`,
      ours: kB(lazySize),
    },
    {
      metric: `main entry, only ${TYPICAL_IMPORT}`,
      ours: kB(typical),
    },
    {
      metric: 'components entry without recharts and the client chunk, production, min + gzip',
      ours: kB(components),
      budget: '≤ 27.5 kB',
      met: components <= COMPONENTS_BUDGET,
    },
    {
      metric: 'hooks-only app: recharts markers in the output',
      ours: `${hooksApp.markers} (app JS ${kB(hooksApp.gzipBytes)} gz incl. React)`,
      ratio: `Dashboard app: ${componentsApp.markers} markers, ${kB(componentsApp.gzipBytes)} gz`,
      budget: '0',
      met: hooksApp.markers === 0 && componentsApp.markers > 0,
    },
  ];
  const budgets: Budget[] = [
    {
      name: 'main entry (dist/index.js), production, min + gzip',
      limit: '≤ 10 kB',
      actual: kB(main),
      met: main <= MAIN_BUDGET,
    },
    {
      name: 'components entry (dist/components.js) without recharts, production, min + gzip',
      limit: '≤ 27.5 kB',
      actual: kB(components),
      met: components <= COMPONENTS_BUDGET,
    },
    {
      name: 'hooks-only app contains no recharts code',
      limit: '0 markers (and > 0 in the Dashboard app)',
      actual: `${hooksApp.markers} (Dashboard app ${componentsApp.markers})`,
      met: hooksApp.markers === 0 && componentsApp.markers > 0,
    },
  ];
  process.stdout.write(`  bundle: main ${kB(main)}, components ${kB(components)}, ruw ${kB(ruw)}\n`);
  return {
    title: 'Bundle size (min + gzip, size-limit with esbuild) and recharts-free hooks',
    budgets,
    rows,
    details: {
      method:
        'size-limit 12 API, @size-limit/esbuild + @size-limit/file, gzip level 9, NODE_ENV=production; peer dependencies (react, react-dom, recharts) ignored; zustand ignored in the main entry figure (as .size-limit.js) and included in the one beside it; chunks loaded on first use measured apart',
      libraryBuild: 'vite build with the project vite.config.ts into bench/.tmp/lib (the same as dist/)',
      mainBytes: main,
      mainWithZustandBytes: mainWithZustand,
      lazyChunks: { ignoredFromMain: lazy, bytes: lazySize },
      typicalImport: { import: TYPICAL_IMPORT, bytes: typical },
      componentsBytes: components,
      reactUseWebsocket: { version: ruwVersion, bytes: ruw, ignored: ['react', 'react-dom'] },
      partysocketDocumented: PARTYSOCKET_DOCUMENTED,
      apps: { 'hooks-only': hooksApp, 'with-components': componentsApp },
      mainEntryModules: { totalMinifiedBytes: mainMinified, modules: mainModules },
      rechartsMarkers: RECHARTS_MARKERS.map(String),
    },
    notes:
      main > MAIN_BUDGET
        ? [
            `The main entry is ${kB(main)} min + gzip against a 10 kB budget. Minified bytes by module (before gzip, ` +
              `${(mainMinified / 1000).toFixed(1)} kB in all): ` +
              mainModules
                .slice(0, 10)
                .map((m) => `${m.module} ${(m.minifiedBytes / 1000).toFixed(1)} kB`)
                .join(', ') +
              '.',
          ]
        : [],
  };
}
