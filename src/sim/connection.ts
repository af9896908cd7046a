import { WebSocket } from 'ws';
import { malformedLine, mixMalformed } from './frames.js';

/** What a queued line is; decides what happens when the client's queue is full. */
export type LineKind = 'event' | 'metrics' | 'pong';

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
 * One client socket on the simulated server. Lines queued in the same event-loop turn leave together as
 * one frame joined with `\n`, as the real server drains its per-client queue into one write. A client
 * whose queue is full (by lines, as upstream, or by bytes, which upstream does not count but a metrics
 * line of a megabyte makes necessary) is dropped with an empty close frame (1005) when an event arrives,
 * while metrics and pongs for it are skipped silently.
 */
export class SimConnection {
  readonly id: number;
  readonly ws: WebSocket;
  readonly subscriptions = new Set<string>();
  readonly openedAt = Date.now();
  private queue: string[] = [];
  private inFlight = 0;
  private queuedBytes = 0;
  private inFlightBytes = 0;
  private flushScheduled = false;
  private malformed = 0;
  private malformedSeq = 0;
  private readonly timers: ReturnType<typeof setInterval>[] = [];

  constructor(
    id: number,
    ws: WebSocket,
    private readonly options: ConnectionOptions,
  ) {
    this.id = id;
    this.ws = ws;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Lines queued or handed to the socket but not yet written out. */
  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  /** Bytes queued or handed to the socket but not yet written out. */
  get pendingBytes(): number {
    return this.queuedBytes + this.inFlightBytes;
  }

  /** Whether the client counts as slow: nothing more is queued for it. */
  get full(): boolean {
    return this.pending >= this.options.queueLimit || this.pendingBytes >= this.options.maxPendingBytes;
  }

  /** Queues one line for the next frame; false when it was not queued. */
  push(line: string, kind: LineKind): boolean {
    if (!this.open) return false;
    if (this.full) {
      if (kind === 'event') this.ws.close();
      return false;
    }
    this.queue.push(line);
    this.queuedBytes += Buffer.byteLength(line);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    return true;
  }

  /** The next `count` frames each carry one bad line besides their real messages. */
  injectMalformed(count: number): void {
    this.malformed += count;
  }

  /** Runs `fn` every `ms` until the connection stops. */
  every(ms: number, fn: () => void): void {
    const timer = setInterval(fn, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /**
   * Protocol-level PING every `pingMs`; a client whose last PONG is older than `timeoutMs` is terminated,
   * as the real server drops peers that stop answering.
   */
  heartbeat(pingMs: number, timeoutMs: number): void {
    let lastPong = Date.now();
    this.ws.on('pong', () => (lastPong = Date.now()));
    this.every(pingMs, () => {
      if (Date.now() - lastPong > timeoutMs) this.ws.terminate();
      else this.ws.ping();
    });
  }

  /** Stops the timers; the socket itself is closed by whoever decided to close it. */
  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    this.queue = [];
    this.queuedBytes = 0;
  }

  private flush(): void {
    this.flushScheduled = false;
    const bytes = this.queuedBytes;
    this.queuedBytes = 0;
    if (this.queue.length === 0 || !this.open) {
      this.queue = [];
      return;
    }
    let lines = this.queue;
    this.queue = [];
    if (this.malformed > 0) {
      this.malformed--;
      lines = mixMalformed(lines, malformedLine(this.malformedSeq++));
    }
    const frame = lines.join('\n');
    const count = lines.length;
    this.inFlight += count;
    this.inFlightBytes += bytes;
    this.ws.send(frame, () => {
      this.inFlight -= count;
      this.inFlightBytes -= bytes;
    });
    this.options.onFrame(this.id, frame);
  }
}
