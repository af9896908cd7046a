import type { Dialect } from '../core/protocol.js';
import { SCENARIOS, SIZE_NAMES } from './presets.js';
import type { ClusterSize, Scenario } from './presets.js';
import { integerFlag as integer, oneOfFlag as oneOf, parseFlags, UsageError } from './flags.js';

export { UsageError };

/** What `takhin-sim` was asked to do. */
export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  dialect: Dialect;
  instrumented?: boolean;
  seed: number;
  size: ClusterSize;
  scenario: Scenario;
  intervalMs: number;
  apiKey?: string;
  acceptQueryToken: boolean;
  filterSubscriptions: boolean;
  /** false with --no-group-events; otherwise the simulator's default (on when instrumented). */
  groupEvents?: boolean;
  maxClients?: number;
  /** Reproduce the upstream crash after a client disconnects: `{ afterMs, downMs }`, or undefined. */
  crashOnDisconnect?: { afterMs: number; downMs: number };
  cors: string[];
  allowedHosts: string[];
  record?: string;
  replay?: string;
  speed: number;
  loop: boolean;
}

export const HELP = `Usage: takhin-sim [options]

A simulated Takhin monitoring server: ws://HOST:PORT/api/monitoring/ws plus REST
(GET /api/monitoring/metrics, /api/topics, /api/consumer-groups, /api/consumer-groups/ID;
POST /api/topics {name, partitions, silent}; DELETE /api/topics/NAME[?silent=1], where
silent means no topic event, as when a Kafka client makes the change) and demo
controls under /api/sim/ (POST crash {seconds},
stall {seconds}, resume, restart, stall-group {groupId}, resume-group {groupId},
burst {count}, malformed {count}, oversized, drop-clients; GET status).

Options:
  -p, --port N              TCP port to listen on; 0 picks a free one (default 8080)
      --host ADDR           interface to bind (default 127.0.0.1)
      --dialect D           takhin: the real Console as it ships, whose throughput,
                            latency and connection figures stay at 0 (only sizes,
                            high-water marks and committed offsets move) and which
                            never sends group_updated; spec: per-second rates,
                            latency in ms, as the quick reference describes
                            (default takhin)
      --instrumented        with --dialect takhin, feed the counters: cumulative
                            counters and latency in seconds, and group_updated
                            (spec is always instrumented)
      --seed N              integer seed; the same seed gives the same cluster (default 1)
      --size S              empty | small | medium | huge, or TxPxGxK for T topics of P
                            partitions and G groups of K topics (default small;
                            huge = 1000x12x200x5)
      --scenario S          steady | burst | lagging | rebalancing | flapping | huge
                            (default steady)
      --interval MS         metrics interval per connection in ms (default 2000)
      --api-key K           require "Authorization: K" or "Authorization: Bearer K"
                            (HTTP 401 otherwise). Prefer TAKHIN_SIM_API_KEY: a flag
                            is visible to every user in the process list
      --accept-query-token  with --api-key, also accept ?token=K in the URL (the real
                            server does not; a proxy in front of it may)
      --filter-subscriptions
                            send topic events only to clients subscribed to topic:NAME
                            (the real server does not filter)
      --no-group-events     never send group_updated, even when instrumented
      --max-clients N       refuse WebSocket clients beyond N (HTTP 503; default 256)
      --crash-on-disconnect
                            crash (refuse connections) 1.5 s after any client disconnects,
                            as the current upstream server does, and come back after
                            --crash-down MS (default 3000)
      --crash-down MS       how long a crash lasts (with --crash-on-disconnect)
      --cors ORIGINS        comma-separated origins (e.g. https://app.test:8443, or *)
                            whose pages may POST/DELETE, besides http://localhost:*,
                            http://127.0.0.1:* and http://[::1]:*; others get 403
      --allowed-host NAMES  comma-separated host names to answer to besides IP
                            addresses and localhost (others get 421), e.g. with
                            --host 0.0.0.0 reached as http://mybox.lan:8080
      --record FILE         write every frame sent to FILE as NDJSON
      --replay FILE         serve a recording instead of a live cluster
      --speed X             replay speed multiplier, e.g. 10 (default 1; with --replay)
      --loop                start the replay over when it ends (with --replay)
  -h, --help                show this help and exit

Environment:
  TAKHIN_SIM_API_KEY        same as --api-key (--api-key wins), without showing the key
                            in the process list

Exit codes: 0 after SIGINT/SIGTERM, 1 when the server cannot start (e.g. port busy),
2 on a bad option or value.
`;

/** The flags `takhin-sim` takes. */
const CLI_FLAGS = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  dialect: { type: 'string' },
  instrumented: { type: 'boolean' },
  seed: { type: 'string' },
  size: { type: 'string' },
  scenario: { type: 'string' },
  interval: { type: 'string' },
  'api-key': { type: 'string' },
  'accept-query-token': { type: 'boolean' },
  'filter-subscriptions': { type: 'boolean' },
  'no-group-events': { type: 'boolean' },
  'max-clients': { type: 'string' },
  'crash-on-disconnect': { type: 'boolean' },
  'crash-down': { type: 'string' },
  cors: { type: 'string' },
  'allowed-host': { type: 'string' },
  record: { type: 'string' },
  replay: { type: 'string' },
  speed: { type: 'string' },
  loop: { type: 'boolean' },
} as const;

/**
 * Parses `takhin-sim` arguments (without the node and script paths) and the environment. Throws
 * {@link UsageError}.
 */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  const values = parseFlags(argv, CLI_FLAGS);
  const str = (k: string) => values[k] as string | undefined;
  const envKey = env.TAKHIN_SIM_API_KEY?.trim() ? env.TAKHIN_SIM_API_KEY : undefined;
  const apiKey = str('api-key') ?? envKey;
  const options: CliOptions = {
    help: values.help === true,
    port: integer('--port', str('port') ?? '8080', 0, 65535),
    host: nonEmpty('--host', str('host') ?? '127.0.0.1'),
    dialect: oneOf('--dialect', str('dialect') ?? 'takhin', ['takhin', 'spec']) as Dialect,
    instrumented: values.instrumented === true ? true : undefined,
    seed: integer('--seed', str('seed') ?? '1', -(2 ** 53 - 1), 2 ** 53 - 1),
    size: size(str('size') ?? 'small'),
    scenario: oneOf('--scenario', str('scenario') ?? 'steady', SCENARIOS) as Scenario,
    intervalMs: integer('--interval', str('interval') ?? '2000', 1, 3_600_000),
    apiKey: apiKey === undefined ? undefined : nonEmpty('--api-key', apiKey),
    acceptQueryToken: values['accept-query-token'] === true,
    filterSubscriptions: values['filter-subscriptions'] === true,
    groupEvents: values['no-group-events'] === true ? false : undefined,
    maxClients:
      str('max-clients') === undefined
        ? undefined
        : integer('--max-clients', str('max-clients') as string, 1, 1e9),
    crashOnDisconnect:
      values['crash-on-disconnect'] === true
        ? { afterMs: 1500, downMs: integer('--crash-down', str('crash-down') ?? '3000', 0, 3_600_000) }
        : undefined,
    cors: list('--cors', str('cors')),
    allowedHosts: list('--allowed-host', str('allowed-host')),
    record: str('record') === undefined ? undefined : nonEmpty('--record', str('record') as string),
    replay: str('replay') === undefined ? undefined : nonEmpty('--replay', str('replay') as string),
    speed: str('speed') === undefined ? 1 : positiveNumber('--speed', str('speed') as string),
    loop: values.loop === true,
  };
  checkCombinations(options, (k) => str(k) !== undefined);
  return options;
}

/** Options that only make sense together. */
function checkCombinations(options: CliOptions, given: (flag: string) => boolean): void {
  if (given('crash-down') && !options.crashOnDisconnect)
    throw new UsageError('--crash-down only applies with --crash-on-disconnect');
  if (options.acceptQueryToken && !options.apiKey)
    throw new UsageError('--accept-query-token needs --api-key');
  if (!options.replay && (given('speed') || options.loop)) {
    throw new UsageError('--speed and --loop only apply with --replay');
  }
  if (options.replay && options.record) throw new UsageError('--record and --replay cannot be combined');
}

function positiveNumber(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} must be a positive number, got "${text}"`);
  }
  return n;
}

function list(flag: string, text: string | undefined): string[] {
  if (text === undefined) return [];
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new UsageError(`${flag} needs a value`);
  return items;
}

function nonEmpty(flag: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`${flag} needs a value`);
  return text;
}

function size(text: string): ClusterSize {
  if (SIZE_NAMES.includes(text)) return text as ClusterSize;
  const m = /^(\d+)x(\d+)x(\d+)x(\d+)$/.exec(text);
  if (!m) throw new UsageError(`--size must be one of ${SIZE_NAMES.join(', ')} or TxPxGxK, got "${text}"`);
  const [topics, partitionsPerTopic, groups, topicsPerGroup] = m.slice(1).map(Number);
  if (
    topics > 100_000 ||
    partitionsPerTopic > 10_000 ||
    groups > 100_000 ||
    (topics > 0 && partitionsPerTopic < 1)
  ) {
    throw new UsageError(`--size ${text} is out of range`);
  }
  return { topics, partitionsPerTopic, groups, topicsPerGroup };
}
