import type { Dialect } from '../src/core/protocol.js';
import { SCENARIOS } from '../src/sim/presets.js';
import type { Scenario } from '../src/sim/presets.js';
import type { DemoOptions } from './demo-server.js';
import { integerFlag as integer, oneOfFlag as oneOf, parseFlags, UsageError } from '../src/sim/flags.js';

export { UsageError };

/** What `npm start` was asked to do. */
export interface DemoCommand {
  help: boolean;
  options: DemoOptions;
  /** Things worth telling the person, such as an API key that goes unused. */
  notes: string[];
}

export const DEMO_HELP = `Usage: npm start [-- options]

Serves the takhin-react demo: the full Dashboard, live. By default it also runs the
embedded Takhin simulator, playing the real Takhin Console as it ships (its throughput
and latency figures stay at 0, so the page derives rates from offsets), with buttons
to create and delete topics (with their events, or silently as a Kafka client would),
stall a consumer group, crash or silence the server. With --url (or TAKHIN_URL) it
shows a real Takhin server instead.

Options:
      --url URL        monitoring WebSocket of a real server, e.g.
                       ws://HOST:8080/api/monitoring/ws (no simulator is started)
      --dialect D      takhin: the real server's wire format (cumulative counters, latency
                       in seconds); spec: per-second rates and latency in ms, as the
                       quick reference describes (default takhin)
      --instrumented   simulator whose counters and latency move and which sends
                       group_updated (a Console that feeds its metrics); without it the
                       takhin simulator shows what the real Console sends today
      --scenario S     simulator behaviour: ${SCENARIOS.join(' | ')}
                       (default steady)
      --seed N         simulator seed; the same seed gives the same cluster (default 1)
      --interval MS    simulator metrics interval in ms (default 1000)
      --clusters N     run N simulated clusters (1 to 8, default 1), each its own
                       simulator; with more than one the page shows a ClusterOverview
                       and the Dashboard of the cluster chosen in it
      --port N         port of the page (default 5173; a free one when taken; 0 = any)
      --sim-port N     port of the simulator (default 8080; a free one when taken; 0 = any)
  -h, --help           show this help and exit

Environment:
  TAKHIN_URL           same as --url (--url wins)
  TAKHIN_API_KEY       API key of the real server. The page cannot send it (browsers set
                       no headers on a WebSocket), so the dev server proxies the WebSocket
                       and the REST calls and adds "Authorization: Bearer KEY"; the page
                       connects to the proxy and neither it nor this output ever shows the
                       key. Read from the environment only, to keep it out of shell
                       history and process lists.

Ctrl+C (or SIGTERM) stops everything; the exit code is then 0. A bad option exits
with 2, a failure to start with 1.
`;

/** Parses `npm start` arguments (without node and script paths) and the environment. */
export function parseDemoArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): DemoCommand {
  const values = parseFlags(argv, {
    help: { type: 'boolean', short: 'h' },
    url: { type: 'string' },
    dialect: { type: 'string' },
    instrumented: { type: 'boolean' },
    scenario: { type: 'string' },
    seed: { type: 'string' },
    interval: { type: 'string' },
    clusters: { type: 'string' },
    port: { type: 'string' },
    'sim-port': { type: 'string' },
  });
  const text = (key: string) => values[key] as string | undefined;
  const notes: string[] = [];
  const url = nonEmpty(text('url')) ?? nonEmpty(env.TAKHIN_URL);
  const apiKey = nonEmpty(env.TAKHIN_API_KEY);
  const options: DemoOptions = {
    dialect: oneOf('--dialect', text('dialect') ?? 'takhin', ['takhin', 'spec']) as Dialect,
    webPort: integer('--port', text('port') ?? '5173', 0, 65535),
  };
  if (url) {
    if (values.instrumented === true) {
      throw new UsageError('--instrumented applies to the simulator, which does not run with --url');
    }
    for (const simulatorOnly of ['scenario', 'seed', 'interval', 'sim-port', 'clusters']) {
      if (text(simulatorOnly) !== undefined) {
        throw new UsageError(`--${simulatorOnly} applies to the simulator, which does not run with --url`);
      }
    }
    options.url = url;
    options.apiKey = apiKey;
  } else {
    if (apiKey)
      notes.push('TAKHIN_API_KEY is set but unused: the simulator needs no key (set TAKHIN_URL to use it).');
    if (values.instrumented === true) options.instrumented = true;
    options.scenario = oneOf('--scenario', text('scenario') ?? 'steady', SCENARIOS) as Scenario;
    options.seed = integer('--seed', text('seed') ?? '1', -(2 ** 53 - 1), 2 ** 53 - 1);
    options.intervalMs = integer('--interval', text('interval') ?? '1000', 50, 3_600_000);
    options.simPort = integer('--sim-port', text('sim-port') ?? '8080', 0, 65535);
    const clusters = integer('--clusters', text('clusters') ?? '1', 1, 8);
    if (clusters > 1) options.clusters = clusters;
  }
  return { help: values.help === true, options, notes };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
