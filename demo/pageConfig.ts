import type { Dialect } from '../src/core/protocol.js';

/** Where the dev server answers with the {@link DemoPageConfig} of the running demo. */
export const PAGE_CONFIG_PATH = '/demo-config.json';

/** The simulator the demo runs beside the page, when it runs one. */
export interface DemoSimulatorInfo {
  /** Base of its REST API, e.g. `http://127.0.0.1:8080`. */
  httpUrl: string;
  /** Metrics interval per connection, ms. */
  intervalMs: number;
  /** Behaviour of the simulated cluster. */
  scenario: string;
  /** Whether its counters and latency move; false plays the real Console, whose figures stay at 0. */
  instrumented: boolean;
}

/**
 * What the demo page needs to know about where its data comes from. The browser reads it, so it must
 * never hold a secret: with an API key the page talks to a same-origin proxy path instead.
 */
export interface DemoPageConfig {
  /** `ws://…` / `wss://…`, or a path on the page's own origin (the dev server's proxy). */
  url: string;
  /** How the server fills metrics. */
  dialect: Dialect;
  /** Where the data comes from: the embedded simulator, a server reached directly, or through the proxy. */
  source: 'simulator' | 'server' | 'proxy';
  /** Present when the demo runs a simulator; enables the simulator controls. */
  simulator: DemoSimulatorInfo | null;
  /**
   * With `--clusters N` (N > 1): every simulated cluster, the first being the one at `url`; the page then
   * shows a ClusterOverview and the Dashboard of the cluster chosen in it.
   */
  clusters?: DemoCluster[];
}

/** One simulated cluster of a `--clusters` demo. */
export interface DemoCluster {
  name: string;
  url: string;
  /** Base of its REST API, for its simulator controls. */
  httpUrl: string;
}
