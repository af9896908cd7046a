import type { MonitoringMetrics, ServerMessage } from '../core/protocol.js';
import { modelFor, type ClusterModel } from './cluster.js';
import type { ClusterEvent, TopicChangeOptions } from './cluster.js';
import { relayEvents } from './event-relay.js';
import { burstEvents, oversizedMetrics } from './faults.js';
import type { BurstType } from './faults.js';
import { decodeClientMessage, encodeMessage, ModelClock, utf8Length } from './frames.js';
import type { DropReason } from './frames.js';
import { Emitter } from '../core/emitter.js';
import { modeMetrics, resolveMode } from './mode.js';
import type { SimMode } from './mode.js';
import { ReceivedLog } from './received-log.js';
import type {
  ConnectionSubscriptions,
  DroppedMessage,
  ReceivedMessage,
  SimulatorControls,
  SimulationOptions,
  SimulatorEvents,
  SimulatorOptions,
} from './types.js';

/** What a queued line is; decides what happens when the client's queue is full. */
export type LineKind = 'event' | 'metrics' | 'pong';

/** One client connection as the simulator core sees it; each front end makes its own. */
export interface SimLink {
  readonly id: number;
  readonly subscriptions: Set<string>;
  /** Whether the client counts as slow: nothing more is queued for it. */
  readonly full: boolean;
  /** Queues one line for the next frame; false when it was not queued. */
  push(line: string, kind: LineKind): boolean;
  /** The next `count` frames each carry one malformed line besides their real messages. */
  injectMalformed(count: number): void;
  /** 1005: an empty close frame; 1006: the link dies without one; any other code: a close frame with it. */
  close(code: number): void;
}

/** The options the core reads; both front ends' options are supersets of these. */
export type CoreOptions = SimulationOptions &
  Pick<
    SimulatorOptions,
    'filterSubscriptions' | 'keepReceivedBytes' | 'keepMessageBytes' | 'crashOnDisconnect'
  >;

type Timer = ReturnType<typeof setTimeout>;

/** Dropped-message excerpts kept for inspection (200 characters each). */
const KEEP_DROPPED = 10_000;
/** Events queued per turn during a burst, so that only genuinely slow clients fill their queue. */
const BURST_CHUNK = 50;
/** Attempts to take connections again after a crash (the port may linger for a moment). */
const COME_BACK_ATTEMPTS = 50;

/** Timers of a simulator never keep a Node process alive; browsers have no `unref`. */
function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

/**
 * The simulated Takhin monitoring server without its transport: the cluster model and its clock, the
 * metrics tick of each connection, event fan-out, client-message handling, and every fault. The Node
 * server (`startSimulator`) and the in-memory socket factory (`createSimulatedSocketFactory`) extend it
 * and only carry lines to and from their sockets.
 */
export abstract class SimulatorCore implements SimulatorControls {
  readonly dialect: SimMode['dialect'];
  readonly instrumented: boolean;
  readonly model: ClusterModel;
  readonly dropped: DroppedMessage[] = [];
  /** Connection ids handed out so far. */
  totalConnections = 0;
  /** Frames handed to sockets so far. */
  framesSent = 0;
  /** False until the front end takes connections, and between a crash and its end. */
  up = false;

  protected readonly mode: SimMode;
  protected readonly clock: ModelClock;
  protected readonly intervalMs: number;
  protected readonly links = new Map<number, SimLink>();
  protected readonly events = new Emitter<SimulatorEvents>();
  protected closed = false;

  private readonly receivedLog: ReceivedLog;
  private readonly tickTimers = new Map<number, ReturnType<typeof setInterval>>();
  private readonly stopModelEvents: () => void;
  private pump?: ReturnType<typeof setInterval>;
  private stalledUntil = 0;
  private restartTimer?: Timer;
  private crashTimer?: Timer;
  private burstSeq = 0;

  /** @param keepTime whether the model follows the real clock while no client is connected */
  protected constructor(
    private readonly coreOptions: CoreOptions,
    private readonly keepTime: boolean,
  ) {
    this.mode = resolveMode(coreOptions);
    this.dialect = this.mode.dialect;
    this.instrumented = this.mode.instrumented;
    this.intervalMs = Math.max(1, coreOptions.intervalMs ?? 2000);
    this.model = modelFor({ ...coreOptions, groupEvents: this.mode.groupEvents });
    this.clock = new ModelClock(this.model, coreOptions.speed ?? 1);
    this.receivedLog = new ReceivedLog(coreOptions.keepReceivedBytes, coreOptions.keepMessageBytes);
    this.stopModelEvents = relayEvents(this.model, this.mode, (e) => this.dispatch(e));
    this.updatePump();
  }

  /** Stops taking connections (a crash): new ones are refused until {@link startAccepting}. */
  protected abstract stopAccepting(): Promise<void> | void;
  /** Takes connections again after a crash; may throw (and is then retried shortly). */
  protected abstract startAccepting(): Promise<void> | void;
  /** Lets the sockets write what is queued (between the chunks of a burst). */
  protected abstract yieldToIo(): Promise<void>;

  get received(): ReceivedMessage[] {
    return this.receivedLog.items;
  }

  get connections(): number {
    return this.links.size;
  }

  get subscriptions(): ConnectionSubscriptions[] {
    return [...this.links.values()].map((c) => ({ connection: c.id, channels: [...c.subscriptions] }));
  }

  on<E extends keyof SimulatorEvents>(event: E, listener: (payload: SimulatorEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  // ── faults and controls ──────────────────────────────────────────────────────────────────────────

  async crash(ms = 3000): Promise<void> {
    if (this.closed || !this.up) return;
    this.up = false;
    this.closeAll(1006);
    await this.stopAccepting();
    this.events.emit('down', undefined);
    this.restartTimer = setTimeout(() => void this.comeBack(0), ms);
  }

  restart(options: { keepConnections?: boolean } = {}): void {
    if (!options.keepConnections) this.closeAll(1006);
    this.model.restart();
  }

  stall(ms?: number): void {
    this.stalledUntil = ms === undefined ? Infinity : Date.now() + ms;
  }

  resume(): void {
    this.stalledUntil = 0;
  }

  dropSlowClients(): number {
    const n = this.links.size;
    this.closeAll(1005);
    return n;
  }

  injectMalformed(count = 1): void {
    for (const c of this.links.values()) c.injectMalformed(count);
  }

  sendOversized(bytes?: number): number {
    this.clock.sync();
    const data = oversizedMetrics(this.model, this.dialect, bytes, this.instrumented);
    const line = encodeMessage({ type: 'metrics', data }, this.model.nowSeconds);
    for (const c of this.links.values()) this.push(c, line, 'metrics');
    return utf8Length(line);
  }

  async burst(count: number, type: BurstType = 'topic_created'): Promise<void> {
    for (let done = 0; done < count && !this.closed; done += BURST_CHUNK) {
      const n = Math.min(BURST_CHUNK, count - done);
      for (const e of burstEvents(this.model, n, type, this.burstSeq)) this.dispatch(e);
      this.burstSeq += n;
      await this.yieldToIo();
    }
  }

  broadcast(message: ServerMessage | string): void {
    const line = typeof message === 'string' ? message : encodeMessage(message, this.model.nowSeconds);
    for (const c of this.links.values()) this.push(c, line, 'event');
  }

  tick(): void {
    for (const c of this.links.values()) this.sendMetrics(c);
  }

  createTopic(name: string, partitions = 3, options?: TopicChangeOptions): void {
    this.clock.sync();
    this.model.createTopic(name, partitions, options);
  }

  deleteTopic(name: string, options?: TopicChangeOptions): boolean {
    this.clock.sync();
    return this.model.deleteTopic(name, options);
  }

  stallGroup(groupId: string): boolean {
    return this.model.stallGroup(groupId);
  }

  resumeGroup(groupId: string): boolean {
    return this.model.resumeGroup(groupId);
  }

  // ── what the front ends call ─────────────────────────────────────────────────────────────────────

  /** The metrics this server would send right now (also for the REST route). */
  protected currentMetrics(): MonitoringMetrics {
    this.clock.sync();
    return modeMetrics(this.model, this.mode);
  }

  /** A connection opened: its metrics come every interval from now on. */
  protected attach(link: SimLink, url: string): void {
    this.links.set(link.id, link);
    this.tickTimers.set(link.id, unref(setInterval(() => this.sendMetrics(link), this.intervalMs)));
    this.updatePump();
    this.events.emit('connection', { connection: link.id, url });
  }

  /** A connection closed, from either side. */
  protected detach(id: number, code: number): void {
    if (!this.links.delete(id)) return;
    clearInterval(this.tickTimers.get(id));
    this.tickTimers.delete(id);
    this.updatePump();
    this.events.emit('disconnect', { connection: id, code });
    this.maybeCrashAfterDisconnect();
  }

  /** One client message arrived: decoded as the real server does, kept, and answered. */
  protected receive(link: SimLink, raw: string): void {
    const verdict = decodeClientMessage(raw);
    if (!verdict.ok) return this.drop(link.id, verdict.reason, raw);
    const record: ReceivedMessage = { ...verdict.message, connection: link.id, raw };
    this.receivedLog.add(record);
    this.events.emit('message', record);
    const { type, data } = verdict.message;
    if (type === 'ping') {
      this.push(link, encodeMessage({ type: 'pong', data: null }, this.model.nowSeconds), 'pong');
    } else if (type === 'subscribe' && typeof data === 'string') link.subscriptions.add(data);
    else if (type === 'unsubscribe' && typeof data === 'string') link.subscriptions.delete(data);
  }

  /** A client message the server ignores, silently as the real one does. */
  protected drop(connection: number, reason: DropReason, raw: string): void {
    const d: DroppedMessage = { connection, reason, excerpt: raw.slice(0, 200) };
    this.dropped.push(d);
    if (this.dropped.length > KEEP_DROPPED) this.dropped.splice(0, this.dropped.length - KEEP_DROPPED);
    this.events.emit('dropped', d);
  }

  /** A frame left for a connection. */
  protected frameSent(connection: number, frame: string): void {
    this.framesSent++;
    this.events.emit('frame', { connection, frame });
  }

  /** Stops every timer and closes every connection with `code`; nothing runs afterwards. */
  protected shutdown(code: number): void {
    this.closed = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.crashTimer);
    this.stopModelEvents();
    const links = [...this.links.values()];
    for (const c of links) c.close(code);
    for (const c of links) this.detach(c.id, code);
    clearInterval(this.pump);
    this.pump = undefined;
  }

  // ── inside ───────────────────────────────────────────────────────────────────────────────────────

  private get stalled(): boolean {
    return Date.now() < this.stalledUntil;
  }

  private push(c: SimLink, line: string, kind: Parameters<SimLink['push']>[1]): boolean {
    return !this.stalled && c.push(line, kind);
  }

  private closeAll(code: number): void {
    for (const c of [...this.links.values()]) c.close(code);
  }

  private dispatch(e: ClusterEvent): void {
    if (this.links.size === 0) return;
    const line = JSON.stringify(e);
    const topic = e.type === 'group_updated' ? null : `topic:${e.data.name}`;
    for (const c of this.links.values()) {
      if (this.coreOptions.filterSubscriptions && topic && !c.subscriptions.has(topic)) continue;
      this.push(c, line, 'event');
    }
  }

  private sendMetrics(c: SimLink): void {
    if (this.stalled || c.full) return;
    const line = encodeMessage({ type: 'metrics', data: this.currentMetrics() }, this.model.nowSeconds);
    if (c.push(line, 'metrics')) this.events.emit('metrics', { connection: c.id, truth: this.model.truth() });
  }

  /** Keeps the model on the real clock: always, or while someone is connected. */
  private updatePump(): void {
    this.model.clientConnections = this.links.size;
    const wanted = !this.closed && (this.keepTime || this.links.size > 0);
    if (wanted && !this.pump) {
      this.pump = unref(setInterval(() => this.clock.sync(), Math.min(this.intervalMs, 1000)));
    } else if (!wanted && this.pump) {
      clearInterval(this.pump);
      this.pump = undefined;
    }
  }

  private async comeBack(attempt: number): Promise<void> {
    if (this.closed) return;
    try {
      await this.startAccepting();
    } catch {
      if (attempt < COME_BACK_ATTEMPTS)
        this.restartTimer = setTimeout(() => void this.comeBack(attempt + 1), 100);
      return;
    }
    // The restarted process counts from zero from now on.
    this.clock.sync();
    this.model.restart();
    this.up = true;
    this.events.emit('up', undefined);
  }

  private maybeCrashAfterDisconnect(): void {
    const opt = this.coreOptions.crashOnDisconnect;
    if (!opt || this.crashTimer || !this.up || this.closed) return;
    const { afterMs = 1500, downMs = 3000 } = opt === true ? {} : opt;
    this.crashTimer = setTimeout(() => {
      this.crashTimer = undefined;
      void this.crash(downMs);
    }, afterMs);
  }
}
