import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { MONITORING_WS_PATH } from '../core/protocol.js';
import { authorize } from './auth.js';
import type { AuthOptions } from './auth.js';
import { SimConnection } from './connection.js';
import { SimulatorCore } from './core.js';
import { CLIENT_QUEUE_LIMIT } from './frames.js';
import { createMonitoringWss, hostPort, pathOf, rawText, rejectUpgrade } from './http-util.js';
import { Recorder } from './recorder.js';
import { guardRequest } from './request-guard.js';
import type { GuardOptions } from './request-guard.js';
import { handleHttp } from './routes.js';
import type { Simulator, SimulatorOptions } from './types.js';

/** Starts a simulated Takhin monitoring server; resolves once it listens (rejects e.g. on EADDRINUSE). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = new SimulatorServer(options);
  await sim.listen(options.port ?? 0);
  return sim;
}

class SimulatorServer extends SimulatorCore implements Simulator {
  readonly host: string;
  port = 0;

  private readonly options: SimulatorOptions;
  private readonly auth?: AuthOptions;
  private readonly guard: GuardOptions;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly conns = new Map<number, SimConnection>();
  private readonly recorder?: Recorder;

  constructor(options: SimulatorOptions) {
    super(options, true);
    this.options = options;
    this.host = options.host ?? '127.0.0.1';
    this.auth = options.auth && {
      ...options.auth,
      acceptQueryToken: options.auth.acceptQueryToken ?? options.acceptQueryToken,
    };
    this.guard = { cors: options.cors, allowedHosts: options.allowedHosts };
    this.recorder = options.record ? new Recorder(options.record) : undefined;
    this.wss = createMonitoringWss();
    this.http = createServer((req, res) => {
      const denied = req.method === 'OPTIONS' ? null : authorize(req, this.auth);
      handleHttp(req, res, this, { denied, guard: this.guard, metrics: () => this.currentMetrics() });
    });
    this.http.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
  }

  get url(): string {
    return `ws://${hostPort(this.host, this.port)}${MONITORING_WS_PATH}`;
  }

  get httpUrl(): string {
    return `http://${hostPort(this.host, this.port)}`;
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
    this.shutdown(1006);
    for (const c of this.conns.values()) c.stop();
    this.conns.clear();
    await this.stopAccepting();
    this.wss.close();
    await this.recorder?.close();
  }

  protected stopAccepting(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.http.listening) return resolve();
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  protected startAccepting(): Promise<void> {
    return this.listen(this.port);
  }

  protected yieldToIo(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  protected override frameSent(connection: number, frame: string): void {
    super.frameSent(connection, frame);
    this.recorder?.frame(connection, frame);
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
    const c = new SimConnection(++this.totalConnections, ws, {
      queueLimit: this.options.queueLimit ?? CLIENT_QUEUE_LIMIT,
      maxPendingBytes: this.options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES,
      onFrame: (connection, frame) => this.frameSent(connection, frame),
    });
    this.conns.set(c.id, c);
    this.recorder?.open(c.id);
    c.heartbeat(this.options.pingIntervalMs ?? 54_000, this.options.pongTimeoutMs ?? 60_000);
    ws.on('message', (data) => this.receive(c, rawText(data)));
    ws.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.drop(c.id, 'too-large', '');
    });
    ws.on('close', (code) => {
      c.stop();
      this.conns.delete(c.id);
      this.detach(c.id, code);
    });
    this.attach(c, req.url ?? '');
  }
}

/** Open sockets beyond which upgrades are refused with 503. @default 256 */
export const DEFAULT_MAX_CLIENTS = 256;
/** Bytes a client may have pending before it counts as slow. @default 8 MiB */
export const DEFAULT_MAX_PENDING_BYTES = 8 * 1024 * 1024;
