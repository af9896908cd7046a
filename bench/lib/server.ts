import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

const WS_PATH = '/api/monitoring/ws';
/** Where bench pages report progress while their main thread is too busy to answer the driver. */
export const PROBE_PATH = '/bench/probe';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the built bench pages statically and speaks just enough of the monitoring protocol for the
 * benchmarks (the bench decides what is sent and when; `ping` is answered with `pong`), on one
 * 127.0.0.1 port so that pages connect to their own origin.
 */
export class BenchServer {
  readonly clients = new Set<WebSocket>();
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly probes: WebSocketServer;
  private readonly waiters: Array<(ws: WebSocket) => void> = [];
  port = 0;
  /** The latest progress report of a page: the event count its app's handler has seen. */
  reportedEvents = 0;

  constructor(private readonly root: string) {
    this.http = createServer((req, res) => {
      void this.serveFile(req.url ?? '/', res);
    });
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    this.probes = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    this.http.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const target = path === WS_PATH ? this.wss : path === PROBE_PATH ? this.probes : null;
      if (!target) {
        socket.destroy();
        return;
      }
      target.handleUpgrade(req, socket, head, (ws) => target.emit('connection', ws, req));
    });
    this.probes.on('connection', (ws) => {
      ws.on('message', (raw) => {
        const report = JSON.parse(raw.toString()) as { events?: number };
        if (typeof report.events === 'number') this.reportedEvents = report.events;
      });
    });
    this.wss.on('connection', (ws) => {
      this.clients.add(ws);
      ws.on('close', () => this.clients.delete(ws));
      ws.on('message', (raw) => {
        const text = raw.toString();
        if (text.includes('"ping"')) {
          try {
            if ((JSON.parse(text) as { type?: unknown }).type === 'ping') {
              ws.send(JSON.stringify({ type: 'pong', data: null, timestamp: Math.floor(Date.now() / 1000) }));
            }
          } catch {
            // The real server ignores invalid JSON too.
          }
        }
      });
      for (const resolve of this.waiters.splice(0)) resolve(ws);
    });
  }

  static async start(root: string): Promise<BenchServer> {
    const server = new BenchServer(root);
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(0, '127.0.0.1', () => resolve());
    });
    server.port = (server.http.address() as AddressInfo).port;
    return server;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Resolves with the next client to connect (or one already connected). */
  nextClient(timeoutMs = 15_000): Promise<WebSocket> {
    const open = [...this.clients].find((ws) => ws.readyState === ws.OPEN);
    if (open) return Promise.resolve(open);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no WebSocket client connected')), timeoutMs);
      this.waiters.push((ws) => {
        clearTimeout(timer);
        resolve(ws);
      });
    });
  }

  /** Sends one text frame to every client. */
  broadcast(text: string): void {
    for (const ws of this.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  /** Bytes queued in the sockets but not yet handed to the OS. */
  get buffered(): number {
    let total = 0;
    for (const ws of this.clients) total += ws.bufferedAmount;
    return total;
  }

  dropClients(): void {
    for (const ws of this.clients) ws.terminate();
    this.clients.clear();
    for (const ws of this.probes.clients) ws.terminate();
    this.reportedEvents = 0;
  }

  async close(): Promise<void> {
    this.dropClients();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.probes.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async serveFile(url: string, res: import('node:http').ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
    const file = normalize(join(this.root, path));
    if (!file.startsWith(this.root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  }
}
