import type { Dialect, ServerMessage } from '../core/protocol.js';
import type { AuthOptions } from './auth.js';
import type { ClusterModel, TopicChangeOptions, TruthSnapshot } from './cluster.js';
import type { BurstType } from './faults.js';
import type { DecodedClientMessage, DropReason } from './frames.js';
import type { ClusterSize, Scenario } from './presets.js';

/**
 * What every simulated server reads, the Node one and the in-memory one: the cluster it models and the
 * kind of server it plays.
 */
export interface SimulationOptions {
  /** How metrics are expressed (see `metricsFor`). @default 'takhin' */
  dialect?: Dialect;
  /**
   * Whether the server feeds its throughput counters and latency (and may send `group_updated`). The
   * real Console does not: with `false` every `throughput.*`, `topicStats[].produceRate/fetchRate`,
   * `latency.*` and `activeConnections` is 0 on every tick, and only sizes, high-water marks and committed
   * offsets move. `true` gives cumulative counters and latency in seconds (`takhin`), or per-second rates
   * and ms (`spec`). @default false for 'takhin', true for 'spec'
   */
  instrumented?: boolean;
  /**
   * Real ms between a topic or group change and its event reaching the sockets, so that a metrics tick
   * may show the change first (a broadcast that arrives late). @default 0
   */
  eventDelayMs?: number;
  /**
   * Fixed commit interval of every group, ms (see `ClusterOptions.commitIntervalMs`). @default a random
   * 1000–5000 per group
   */
  commitIntervalMs?: number;
  /** Seed of the cluster model. @default 1 */
  seed?: number;
  /** Cluster size. @default 'small' ('huge' for the 'huge' scenario) */
  size?: ClusterSize;
  /** Cluster behaviour. @default 'steady' */
  scenario?: Scenario;
  /** Report group state changes as `group_updated` (the upstream server does not today). @default instrumented */
  groupEvents?: boolean;
  /** Metrics interval per connection, ms; the first metrics arrive one interval after connecting. @default 2000 */
  intervalMs?: number;
  /** Simulated time runs this many times faster than real time (timestamps run ahead too). @default 1 */
  speed?: number;
  /** Drive this model instead of creating one from seed/size/scenario. @default undefined */
  model?: ClusterModel;
}

/** Options of {@link startSimulator}. */
export interface SimulatorOptions extends SimulationOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string;
  /** Require an API key (HTTP 401 otherwise), on the WebSocket and on the REST routes. @default undefined (no auth) */
  auth?: AuthOptions;
  /**
   * Also accept the key as `?token=KEY` in the URL (same as `auth.acceptQueryToken`). The real server
   * reads only the `Authorization` header; turn this on to stand in for a proxy that turns a query token
   * into that header — the only way a browser, which cannot set WebSocket headers, gets through. @default false
   */
  acceptQueryToken?: boolean;
  /** Send `topic_created`/`topic_deleted` only to clients subscribed to `topic:NAME` (the real server does not filter). @default false */
  filterSubscriptions?: boolean;
  /** Refuse WebSocket upgrades past this many open sockets (HTTP 503). @default 256 */
  maxClients?: number;
  /**
   * Origins (exact, e.g. `https://dashboard.test:8443`, or `'*'`) whose pages may change the simulator
   * through REST (POST/DELETE), besides loopback ones (`http://localhost:*`, `http://127.0.0.1:*`,
   * `http://[::1]:*`). Reads (GET) are open to any origin. @default [] (loopback origins only)
   */
  cors?: readonly string[];
  /**
   * Host names the simulator answers to besides IP addresses, `localhost` and `*.localhost`; any other
   * `Host` header is refused with 421 (a guard against DNS rebinding). Needed when it is reached by name,
   * e.g. bound with `host: '0.0.0.0'` and opened as `http://mybox.lan:8080`. @default []
   */
  allowedHosts?: readonly string[];
  /** Write every frame sent to this NDJSON file (see `replaySimulator`). @default undefined */
  record?: string;
  /** Messages a client may have pending before it counts as slow (dropped with 1005 on the next event). @default 256 */
  queueLimit?: number;
  /**
   * Bytes a client may have pending (queued or not yet written to its socket) before it counts as slow,
   * with the same effect as `queueLimit`. The huge cluster's metrics are about 1 MB a line, so counting
   * lines alone would let one slow socket hold hundreds of MB. @default 8388608 (8 MiB)
   */
  maxPendingBytes?: number;
  /**
   * Total size of the client messages kept in `received` (their `raw` text, UTF-8); the oldest are
   * forgotten beyond it. @default 4194304 (4 MiB)
   */
  keepReceivedBytes?: number;
  /**
   * Longest `raw` text kept for one message in `received`, in UTF-8 bytes; a longer message is kept cut to
   * this size, with `truncated: true` and `data: null` (the `message` event still carries all of it).
   * @default 4096
   */
  keepMessageBytes?: number;
  /** Protocol-level PING period, ms; a client that sends no PONG for `pongTimeoutMs` is terminated. @default 54000 */
  pingIntervalMs?: number;
  /** @default 60000 */
  pongTimeoutMs?: number;
  /**
   * Reproduce the upstream bug where the server process dies shortly after any client disconnects:
   * `afterMs` after a disconnect the simulator crashes (see `crash`) for `downMs`. @default false
   */
  crashOnDisconnect?: boolean | { afterMs?: number; downMs?: number };
}

/** A client message the simulator decoded and acted on (or ignored, for unknown types). */
export interface ReceivedMessage extends DecodedClientMessage {
  /** Id of the connection it came on. */
  connection: number;
  /** The raw text (cut to `keepMessageBytes` in `received`, see `truncated`). */
  raw: string;
  /** Set when `raw` was cut and `data` dropped to keep `received` small. */
  truncated?: true;
}

/** A client message the simulator dropped, as the real server would, silently. */
export interface DroppedMessage {
  connection: number;
  reason: DropReason;
  /** The start of the raw text (at most 200 characters). */
  excerpt: string;
}

/** The channels one open connection has subscribed to. */
export interface ConnectionSubscriptions {
  connection: number;
  channels: string[];
}

/** What a {@link Simulator} reports through `on`. */
export interface SimulatorEvents {
  connection: { connection: number; url: string };
  disconnect: { connection: number; code: number };
  message: ReceivedMessage;
  dropped: DroppedMessage;
  frame: { connection: number; frame: string };
  /** A metrics message was queued for a connection; `truth` is what really happened up to it. */
  metrics: { connection: number; truth: TruthSnapshot };
  /** The listener closed (crash). */
  down: undefined;
  /** The listener is back after a crash. */
  up: undefined;
}

/** A running simulated Takhin monitoring server. */
export interface Simulator extends SimulatorControls {
  /** `ws://host:port/api/monitoring/ws` */
  readonly url: string;
  /** `http://host:port` */
  readonly httpUrl: string;
  readonly host: string;
  readonly port: number;
  readonly dialect: Dialect;
  /** Whether counters and latency move (see {@link SimulatorOptions.instrumented}). */
  readonly instrumented: boolean;
  readonly model: ClusterModel;
  /** Open sockets now. */
  readonly connections: number;
  /** Sockets accepted since start. */
  readonly totalConnections: number;
  /** Frames sent since start. */
  readonly framesSent: number;
  /** Subscriptions of each open connection. */
  readonly subscriptions: ConnectionSubscriptions[];
  /** False between a crash and the listener coming back. */
  readonly up: boolean;
  /** Stops everything and frees the port. */
  close(): Promise<void>;
}

/**
 * The faults and controls of a simulated server, the same on the Node server ({@link Simulator}) and on
 * the in-memory socket factory's `control`.
 */
export interface SimulatorControls {
  /** Every client message decoded, in arrival order (the latest 10,000, at most `keepReceivedBytes` of them). */
  readonly received: ReceivedMessage[];
  /** Every client message dropped (invalid JSON, float timestamp, …), in arrival order (the latest 10,000). */
  readonly dropped: DroppedMessage[];
  /**
   * Kills every socket abruptly (clients see 1006) and refuses new connections (the Node server stops
   * listening; new in-memory sockets fail with error, then 1006); after `ms` it takes connections again
   * with counters reset, as a restarted server. Resolves once down; ignored while already down.
   * @default ms 3000
   */
  crash(ms?: number): Promise<void>;
  /** Counters reset as after a restart; sockets are killed (1006) unless `keepConnections`. */
  restart(options?: { keepConnections?: boolean }): void;
  /** Sends nothing at all for `ms` (forever if omitted); sockets stay open. */
  stall(ms?: number): void;
  /** Ends a stall. */
  resume(): void;
  /** Closes every socket with an empty close frame (clients see 1005); returns how many. */
  dropSlowClients(): number;
  /** The next `count` frames of every connection each carry one malformed line. @default count 1 */
  injectMalformed(count?: number): void;
  /** Sends every connection a valid metrics message of at least `bytes`; returns its size. @default bytes 4 MiB */
  sendOversized(bytes?: number): number;
  /**
   * Broadcasts `count` events (messages only; the model is not changed) in chunks of 50, letting the
   * sockets write between chunks; resolves when all are queued. @default type 'topic_created'
   */
  burst(count: number, type?: BurstType): Promise<void>;
  /** Broadcasts a message (timestamp filled in) or raw line(s) to every connection. */
  broadcast(message: ServerMessage | string): void;
  /** Sends every connection its metrics now, besides the regular ticks. */
  tick(): void;
  /**
   * Creates a topic, as `POST /api/topics` does (`topic_created` is broadcast), or with `silent` as a
   * Kafka client would (no event). Throws like `ClusterModel.createTopic`. @default partitions 3
   */
  createTopic(name: string, partitions?: number, options?: TopicChangeOptions): void;
  /** Deletes a topic, with `topic_deleted` unless `silent`; false if there is no such topic. */
  deleteTopic(name: string, options?: TopicChangeOptions): boolean;
  /** Stops a group (it neither reads nor commits, so its lag grows); false if there is no such group. */
  stallGroup(groupId: string): boolean;
  /** Lets a stalled group consume again; false if there is no such group. */
  resumeGroup(groupId: string): boolean;
  /** Listens to simulator events; returns the function that stops listening. */
  on<E extends keyof SimulatorEvents>(event: E, listener: (payload: SimulatorEvents[E]) => void): () => void;
}
