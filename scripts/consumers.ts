/**
 * Builds and packs takhin-react once (see pack-check.ts), installs the tarball into each consumer project
 * of test/consumers/ (copied outside the repository, except the React version folders), and checks that
 * it works there:
 *
 * - ts-nodenext, ts-bundler: a usage file covering every public export type-checks (skipLibCheck off);
 * - vite-hooks: a hooks-only Vite app installed without peers (`--omit=peer`, so without recharts)
 *   builds and its bundle holds no recharts code;
 * - vite-dashboard: a Vite app that lazy-loads the Dashboard builds with the stylesheet, recharts out of
 *   its entry chunk and no chunk over Vite's 500 kB warning;
 * - vite-no-recharts: an app that never installed recharts but imports the components entry builds (npm
 *   installs the required peer), and without recharts on disk the build error names it;
 * - ssr: server rendering in plain Node never touches window/document/WebSocket, and the page hydrates
 *   in Chromium without a mismatch and connects to a simulator from the installed package;
 * - node-example: the README's "Without React" example, exactly as printed (only the address differs), run
 *   in plain Node against a simulator from the installed package, receives metrics
 * - nextjs: a Next.js App Router app (server component rendering the Dashboard inside a client boundary)
 *   builds offline and serves with `next start`; the server opens no socket and never meets `window`, and
 *   in Chromium the page hydrates without a warning and goes live;
 * - react18, react19-0: the repository's hooks and component tests pass on React 18.3 and 19.0 (the
 *   root runs them on the latest 19), and the usage file type-checks against their @types/react.
 *
 *   tsx scripts/consumers.ts [--only name,name] [--manifest path/to/package.json] [--json report.json]
 */
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { startSimulator as StartSimulator } from '../src/sim/index.js';
import { RECHARTS_MARKERS, filesMatching, gzipSize, readBuild } from '../test/package/checks/bundles.js';
import { checkHydration } from '../test/package/checks/hydrate.js';
import { checkNextPage, startNext } from '../test/package/checks/nextjs.js';
import type { TypecheckResult } from '../test/package/checks/typecheck.js';
import { bin, formatPackCheck, packCheck, repoRoot, run, runOrThrow } from './pack-check.js';
import type { PackCheckReport } from './pack-check.js';

/** The consumer projects, longest-running first so that they start early. */
export const FIXTURES = [
  'react18',
  'react19-0',
  'ssr',
  'nextjs',
  'node-example',
  'ts-nodenext',
  'vite-dashboard',
  'ts-bundler',
  'vite-hooks',
  'vite-no-recharts',
] as const;
export type FixtureName = (typeof FIXTURES)[number];

/** Packages a fixture deliberately pins to other versions than the repository's lockfile. */
const REACT_PACKAGES = ['react', 'react-dom', 'react-is', '@types/react', '@types/react-dom'];
const OWN_VERSIONS: Partial<Record<FixtureName, string[]>> = {
  react18: REACT_PACKAGES,
  'react19-0': REACT_PACKAGES,
};

/** Extra `npm install` flags of a fixture. */
const INSTALL_FLAGS: Partial<Record<FixtureName, string[]>> = {
  // The hooks-only promise must hold for someone who skips peers (or a package manager that does).
  'vite-hooks': ['--omit=peer'],
};

/** Name the tarball is copied under in each fixture (its package.json depends on `file:` this). */
const TARBALL = 'takhin-react.tgz';

/**
 * Fixtures that run the repository's own test suite, so they stay in the tree (their vitest.config.ts
 * imports the repository's); every other fixture is copied out of the tree first, so that Node, Vite
 * and TypeScript cannot find a package the tarball failed to declare in the repository's node_modules.
 */
const IN_TREE: readonly FixtureName[] = ['react18', 'react19-0'];

const consumersDir = join(repoRoot, 'test/consumers');
const sourceDir = (name: FixtureName) => join(consumersDir, name);

/** Where the fixture is installed and checked: its own folder, or a copy under `workDir`. */
async function placeFixture(name: FixtureName, workDir: string): Promise<string> {
  if (IN_TREE.includes(name)) return sourceDir(name);
  const dir = join(workDir, 'consumers', name);
  await cp(sourceDir(name), dir, {
    recursive: true,
    filter: (path) => !/[\\/](node_modules|dist|generated|\.next)$|\.tgz$|package-lock\.json$/.test(path),
  });
  return dir;
}

/** A `node_modules` above `dir` would satisfy imports the package forgot to declare. */
function nodeModulesAbove(dir: string): string | null {
  for (let parent = dirname(dir); parent !== dirname(parent); parent = dirname(parent)) {
    if (existsSync(join(parent, 'node_modules'))) return join(parent, 'node_modules');
  }
  return null;
}

/** The outcome of one fixture. */
export interface FixtureResult {
  name: FixtureName;
  ok: boolean;
  /** Wall time of install and checks, ms. */
  ms: number;
  problems: string[];
  /** What the checks measured or saw, for the log. */
  notes: string[];
}

/** Everything {@link runConsumers} found. */
export interface ConsumersReport {
  pack: PackCheckReport;
  fixtures: FixtureResult[];
  /** Wall time of the whole run, ms. */
  totalMs: number;
  ok: boolean;
}

/** Options of {@link runConsumers}. */
export interface ConsumersOptions {
  /** Only these fixtures. @default all of {@link FIXTURES} */
  only?: readonly FixtureName[];
  /** Pack with this package.json instead of the repository's. @default the repository's */
  manifest?: string;
  /** Progress lines. @default console.log */
  log?: (line: string) => void;
}

/** Runs at most `size` tasks at a time. */
function pool(size: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < size) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // A finished task hands its slot straight to the next one waiting.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** Checks the fixture's pinned versions against the repository's lockfile. */
async function versionDrift(name: FixtureName): Promise<string[]> {
  const lock = JSON.parse(await readFile(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const manifest = JSON.parse(await readFile(join(sourceDir(name), 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const pinned = { ...manifest.dependencies, ...manifest.devDependencies };
  const problems: string[] = [];
  for (const [dependency, version] of Object.entries(pinned)) {
    if (dependency === 'takhin-react' || OWN_VERSIONS[name]?.includes(dependency)) continue;
    const root = lock.packages[`node_modules/${dependency}`]?.version;
    if (root && root !== version)
      problems.push(`${dependency} is pinned to ${version}, the repository has ${root}`);
  }
  return problems;
}

/** Installs the tarball (and the fixture's other dependencies, from the npm cache when possible). */
async function install(
  dir: string,
  tarball: string,
  packageDir: string,
  flags: string[] = [],
): Promise<void> {
  await copyFile(tarball, join(dir, TARBALL));
  // npm would keep an installed copy whose `file:` spec did not change; the tarball's content did.
  await rm(join(dir, 'node_modules/takhin-react'), { recursive: true, force: true });
  await rm(join(dir, 'node_modules/.package-lock.json'), { force: true });
  await runOrThrow(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--no-package-lock',
      '--loglevel=error',
      ...flags,
    ],
    { cwd: dir, timeoutMs: 240_000 },
  );
  const [installed, built] = await Promise.all([
    readFile(join(dir, 'node_modules/takhin-react/dist/index.js')),
    readFile(join(packageDir, 'dist/index.js')),
  ]);
  if (!installed.equals(built)) throw new Error('the installed takhin-react is not the one just packed');
}

/** Copies the shared usage file in and type-checks the fixture in a process of its own. */
async function typecheckFixture(dir: string, coverage: boolean): Promise<TypecheckResult> {
  await mkdir(join(dir, 'generated'), { recursive: true });
  await copyFile(join(consumersDir, 'shared/usage.tsx'), join(dir, 'generated/usage.tsx'));
  const args = [join(repoRoot, 'test/package/checks/typecheck.ts'), dir, ...(coverage ? ['--coverage'] : [])];
  const output = await runOrThrow(bin('tsx'), args, { cwd: repoRoot, timeoutMs: 180_000 });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as TypecheckResult;
}

async function checkTypes(dir: string, result: FixtureResult): Promise<void> {
  const { diagnostics, entries, uncovered } = await typecheckFixture(dir, true);
  result.notes.push(`entries: ${entries.join(', ')}`);
  result.problems.push(...diagnostics, ...uncovered.map((missing) => `usage.tsx does not use ${missing}`));
}

async function viteBuild(dir: string, env: Record<string, string> = {}) {
  const output = await runOrThrow(bin('vite', dir), ['build'], { cwd: dir, env, timeoutMs: 180_000 });
  return { ...(await readBuild(join(dir, 'dist'))), output };
}

async function checkViteHooks(dir: string, result: FixtureResult): Promise<void> {
  if (existsSync(join(dir, 'node_modules/recharts')))
    result.problems.push('recharts is installed, so the build proves nothing about doing without it');
  const build = await viteBuild(dir);
  const withRecharts = filesMatching(build.js, RECHARTS_MARKERS);
  if (withRecharts.length > 0)
    result.problems.push(`recharts code in the hooks-only bundle: ${withRecharts.join(', ')}`);
  // Proves the scan looked at the right files: the library's own code must be in them.
  if (filesMatching(build.js, /TakhinError/).length === 0)
    result.problems.push('the bundle holds no takhin-react code');
  // A production build gets the short error texts; the full ones and the dialect check are development-only.
  if (filesMatching(build.js, /full message in development builds/).length === 0)
    result.problems.push('the production bundle lacks the short error texts');
  const withDevelopmentTexts = filesMatching(
    build.js,
    /call reconnect\(\) to try again|percentiles are exactly/,
  );
  if (withDevelopmentTexts.length > 0)
    result.problems.push(
      `development-only texts in the production bundle: ${withDevelopmentTexts.join(', ')}`,
    );
  result.notes.push(`hooks-only app JS: ${(gzipSize(build.js) / 1000).toFixed(1)} kB gzip (with React)`);
}

async function checkViteDashboard(dir: string, result: FixtureResult): Promise<void> {
  const build = await viteBuild(dir);
  if (filesMatching(build.js, RECHARTS_MARKERS).length === 0) {
    result.problems.push(
      'no recharts markers in the Dashboard bundle: the hooks-only scan would prove nothing',
    );
  }
  if (filesMatching(build.js, /takhin-dashboard/).length === 0)
    result.problems.push('the bundle holds no Dashboard');
  if (filesMatching(build.css, /--takhin-[\w-]+\s*:/).length === 0) {
    result.problems.push('takhin-react/styles.css did not end up in the CSS');
  }
  // The app lazy-loads the components entry (the README's recipe): recharts must stay out of the entry
  // chunk, and no chunk may draw Vite's warning about chunks over 500 kB.
  if (/larger than 500 kB/.test(build.output))
    result.problems.push(`Vite warned about a chunk over 500 kB:\n${build.output.trim()}`);
  const entry = build.js.filter((file) => /^assets\/index-[\w-]+\.js$/.test(file.path));
  if (entry.length !== 1) result.problems.push(`expected one entry chunk, found ${entry.length}`);
  else if (filesMatching(entry, RECHARTS_MARKERS).length > 0)
    result.problems.push('recharts is in the entry chunk: the Dashboard was not lazy-loaded');
  const largest = Math.max(...build.js.map((file) => file.text.length));
  result.notes.push(`${build.js.length} JS chunks, the largest ${(largest / 1000).toFixed(0)} kB minified`);
  result.notes.push(
    `Dashboard app: JS ${(gzipSize(build.js) / 1000).toFixed(1)} kB gzip, CSS ${(gzipSize(build.css) / 1000).toFixed(1)} kB gzip`,
  );
}

/**
 * The components entry in an app whose package.json never names recharts: npm installs it as the
 * package's required peer and the build works; where peers are not installed (yarn 1,
 * `--legacy-peer-deps`) the build fails with an error that names recharts, not an opaque missing export.
 */
async function checkViteNoRecharts(dir: string, result: FixtureResult): Promise<void> {
  const rechartsDir = join(dir, 'node_modules/recharts');
  if (!existsSync(rechartsDir)) result.problems.push('npm did not install recharts, the required peer');
  const build = await viteBuild(dir);
  if (filesMatching(build.js, RECHARTS_MARKERS).length === 0)
    result.problems.push('the build holds no recharts code');
  if (filesMatching(build.js, /takhin-dashboard/).length === 0)
    result.problems.push('the bundle holds no Dashboard');
  result.notes.push('builds with recharts installed by npm as a peer');
  await rm(rechartsDir, { recursive: true, force: true });
  const failed = await run(bin('vite', dir), ['build'], { cwd: dir, timeoutMs: 180_000 });
  if (failed.code === 0) result.problems.push('without recharts on disk the build still passed');
  else if (!/"recharts"/.test(failed.output) || /__vite-optional-peer-dep/.test(failed.output)) {
    result.problems.push(`without recharts the build error does not name it:\n${failed.output.trim()}`);
  } else {
    const line = failed.output.split('\n').find((text) => text.includes('"recharts"')) ?? '';
    result.notes.push(`without recharts on disk: ${line.trim().slice(0, 160)}`);
  }
}

/** The HTML document around the server-rendered markup. */
function ssrPage(markup: string, wsUrl: string, script: string, styles: string[]): string {
  const links = styles.map((href) => `<link rel="stylesheet" href="/${href}">`).join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">${links}` +
    `<title>takhin-react SSR</title></head><body>` +
    `<div id="root" data-url="${wsUrl}">${markup}</div>` +
    // Runs before the (deferred) module script: keeps the server's node to compare after hydration.
    `<script>window.__ssrNode = document.getElementById('root').firstElementChild;</script>` +
    `<script type="module" src="/${script}"></script></body></html>`
  );
}

async function checkSsr(dir: string, result: FixtureResult): Promise<void> {
  // A development build of React reports hydration mismatches of attributes too.
  await viteBuild(dir, { NODE_ENV: 'development' });
  const manifest = JSON.parse(await readFile(join(dir, 'dist/.vite/manifest.json'), 'utf8')) as Record<
    string,
    { file: string; css?: string[] }
  >;
  const client = manifest['src/client.js'];
  if (!client) throw new Error('the client build has no src/client.js entry');
  const simModule = join(dir, 'node_modules/takhin-react/dist/sim.js');
  const { startSimulator } = (await import(pathToFileURL(simModule).href)) as {
    startSimulator: typeof StartSimulator;
  };
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, intervalMs: 200, seed: 7 });
  try {
    const rendered = await run(process.execPath, ['render.js', sim.url], { cwd: dir, timeoutMs: 60_000 });
    if (rendered.code !== 0) {
      result.problems.push(`server rendering failed:\n${rendered.output.trim()}`);
      return;
    }
    const { html } = JSON.parse(rendered.output.trim().split('\n').pop() ?? '{}') as { html: string };
    if (!/class="takhin takhin-dashboard"/.test(html))
      result.problems.push('the server markup holds no Dashboard');
    if (!/data-status="idle"/.test(html))
      result.problems.push('the server markup does not show an idle connection');
    result.notes.push(
      `server markup: ${(html.length / 1000).toFixed(1)} kB, no window/document/WebSocket access`,
    );
    const { problems, seen } = await checkHydration({
      page: ssrPage(html, sim.url, client.file, client.css ?? []),
      distDir: join(dir, 'dist'),
      topicNames: sim.model.topics.map((topic) => topic.name),
      connections: () => sim.totalConnections,
    });
    result.problems.push(...problems);
    result.notes.push(...seen);
  } finally {
    await sim.close();
  }
}

/** The README's Node example, as printed, against a simulator started from the installed package. */
async function checkNodeExample(dir: string, result: FixtureResult): Promise<void> {
  const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('Without React:')));
  if (!block) throw new Error('README.md has no ts block after "Without React:"');
  const address = 'ws://localhost:8080/api/monitoring/ws';
  if (!block[1].includes(address))
    throw new Error(`the README's Node example does not connect to ${address}`);
  const simModule = join(dir, 'node_modules/takhin-react/dist/sim.js');
  const { startSimulator } = (await import(pathToFileURL(simModule).href)) as {
    startSimulator: typeof StartSimulator;
  };
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, intervalMs: 200 });
  try {
    // The example never exits by itself: it runs until it has printed a line with a lag, then is stopped.
    const script = `${block[1].replace(address, sim.url)}\nsetTimeout(() => process.exit(0), 5_000);\n`;
    await writeFile(join(dir, 'example.mjs'), script);
    const ran = await run(process.execPath, ['example.mjs'], { cwd: dir, timeoutMs: 60_000 });
    const lines = ran.output.split('\n').filter((line) => /^open \d+$/.test(line.trim()));
    if (lines.length === 0)
      result.problems.push(`the example printed no "open <lag>" line:\n${ran.output.trim()}`);
    else result.notes.push(`the README's Node example received metrics: "${lines[0].trim()}"`);
  } finally {
    await sim.close();
  }
}

/** `next build`, then `next start` against a simulator, read by plain HTTP first and then in Chromium. */
async function checkNextjs(dir: string, result: FixtureResult): Promise<void> {
  const env = { NEXT_TELEMETRY_DISABLED: '1' };
  const built = await run(bin('next', dir), ['build'], { cwd: dir, env, timeoutMs: 400_000 });
  if (built.code !== 0) {
    result.problems.push(`next build failed (exit ${built.code}):\n${built.output.trim()}`);
    return;
  }
  if (/window is not defined|document is not defined/.test(built.output))
    result.problems.push(`next build met browser globals:\n${built.output.trim()}`);
  result.notes.push('next build: ok, offline');
  const simModule = join(dir, 'node_modules/takhin-react/dist/sim.js');
  const { startSimulator } = (await import(pathToFileURL(simModule).href)) as {
    startSimulator: typeof StartSimulator;
  };
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, intervalMs: 200, seed: 7 });
  const next = await startNext(dir, { ...env, TAKHIN_URL: sim.url });
  try {
    const { problems, seen } = await checkNextPage({
      url: next.url,
      topicNames: sim.model.topics.map((topic) => topic.name),
      connections: () => sim.totalConnections,
      serverOutput: () => next.output(),
    });
    result.problems.push(...problems);
    result.notes.push(...seen);
  } finally {
    await next.close();
    await sim.close();
  }
}

/** The repository's hooks and component tests, and the usage file's types, on the folder's React. */
async function checkReactVersion(dir: string, result: FixtureResult): Promise<void> {
  const types = await typecheckFixture(dir, false);
  result.problems.push(...types.diagnostics.map((line) => `with this @types/react: ${line}`));
  const config = join(dir, 'vitest.config.ts');
  const tests = await run(
    bin('vitest'),
    [
      'run',
      '--config',
      config,
      '--project',
      'dom',
      '--project',
      'browser',
      'test/react/',
      'test/components/',
    ],
    { cwd: repoRoot, timeoutMs: 300_000 },
  );
  const summary = [...tests.output.matchAll(/^\s*Tests\s+(\d.*)$/gm)].pop()?.[1]?.trim() ?? 'no summary';
  result.notes.push(`hooks and component tests: ${summary}`);
  if (tests.code !== 0) {
    const tail = tests.output.trim().split('\n').slice(-80).join('\n');
    result.problems.push(`tests failed (exit ${tests.code}); the end of vitest's output:\n${tail}`);
  }
}

const CHECKS: Record<FixtureName, (dir: string, result: FixtureResult) => Promise<void>> = {
  'ts-nodenext': checkTypes,
  'ts-bundler': checkTypes,
  'vite-hooks': checkViteHooks,
  'vite-dashboard': checkViteDashboard,
  'vite-no-recharts': checkViteNoRecharts,
  ssr: checkSsr,
  nextjs: checkNextjs,
  'node-example': checkNodeExample,
  react18: checkReactVersion,
  'react19-0': checkReactVersion,
};

/** Packs once, then installs and checks every fixture; never throws for a failing check. */
export async function runConsumers(options: ConsumersOptions = {}): Promise<ConsumersReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const workDir = await mkdtemp(join(tmpdir(), 'takhin-consumers-'));
  try {
    const pack = await packCheck(workDir, options.manifest);
    log(`packed in ${((Date.now() - started) / 1000).toFixed(0)} s\n${formatPackCheck(pack)}`);
    // Installs wait on the network and the disk, checks on the CPU: separate limits keep both busy.
    const installs = pool(3);
    const cpu = pool(2);
    const names = FIXTURES.filter((name) => !options.only || options.only.includes(name));
    const fixtures = await Promise.all(
      names.map(async (name): Promise<FixtureResult> => {
        const result: FixtureResult = { name, ok: false, ms: 0, problems: [], notes: [] };
        const start = Date.now();
        try {
          result.problems.push(...(await versionDrift(name)));
          const dir = await placeFixture(name, workDir);
          const above = IN_TREE.includes(name) ? null : nodeModulesAbove(dir);
          if (above)
            result.problems.push(`${above} is visible from ${dir}, so undeclared imports would pass`);
          await installs(() => install(dir, pack.pack.tarball, pack.pack.packageDir, INSTALL_FLAGS[name]));
          await cpu(() => CHECKS[name](dir, result));
        } catch (error) {
          result.problems.push(error instanceof Error ? error.message : String(error));
        }
        result.ms = Date.now() - start;
        result.ok = result.problems.length === 0;
        log(formatFixture(result));
        return result;
      }),
    );
    const totalMs = Date.now() - started;
    return { pack, fixtures, totalMs, ok: pack.ok && fixtures.every((fixture) => fixture.ok) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** One fixture's outcome, for the log. */
export function formatFixture(result: FixtureResult): string {
  const head = `${result.ok ? 'ok  ' : 'FAIL'} ${result.name} (${(result.ms / 1000).toFixed(0)} s)`;
  return [
    head,
    ...result.notes.map((note) => `       ${note}`),
    ...result.problems.map((p) => `     ✗ ${p}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, manifest: { type: 'string' }, json: { type: 'string' } },
  });
  const only = values.only?.split(',').map((name) => name.trim()) as FixtureName[] | undefined;
  const unknown = only?.filter((name) => !FIXTURES.includes(name));
  if (unknown?.length)
    throw new Error(`unknown fixture(s): ${unknown.join(', ')}; known: ${FIXTURES.join(', ')}`);
  const report = await runConsumers({ only, manifest: values.manifest && resolve(values.manifest) });
  console.log(`consumers: ${report.ok ? 'all passed' : 'FAILED'} in ${(report.totalMs / 1000).toFixed(0)} s`);
  if (values.json) await writeFile(values.json, JSON.stringify(report, null, 2));
  process.exitCode = report.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
