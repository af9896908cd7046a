import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A WebSocket server on 127.0.0.1 whose frames the test writes by hand, for cases that need exact bytes
 * (a bad line between two good ones). Everything else uses the simulator.
 */
export interface ScriptedServer {
  url: string;
  port: number;
  /** Sockets open right now. */
  readonly open: WebSocket[];
  /** Connections accepted since start. */
  readonly accepted: number;
  /** Every text message received from clients, parsed when it is JSON. */
  readonly received: unknown[];
  /** Sends one raw frame to every open socket. */
  broadcast(frame: string): void;
  /** Resolves when at least `count` sockets have been accepted in total. */
  waitForConnections(count: number, timeoutMs?: number): Promise<void>;
  /** Drops every socket abruptly (clients see 1006) and stops listening. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  let http: Server | null = null;
  let wss: WebSocketServer | null = null;
  const open = new Set<WebSocket>();
  const received: unknown[] = [];
  let accepted = 0;
  let port = 0;
  const waiters: Array<() => void> = [];

  async function listen(): Promise<void> {
    http = createServer((_req, res) => {
      res.statusCode = 400;
      res.end();
    });
    wss = new WebSocketServer({ server: http, path: '/api/monitoring/ws' });
    wss.on('connection', (socket) => {
      accepted += 1;
      open.add(socket);
      socket.on('message', (data) => {
        const text = data.toString();
        try {
          received.push(JSON.parse(text));
        } catch {
          received.push(text);
        }
      });
      socket.on('close', () => open.delete(socket));
      for (const wake of waiters.splice(0)) wake();
    });
    await new Promise<void>((resolve) => http!.listen(port, '127.0.0.1', resolve));
    port = (http!.address() as AddressInfo).port;
  }

  async function stop(): Promise<void> {
    for (const socket of open) socket.terminate();
    open.clear();
    const server = http;
    wss?.close();
    http = null;
    wss = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  await listen();
  return {
    get url() {
      return `ws://127.0.0.1:${port}/api/monitoring/ws`;
    },
    get port() {
      return port;
    },
    get open() {
      return [...open];
    },
    get accepted() {
      return accepted;
    },
    received,
    broadcast(frame) {
      for (const socket of open) socket.send(frame);
    },
    async waitForConnections(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (accepted < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} connections, saw ${accepted}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    stop,
    restart: listen,
    close: stop,
  };
}
