import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import type { LogLevel, ProxyOptions, ViteDevServer } from 'vite';
import type { Dialect } from '../src/core/protocol.js';
import { startSimulator } from '../src/sim/index.js';
import type { Scenario, Simulator, SimulatorOptions } from '../src/sim/index.js';
import type { DemoPageConfig } from '../demo/pageConfig.js';
import { pageConfigPlugin } from './demo-config-plugin.js';
import { createDemoLogger } from './demo-logger.js';
import { guardDemoRequests } from './demo-request-guard.js';
import { serverTarget } from './demo-target.js';
import { freePortOr } from './ports.js';

const HOST = '127.0.0.1';
/** Names of the simulated clusters of `--clusters`, in order. */
const CLUSTER_NAMES = ['production', 'staging', 'analytics', 'dev', 'qa', 'edge', 'eu-west', 'us-east'];
const DEMO_CONFIG_FILE = fileURLToPath(new URL('../demo/vite.config.ts', import.meta.url));

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /**
   * Monitoring WebSocket of a real Takhin server; when set, no simulator is started.
   * @default undefined (run the embedded simulator)
   */
  url?: string;
  /**
   * API key of the server at `url`. The dev server then proxies the WebSocket and REST calls and adds
   * `Authorization: Bearer KEY`; the page connects to the proxy and never sees the key.
   * @default undefined
   */
  apiKey?: string;
  /** How the server fills metrics. @default 'takhin' */
  dialect?: Dialect;
  /**
   * Whether the simulator's counters and latency move (and it sends `group_updated`); off, it plays the
   * real Console, whose figures stay at 0. @default false for 'takhin', true for 'spec' (the simulator's)
   */
  instrumented?: boolean;
  /** Behaviour of the simulated cluster. @default 'steady' */
  scenario?: Scenario;
  /** Seed of the simulated cluster. @default 1 */
  seed?: number;
  /** Simulator metrics interval, ms. @default 1000 */
  intervalMs?: number;
  /** Simulator port; a free one is picked when it is taken, 0 always picks one. @default 8080 */
  simPort?: number;
  /**
   * Number of simulated clusters, each its own simulator (the first on `simPort`, the others on free
   * ports, seeds `seed`, `seed + 1`, …); more than one makes the page show a ClusterOverview.
   * @default 1
   */
  clusters?: number;
  /** Page port; a free one is picked when it is taken, 0 always picks one. @default 5173 */
  webPort?: number;
  /** Further simulator options (auth, size, …). @default {} */
  simulator?: Omit<
    SimulatorOptions,
    'port' | 'host' | 'dialect' | 'instrumented' | 'scenario' | 'seed' | 'intervalMs'
  >;
  /** Dev server log level. @default 'warn' */
  logLevel?: LogLevel;
  /**
   * Watch the sources and update the open page on edits. Tests turn it off, so that an edit elsewhere in
   * the tree cannot replace the page's client in the middle of a test.
   * @default true
   */
  hmr?: boolean;
}

/** A running demo: the page's dev server and, unless pointed at a real server, the simulator. */
export interface Demo {
  /** The page, e.g. `http://127.0.0.1:5173/`. */
  readonly url: string;
  /** The embedded simulator (the first cluster's), or null when connected to a real server. */
  readonly sim: Simulator | null;
  /** Every embedded simulator, one per cluster (`clusters`); empty with a real server. */
  readonly sims: readonly Simulator[];
  /** The server the page gets its data from, without credentials. */
  readonly target: string;
  /** What the page is told (at `/demo-config.json`). */
  readonly pageConfig: DemoPageConfig;
  /** Ports that were asked for but taken, and replaced by free ones. */
  readonly movedPorts: ReadonlyArray<{ what: 'page' | 'simulator'; wanted: number; got: number }>;
  readonly vite: ViteDevServer;
  /** Stops the dev server and the simulator. */
  close(): Promise<void>;
}

/** Starts what `npm start` runs: the simulator (unless `url` is given) and the demo page's dev server. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const dialect = options.dialect ?? 'takhin';
  const movedPorts: Array<Demo['movedPorts'][number]> = [];
  let sim: Simulator | null = null;
  const sims: Simulator[] = [];
  let pageConfig: DemoPageConfig;
  let proxy: Record<string, ProxyOptions> | undefined;
  let target: string;

  if (options.url) {
    const server = serverTarget(options.url, options.apiKey);
    pageConfig = { url: server.pageUrl, dialect, source: server.proxy ? 'proxy' : 'server', simulator: null };
    proxy = server.proxy;
    target = server.display;
  } else {
    const wanted = options.simPort ?? 8080;
    const port = await freePortOr(wanted, HOST);
    const intervalMs = options.intervalMs ?? 1000;
    const scenario = options.scenario ?? 'steady';
    sim = await startSimulator({
      ...options.simulator,
      port,
      host: HOST,
      dialect,
      instrumented: options.instrumented,
      scenario,
      seed: options.seed ?? 1,
      intervalMs,
    });
    sims.push(sim);
    if (sim.port !== wanted && wanted !== 0) movedPorts.push({ what: 'simulator', wanted, got: sim.port });
    for (let i = 1; i < (options.clusters ?? 1); i++) {
      sims.push(
        await startSimulator({
          ...options.simulator,
          port: 0,
          host: HOST,
          dialect,
          instrumented: options.instrumented,
          scenario,
          seed: (options.seed ?? 1) + i,
          intervalMs,
        }),
      );
    }
    pageConfig = {
      url: sim.url,
      dialect,
      source: 'simulator',
      simulator: { httpUrl: sim.httpUrl, intervalMs, scenario, instrumented: sim.instrumented },
    };
    if (sims.length > 1) {
      pageConfig.clusters = sims.map((each, i) => ({
        name: CLUSTER_NAMES[i] ?? `cluster-${i + 1}`,
        url: each.url,
        httpUrl: each.httpUrl,
      }));
    }
    target = sim.url;
  }

  let vite: ViteDevServer | undefined;
  try {
    const wanted = options.webPort ?? 5173;
    const port = await freePortOr(wanted, HOST);
    vite = await createServer({
      configFile: DEMO_CONFIG_FILE,
      customLogger: createDemoLogger(options.logLevel ?? 'warn'),
      plugins: [pageConfigPlugin(pageConfig)],
      server: {
        host: HOST,
        port,
        strictPort: true,
        proxy,
        ...(options.hmr === false ? { hmr: false, watch: null } : {}),
      },
    });
    if (vite.httpServer) guardDemoRequests(vite.httpServer as Server);
    await vite.listen();
    const address = vite.httpServer?.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    if (actual !== wanted && wanted !== 0) movedPorts.push({ what: 'page', wanted, got: actual });
    const server = vite;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${HOST}:${actual}/`,
      sim,
      sims,
      target,
      pageConfig,
      movedPorts,
      vite: server,
      close() {
        closing ??= Promise.allSettled([server.close(), ...sims.map((each) => each.close())]).then(
          () => undefined,
        );
        return closing;
      },
    };
  } catch (error) {
    await vite?.close();
    await Promise.allSettled(sims.map((each) => each.close()));
    throw error;
  }
}
