import { MAX_CLIENT_MESSAGE_BYTES } from '../core/protocol.js';
import type { Dialect } from '../core/protocol.js';
import type { WebSocketFactory } from '../core/socket.js';
import { modelFor, type ClusterModel } from './cluster.js';
import type { TopicChangeOptions } from './cluster.js';
import { relayEvents } from './event-relay.js';
import { SimulatedSocket } from './fake-socket.js';
import type { SocketServerSide } from './fake-socket.js';
import { burstEvents, oversizedMetrics } from './faults.js';
import type { BurstType } from './faults.js';
import {
  decodeClientMessage,
  encodeMessage,
  malformedLine,
  mixMalformed,
  ModelClock,
  utf8Length,
} from './frames.js';
import { modeMetrics, resolveMode } from './mode.js';
import type { ClusterSize, Scenario } from './presets.js';
import type { DroppedMessage, ReceivedMessage } from './types.js';

export { SimulatedSocket } from './fake-socket.js';
export { ClusterModel, createCluster } from './cluster.js';
export { metricsFor } from './metrics.js';
export type {
  ClusterEvent,
  ClusterOptions,
  ClusterTotals,
  TopicChangeOptions,
  TruthSnapshot,
} from './cluster.js';
export { truthRates } from './truth.js';
export type { TruthRates } from './truth.js';
export type { ClusterShape, ClusterSize, Scenario } from './presets.js';

/** Options of {@link createSimulatedSocketFactory}. */
export interface SimulatedSocketOptions {
  /** How metrics are expressed. @default 'takhin' */
  dialect?: Dialect;
  /**
   * Whether counters and latency move (and `group_updated` may be sent); the real Console's stay at 0
   * (see `SimulatorOptions.instrumented`). @default false for 'takhin', true for 'spec'
   */
  instrumented?: boolean;
  /** Real ms between a topic or group change and its event (see `SimulatorOptions.eventDelayMs`). @default 0 */
  eventDelayMs?: number;
  /** Fixed commit interval of every group, ms. @default a random 1000–5000 per group */
  commitIntervalMs?: number;
  /** Seed of the cluster model. @default 1 */
  seed?: number;
  /** Cluster size. @default 'small' ('huge' for the 'huge' scenario) */
  size?: ClusterSize;
  /** Cluster behaviour. @default 'steady' */
  scenario?: Scenario;
  /** Real ms between metrics messages of one socket; the first comes one interval after open. @default 2000 */
  intervalMs?: number;
  /** Simulated time runs this many times faster than real time (timestamps run ahead too). @default 1 */
  speed?: number;
  /** Report group state changes as `group_updated`. @default instrumented */
  groupEvents?: boolean;
  /** Real ms before a new socket opens (or fails). @default 5 */
  openDelayMs?: number;
  /** Drive this model instead of creating one. @default undefined */
  model?: ClusterModel;
}

/** Fault and cluster controls shared by every socket of one factory. */
export interface SimulatedSocketControl {
  /** Open sockets now. */
  readonly sockets: number;
  /** Sockets created since the factory was made. */
  readonly totalSockets: number;
  /** Client messages decoded, in arrival order (`connection` is the socket's id). */
  readonly received: ReceivedMessage[];
  /** Client messages silently dropped (invalid JSON, float timestamp, …). */
  readonly dropped: DroppedMessage[];
  /** True while crashed. */
  readonly down: boolean;
  /** Open sockets close with 1006; new ones fail (error, then close 1006) for `ms`; counters reset. @default ms 3000 */
  crash(ms?: number): void;
  /** Nothing is sent for `ms` (forever if omitted); sockets stay open. */
  stall(ms?: number): void;
  resume(): void;
  /** A server restart: sockets close with 1006 and counters reset, with no downtime. */
  restart(): void;
  /** Creates a topic with `topic_created`, or none with `silent` (a Kafka client's doing). @default partitions 3 */
  createTopic(name: string, partitions?: number, options?: TopicChangeOptions): void;
  /** Deletes a topic with `topic_deleted`, or none with `silent`; false if there is no such topic. */
  deleteTopic(name: string, options?: TopicChangeOptions): boolean;
  stallGroup(groupId: string): boolean;
  resumeGroup(groupId: string): boolean;
  /** Broadcasts `count` events (messages only; the model is not changed). */
  burst(count: number, type?: BurstType): void;
  /** The next `count` frames of every socket each carry one malformed line. @default count 1 */
  injectMalformed(count?: number): void;
  /** Sends every socket a valid metrics message of at least `bytes`. @default bytes 4 MiB */
  sendOversized(bytes?: number): number;
  /** Closes every socket with an empty close frame (1005). */
  dropSlowClients(): number;
  /** Sends every socket its metrics now. */
  tick(): void;
  /** Closes every socket (1001) and stops every timer. */
  dispose(): void;
}

/** A {@link WebSocketFactory} whose sockets talk to an in-memory simulated Takhin server. */
export type SimulatedSocketFactory = WebSocketFactory & {
  model: ClusterModel;
  control: SimulatedSocketControl;
};

type Timer = ReturnType<typeof setTimeout>;

interface SocketState {
  socket: SimulatedSocket;
  queue: string[];
  flushTimer?: Timer;
  tickTimer?: ReturnType<typeof setInterval>;
  malformed: number;
}

/**
 * A WebSocket factory for browsers, Storybook and tests: no server, no Node APIs. Every socket it makes
 * behaves like one connected to a Takhin server — metrics every interval, events, pong, `\n`-joined
 * frames — driven by one shared {@link ClusterModel} and real timers.
 */
export function createSimulatedSocketFactory(options: SimulatedSocketOptions = {}): SimulatedSocketFactory {
  const mode = resolveMode(options);
  const { dialect, instrumented } = mode;
  const intervalMs = Math.max(1, options.intervalMs ?? 2000);
  const model = modelFor({ ...options, groupEvents: mode.groupEvents });
  const clock = new ModelClock(model, options.speed ?? 1);
  const states = new Map<SimulatedSocket, SocketState>();
  const received: ReceivedMessage[] = [];
  const dropped: DroppedMessage[] = [];
  const pending = new Set<Timer>();
  const connecting = new Set<SimulatedSocket>();
  let total = 0;
  let downUntil = 0;
  let restartPending = false;
  let stalledUntil = 0;
  let malformedSeq = 0;
  let burstSeq = 0;
  let pump: ReturnType<typeof setInterval> | undefined;

  const isDown = () => Date.now() < downUntil;
  const isStalled = () => Date.now() < stalledUntil;
  const later = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      pending.delete(t);
      fn();
    }, ms);
    pending.add(t);
  };

  const push = (s: SocketState, line: string) => {
    if (isStalled() || s.socket.readyState !== 1) return;
    s.queue.push(line);
    s.flushTimer ??= setTimeout(() => flush(s), 0);
  };
  const flush = (s: SocketState) => {
    s.flushTimer = undefined;
    let lines = s.queue;
    s.queue = [];
    if (lines.length === 0) return;
    if (s.malformed > 0) {
      s.malformed--;
      lines = mixMalformed(lines, malformedLine(malformedSeq++));
    }
    s.socket.serverFrame(lines.join('\n'));
  };
  const sendMetrics = (s: SocketState) => {
    if (isStalled()) return;
    clock.sync();
    push(s, encodeMessage({ type: 'metrics', data: modeMetrics(model, mode) }, model.nowSeconds));
  };
  const dispatch = (e: unknown) => {
    const line = JSON.stringify(e);
    for (const s of states.values()) push(s, line);
  };
  const stopEvents = relayEvents(model, mode, dispatch);

  const updatePump = () => {
    model.clientConnections = states.size;
    if (states.size > 0 && !pump) pump = setInterval(() => clock.sync(), Math.min(intervalMs, 1000));
    if (states.size === 0 && pump) {
      clearInterval(pump);
      pump = undefined;
    }
  };

  const server: SocketServerSide = {
    receive(socket, data) {
      const s = states.get(socket);
      if (!s) return;
      if (utf8Length(data) > MAX_CLIENT_MESSAGE_BYTES) {
        dropped.push({ connection: socket.id, reason: 'too-large', excerpt: data.slice(0, 200) });
        socket.serverClose(1009, 'message too big');
        return;
      }
      const verdict = decodeClientMessage(data);
      if (!verdict.ok) {
        dropped.push({ connection: socket.id, reason: verdict.reason, excerpt: data.slice(0, 200) });
        return;
      }
      const m = verdict.message;
      received.push({ ...m, connection: socket.id, raw: data });
      if (m.type === 'ping') push(s, encodeMessage({ type: 'pong', data: null }, model.nowSeconds));
    },
    closed(socket) {
      const s = states.get(socket);
      if (!s) return;
      clearInterval(s.tickTimer);
      clearTimeout(s.flushTimer);
      states.delete(socket);
      updatePump();
    },
  };

  const closeAll = (code: number) => {
    for (const s of [...states.values()]) s.socket.serverClose(code);
  };

  const factory: WebSocketFactory = (url: string) => {
    const socket = new SimulatedSocket(url, ++total, server);
    connecting.add(socket);
    later(() => {
      connecting.delete(socket);
      if (socket.readyState !== 0) return;
      if (isDown()) return socket.serverFail();
      if (restartPending) {
        // The restarted server counts from zero from when it came back.
        restartPending = false;
        clock.sync();
        model.restart();
      }
      const s: SocketState = { socket, queue: [], malformed: 0 };
      states.set(socket, s);
      updatePump();
      socket.serverOpen();
      // The page's onopen handler may already have closed it.
      if ((socket.readyState as number) === SimulatedSocket.OPEN)
        s.tickTimer = setInterval(() => sendMetrics(s), intervalMs);
    }, options.openDelayMs ?? 5);
    return socket;
  };

  const control: SimulatedSocketControl = {
    get sockets() {
      return states.size;
    },
    get totalSockets() {
      return total;
    },
    received,
    dropped,
    get down() {
      return isDown();
    },
    crash(ms = 3000) {
      downUntil = Date.now() + ms;
      restartPending = true;
      closeAll(1006);
    },
    stall(ms) {
      stalledUntil = ms === undefined ? Infinity : Date.now() + ms;
    },
    resume() {
      stalledUntil = 0;
    },
    restart() {
      closeAll(1006);
      model.restart();
    },
    createTopic(name, partitions = 3, change) {
      clock.sync();
      model.createTopic(name, partitions, change);
    },
    deleteTopic(name, change) {
      clock.sync();
      return model.deleteTopic(name, change);
    },
    stallGroup: (groupId) => model.stallGroup(groupId),
    resumeGroup: (groupId) => model.resumeGroup(groupId),
    burst(count, type) {
      for (const e of burstEvents(model, count, type, burstSeq)) dispatch(e);
      burstSeq += count;
    },
    injectMalformed(count = 1) {
      for (const s of states.values()) s.malformed += count;
    },
    sendOversized(bytes) {
      clock.sync();
      const line = encodeMessage(
        { type: 'metrics', data: oversizedMetrics(model, dialect, bytes, instrumented) },
        model.nowSeconds,
      );
      for (const s of states.values()) push(s, line);
      return utf8Length(line);
    },
    dropSlowClients() {
      const n = states.size;
      closeAll(1005);
      return n;
    },
    tick() {
      for (const s of states.values()) sendMetrics(s);
    },
    dispose() {
      stopEvents();
      for (const t of pending) clearTimeout(t);
      pending.clear();
      for (const socket of connecting) socket.serverFail();
      connecting.clear();
      closeAll(1001);
      for (const s of states.values()) server.closed(s.socket);
    },
  };

  return Object.assign(factory, { model, control });
}
