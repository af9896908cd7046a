import { WebSocket } from 'ws';
import type { LineKind, SimLink } from './core.js';
import { FrameBatcher } from './frames.js';

/** Options of one server-side connection. */
export interface ConnectionOptions {
  /** Messages that may wait (queued or unacknowledged by the socket) before the client counts as slow. */
  queueLimit: number;
  /** Bytes that may wait likewise; whichever limit is reached first makes the client slow. */
  maxPendingBytes: number;
  /** Called with every frame handed to the socket. */
  onFrame: (connection: number, frame: string) => void;
}

/**
 * One client socket on the simulated Node server. Lines queued in the same event-loop turn leave together
 * as one frame. A client whose queue is full (by lines, as upstream, or by bytes, which upstream does not
 * count but a metrics line of a megabyte makes necessary) is dropped with an empty close frame (1005) when
 * an event arrives, while metrics and pongs for it are skipped silently.
 */
export class SimConnection implements SimLink {
  readonly id: number;
  readonly ws: WebSocket;
  readonly subscriptions = new Set<string>();
  private readonly batch: FrameBatcher;
  private inFlight = 0;
  private queuedBytes = 0;
  private inFlightBytes = 0;
  private readonly timers: ReturnType<typeof setInterval>[] = [];

  constructor(
    id: number,
    ws: WebSocket,
    private readonly options: ConnectionOptions,
  ) {
    this.id = id;
    this.ws = ws;
    this.batch = new FrameBatcher(
      (flush) => setImmediate(flush),
      (frame, lines) => this.write(frame, lines),
    );
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Lines queued or handed to the socket but not yet written out. */
  get pending(): number {
    return this.batch.size + this.inFlight;
  }

  /** Bytes queued or handed to the socket but not yet written out. */
  get pendingBytes(): number {
    return this.queuedBytes + this.inFlightBytes;
  }

  get full(): boolean {
    return this.pending >= this.options.queueLimit || this.pendingBytes >= this.options.maxPendingBytes;
  }

  push(line: string, kind: LineKind): boolean {
    if (!this.open) return false;
    if (this.full) {
      if (kind === 'event') this.ws.close();
      return false;
    }
    this.batch.add(line);
    this.queuedBytes += Buffer.byteLength(line);
    return true;
  }

  injectMalformed(count: number): void {
    this.batch.owe(count);
  }

  close(code: number): void {
    // No code means an empty close frame, which clients report as 1005.
    if (code === 1006) this.ws.terminate();
    else if (code === 1005) this.ws.close();
    else this.ws.close(code);
  }

  /**
   * Protocol-level PING every `pingMs`; a client whose last PONG is older than `timeoutMs` is terminated,
   * as the real server drops peers that stop answering.
   */
  heartbeat(pingMs: number, timeoutMs: number): void {
    let lastPong = Date.now();
    this.ws.on('pong', () => (lastPong = Date.now()));
    const timer = setInterval(() => {
      if (Date.now() - lastPong > timeoutMs) this.ws.terminate();
      else this.ws.ping();
    }, pingMs);
    timer.unref();
    this.timers.push(timer);
  }

  /** Stops the timers and forgets what is queued; the socket itself is closed by whoever decided to. */
  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    this.batch.clear();
    this.queuedBytes = 0;
  }

  private write(frame: string, lines: number): void {
    const bytes = this.queuedBytes;
    this.queuedBytes = 0;
    if (!this.open) return;
    this.inFlight += lines;
    this.inFlightBytes += bytes;
    this.ws.send(frame, () => {
      this.inFlight -= lines;
      this.inFlightBytes -= bytes;
    });
    this.options.onFrame(this.id, frame);
  }
}
