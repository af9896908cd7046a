import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { MONITORING_WS_PATH } from '../core/protocol.js';
import type { Dialect, ServerMessage } from '../core/protocol.js';
import { authorize } from './auth.js';
import type { AuthOptions } from './auth.js';
import { modelFor, type ClusterModel } from './cluster.js';
import type { ClusterEvent, TopicChangeOptions } from './cluster.js';
import { SimConnection } from './connection.js';
import type { LineKind } from './connection.js';
import { burstEvents, oversizedMetrics } from './faults.js';
import type { BurstType } from './faults.js';
import { CLIENT_QUEUE_LIMIT, decodeClientMessage, encodeMessage, ModelClock } from './frames.js';
import { Listeners } from './listeners.js';
import { relayEvents } from './event-relay.js';
import { modeMetrics, resolveMode } from './mode.js';
import type { SimMode } from './mode.js';
import { Recorder } from './recorder.js';
import { ReceivedLog } from './received-log.js';
import { createMonitoringWss, hostPort, pathOf, rawText, rejectUpgrade } from './http-util.js';
import { guardRequest } from './request-guard.js';
import type { GuardOptions } from './request-guard.js';
import { handleHttp } from './routes.js';
import type { Simulator, SimulatorEvents, SimulatorOptions, ConnectionSubscriptions } from './types.js';
import type { DroppedMessage, ReceivedMessage } from './types.js';

/** Starts a simulated Takhin monitoring server; resolves once it listens (rejects e.g. on EADDRINUSE). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = new SimulatorServer(options);
  await sim.listen(options.port ?? 0);
  return sim;
}

class SimulatorServer implements Simulator {
  readonly host: string;
  readonly dialect: Dialect;
  readonly instrumented: boolean;
  readonly model: ClusterModel;
  readonly dropped: DroppedMessage[] = [];
  totalConnections = 0;
  framesSent = 0;
  up = false;
  port = 0;

  private readonly options: SimulatorOptions;
  private readonly mode: SimMode;
  private readonly auth?: AuthOptions;
  private readonly guard: GuardOptions;
  private readonly receivedLog: ReceivedLog;
  private readonly intervalMs: number;
  private readonly clock: ModelClock;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly conns = new Map<number, SimConnection>();
  private readonly events = new Listeners<SimulatorEvents>();
  private readonly recorder?: Recorder;
  private readonly pump: ReturnType<typeof setInterval>;
  private readonly stopModelEvents: () => void;
  private stalledUntil = 0;
  private restartTimer?: ReturnType<typeof setTimeout>;
  private crashTimer?: ReturnType<typeof setTimeout>;
  private closed = false;
  private burstSeq = 0;

  constructor(options: SimulatorOptions) {
    this.options = options;
    this.host = options.host ?? '127.0.0.1';
    this.auth = options.auth && {
      ...options.auth,
      acceptQueryToken: options.auth.acceptQueryToken ?? options.acceptQueryToken,
    };
    this.guard = { cors: options.cors, allowedHosts: options.allowedHosts };
    this.receivedLog = new ReceivedLog(options.keepReceivedBytes, options.keepMessageBytes);
    this.mode = resolveMode(options);
    this.dialect = this.mode.dialect;
    this.instrumented = this.mode.instrumented;
    this.intervalMs = Math.max(1, options.intervalMs ?? 2000);
    this.model = modelFor({ ...options, groupEvents: this.mode.groupEvents });
    this.clock = new ModelClock(this.model);
    this.recorder = options.record ? new Recorder(options.record) : undefined;
    this.wss = createMonitoringWss();
    this.http = createServer((req, res) => {
      const denied = req.method === 'OPTIONS' ? null : authorize(req, this.auth);
      handleHttp(req, res, this, {
        denied,
        guard: this.guard,
        metrics: () => {
          this.clock.sync();
          return modeMetrics(this.model, this.mode);
        },
      });
    });
    this.http.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    this.stopModelEvents = relayEvents(this.model, this.mode, (e) => this.dispatch(e));
    this.pump = setInterval(() => this.clock.sync(), Math.min(this.intervalMs, 1000));
    this.pump.unref();
  }

  get url(): string {
    return `ws://${hostPort(this.host, this.port)}${MONITORING_WS_PATH}`;
  }

  get httpUrl(): string {
    return `http://${hostPort(this.host, this.port)}`;
  }

  get received(): ReceivedMessage[] {
    return this.receivedLog.items;
  }

  get connections(): number {
    return this.conns.size;
  }

  get subscriptions(): ConnectionSubscriptions[] {
    return [...this.conns.values()].map((c) => ({ connection: c.id, channels: [...c.subscriptions] }));
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.http.once('error', onError);
      this.http.listen(port, this.host, () => {
        this.http.off('error', onError);
        const address = this.http.address();
        this.port = typeof address === 'object' && address ? address.port : port;
        this.up = true;
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pump);
    clearTimeout(this.restartTimer);
    clearTimeout(this.crashTimer);
    this.stopModelEvents();
    for (const c of this.conns.values()) {
      c.stop();
      c.ws.terminate();
    }
    this.conns.clear();
    await this.stopListening();
    this.wss.close();
    await this.recorder?.close();
  }

  async crash(ms = 3000): Promise<void> {
    if (this.closed || !this.up) return;
    this.up = false;
    this.terminateAll();
    await this.stopListening();
    this.events.emit('down', undefined);
    this.restartTimer = setTimeout(() => void this.comeBack(0), ms);
  }

  restart(options: { keepConnections?: boolean } = {}): void {
    if (!options.keepConnections) this.terminateAll();
    this.model.restart();
  }

  stall(ms?: number): void {
    this.stalledUntil = ms === undefined ? Infinity : Date.now() + ms;
  }

  resume(): void {
    this.stalledUntil = 0;
  }

  dropSlowClients(): number {
    const n = this.conns.size;
    // No code means an empty close frame, which clients report as 1005.
    for (const c of this.conns.values()) c.ws.close();
    return n;
  }

  injectMalformed(count = 1): void {
    for (const c of this.conns.values()) c.injectMalformed(count);
  }

  sendOversized(bytes?: number): number {
    this.clock.sync();
    const line = encodeMessage(
      {
        type: 'metrics',
        data: oversizedMetrics(this.model, this.dialect, bytes, this.instrumented),
      },
      this.model.nowSeconds,
    );
    for (const c of this.conns.values()) this.push(c, line, 'metrics');
    return Buffer.byteLength(line);
  }

  async burst(count: number, type: BurstType = 'topic_created'): Promise<void> {
    const chunk = 50;
    for (let done = 0; done < count && !this.closed; done += chunk) {
      const n = Math.min(chunk, count - done);
      for (const e of burstEvents(this.model, n, type, this.burstSeq)) this.dispatch(e);
      this.burstSeq += n;
      // Let the sockets drain between chunks so that only genuinely slow clients fill their queue.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  broadcast(message: ServerMessage | string): void {
    const line = typeof message === 'string' ? message : encodeMessage(message, this.model.nowSeconds);
    for (const c of this.conns.values()) this.push(c, line, 'event');
  }

  tick(): void {
    for (const c of this.conns.values()) this.sendMetrics(c);
  }

  createTopic(name: string, partitions = 3, options?: TopicChangeOptions): void {
    this.clock.sync();
    this.model.createTopic(name, partitions, options);
  }

  deleteTopic(name: string, options?: TopicChangeOptions): boolean {
    this.clock.sync();
    return this.model.deleteTopic(name, options);
  }

  on<E extends keyof SimulatorEvents>(event: E, listener: (payload: SimulatorEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  private async comeBack(attempt: number): Promise<void> {
    if (this.closed) return;
    try {
      await this.listen(this.port);
      // The restarted process counts from zero from now on.
      this.clock.sync();
      this.model.restart();
      this.events.emit('up', undefined);
    } catch {
      // The port may linger for a moment; a real supervisor would retry too.
      if (attempt < 50) this.restartTimer = setTimeout(() => void this.comeBack(attempt + 1), 100);
    }
  }

  private stopListening(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.http.listening) return resolve();
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private terminateAll(): void {
    for (const c of this.conns.values()) c.ws.terminate();
  }

  private get stalled(): boolean {
    return Date.now() < this.stalledUntil;
  }

  private push(c: SimConnection, line: string, kind: LineKind): void {
    if (!this.stalled) c.push(line, kind);
  }

  private dispatch(e: ClusterEvent): void {
    if (this.conns.size === 0) return;
    const line = JSON.stringify(e);
    const topic = e.type === 'group_updated' ? null : `topic:${e.data.name}`;
    for (const c of this.conns.values()) {
      if (this.options.filterSubscriptions && topic && !c.subscriptions.has(topic)) continue;
      this.push(c, line, 'event');
    }
  }

  private sendMetrics(c: SimConnection): void {
    if (this.stalled || c.full) return;
    this.clock.sync();
    const line = encodeMessage(
      { type: 'metrics', data: modeMetrics(this.model, this.mode) },
      this.model.nowSeconds,
    );
    if (c.push(line, 'metrics')) this.events.emit('metrics', { connection: c.id, truth: this.model.truth() });
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = pathOf(req.url);
    if (path === null) return rejectUpgrade(socket, 400, { error: 'cannot parse the request target' });
    const refused = guardRequest(req, this.guard);
    if (refused) return rejectUpgrade(socket, refused.status, { error: refused.error });
    if (path !== MONITORING_WS_PATH) return rejectUpgrade(socket, 404, { error: 'not found' });
    const denied = authorize(req, this.auth);
    if (denied) return rejectUpgrade(socket, 401, { error: denied });
    if (this.conns.size >= (this.options.maxClients ?? DEFAULT_MAX_CLIENTS)) {
      return rejectUpgrade(socket, 503, { error: 'too many clients' });
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const id = ++this.totalConnections;
    const c = new SimConnection(id, ws, {
      queueLimit: this.options.queueLimit ?? CLIENT_QUEUE_LIMIT,
      maxPendingBytes: this.options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES,
      onFrame: (connection, frame) => {
        this.framesSent++;
        this.recorder?.frame(connection, frame);
        this.events.emit('frame', { connection, frame });
      },
    });
    this.conns.set(id, c);
    this.model.clientConnections = this.conns.size;
    this.recorder?.open(id);
    c.every(this.intervalMs, () => this.sendMetrics(c));
    c.heartbeat(this.options.pingIntervalMs ?? 54_000, this.options.pongTimeoutMs ?? 60_000);
    ws.on('message', (data) => this.receive(c, data));
    ws.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.drop(c.id, 'too-large', '');
    });
    ws.on('close', (code) => {
      c.stop();
      this.conns.delete(id);
      this.model.clientConnections = this.conns.size;
      this.events.emit('disconnect', { connection: id, code });
      this.maybeCrashAfterDisconnect();
    });
    this.events.emit('connection', { connection: id, url: req.url ?? '' });
  }

  private receive(c: SimConnection, data: RawData): void {
    const raw = rawText(data);
    const verdict = decodeClientMessage(raw);
    if (!verdict.ok) return this.drop(c.id, verdict.reason, raw);
    const record: ReceivedMessage = { ...verdict.message, connection: c.id, raw };
    this.receivedLog.add(record);
    this.events.emit('message', record);
    const m = verdict.message;
    if (m.type === 'ping')
      this.push(c, encodeMessage({ type: 'pong', data: null }, this.model.nowSeconds), 'pong');
    else if (m.type === 'subscribe' && typeof m.data === 'string') c.subscriptions.add(m.data);
    else if (m.type === 'unsubscribe' && typeof m.data === 'string') c.subscriptions.delete(m.data);
  }

  private drop(connection: number, reason: DroppedMessage['reason'], raw: string): void {
    const d: DroppedMessage = { connection, reason, excerpt: raw.slice(0, 200) };
    keepRecent(this.dropped, d);
    this.events.emit('dropped', d);
  }

  private maybeCrashAfterDisconnect(): void {
    const opt = this.options.crashOnDisconnect;
    if (!opt || this.crashTimer || !this.up || this.closed) return;
    const { afterMs = 1500, downMs = 3000 } = opt === true ? {} : opt;
    this.crashTimer = setTimeout(() => {
      this.crashTimer = undefined;
      void this.crash(downMs);
    }, afterMs);
  }
}

/** Dropped-message excerpts kept for inspection (200 characters each). */
const KEEP_MESSAGES = 10_000;
/** Open sockets beyond which upgrades are refused with 503. @default 256 */
export const DEFAULT_MAX_CLIENTS = 256;
/** Bytes a client may have pending before it counts as slow. @default 8 MiB */
export const DEFAULT_MAX_PENDING_BYTES = 8 * 1024 * 1024;

function keepRecent<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > KEEP_MESSAGES) list.splice(0, list.length - KEEP_MESSAGES);
}
