import { WebSocket } from 'ws';
import type { ClientOptions } from 'ws';

/** A parsed server message as tests look at it. */
export interface Msg {
  type: string;
  data: unknown;
  timestamp: number;
}

/** A `ws` client that records every frame, split into messages, and how it closed. */
export class TestClient {
  readonly frames: string[] = [];
  readonly messages: Msg[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  closeCode?: number;
  private waiters: (() => void)[] = [];

  constructor(
    readonly ws: WebSocket,
    private readonly parse = true,
  ) {
    this.opened = new Promise((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        resolve({ code, reason: reason.toString() });
        this.wake();
      });
    });
    ws.on('error', () => {});
    ws.on('message', (data) => {
      const frame = String(data);
      this.frames.push(frame);
      if (this.parse) {
        for (const line of frame.split('\n')) {
          if (line.trim() === '') continue;
          try {
            this.messages.push(JSON.parse(line) as Msg);
          } catch {
            // Malformed lines are looked at through `frames`.
          }
        }
      }
      this.wake();
    });
  }

  of(type: string): Msg[] {
    return this.messages.filter((m) => m.type === type);
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  /** Resolves when `predicate` holds (checked after every frame and on close). */
  until(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.terminate();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

/** Opens a client; call `close()` on it (or `closeAll`) when done. */
export async function connect(url: string, options?: ClientOptions, parse = true): Promise<TestClient> {
  const c = new TestClient(new WebSocket(url, options), parse);
  await c.opened;
  return c;
}

/** The HTTP status a WebSocket handshake is rejected with (or 101 when it succeeds). */
export function handshakeStatus(
  url: string,
  options?: ClientOptions,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options);
    ws.on('open', () => {
      ws.terminate();
      resolve({ status: 101, body: '' });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('error', (err) => reject(err));
  });
}

/** Polls `predicate` every 10 ms. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
