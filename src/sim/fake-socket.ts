import type { WebSocketLike } from '../core/socket.js';

/** What a {@link SimulatedSocket} needs from the simulated server it talks to. */
export interface SocketServerSide {
  /** A client message arrived (the socket is open). */
  receive(socket: SimulatedSocket, data: string): void;
  /** The socket finished closing, from either side, with this close code. */
  closed(socket: SimulatedSocket, code: number): void;
}

type EventName = 'open' | 'message' | 'close' | 'error';
type Listener = (event: never) => void;

/** Close codes a page may pass to `close()`, as browsers enforce. */
function allowedCloseCode(code: number): boolean {
  return code === 1000 || (code >= 3000 && code <= 4999);
}

/**
 * An in-memory WebSocket with the browser's observable behaviour: it opens asynchronously, delivers
 * text frames through `onmessage`, throws when sending while CONNECTING, ignores sends once closing,
 * reports `close()` without a code as 1005 and abrupt losses as 1006 (`wasClean: false`).
 */
export class SimulatedSocket implements WebSocketLike {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readonly url: string;
  readonly id: number;
  readonly protocol = '';
  readonly extensions = '';
  readonly bufferedAmount = 0;
  binaryType: 'blob' | 'arraybuffer' = 'blob';
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean?: boolean }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  private readonly listeners = new Map<EventName, Set<Listener>>();

  constructor(
    url: string,
    id: number,
    private readonly server: SocketServerSide,
  ) {
    this.url = url;
    this.id = id;
  }

  send(data: string): void {
    if (this.readyState === 0)
      throw new Error(
        "InvalidStateError: Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.",
      );
    if (this.readyState !== 1) return;
    this.server.receive(this, String(data));
  }

  close(code?: number, reason = ''): void {
    if (code !== undefined && !allowedCloseCode(code)) {
      throw new Error(
        `InvalidAccessError: The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`,
      );
    }
    if (this.readyState >= 2) return;
    const connecting = this.readyState === 0;
    this.readyState = 2;
    setTimeout(() => {
      // Closing before the handshake ends is a failure in browsers: error, then 1006.
      if (connecting) this.serverFail();
      else this.finishClose(code ?? 1005, reason, true);
    }, 0);
  }

  addEventListener(type: EventName, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: EventName, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** Server side: the handshake succeeded. */
  serverOpen(): void {
    if (this.readyState !== 0) return;
    this.readyState = 1;
    this.dispatch('open', { type: 'open', target: this });
  }

  /** Server side: the handshake failed (refused, crashed server): error, then close 1006. */
  serverFail(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.dispatch('error', { type: 'error', target: this });
    this.emitClose(1006, '', false);
  }

  /** Server side: one text frame arrives. */
  serverFrame(frame: string): void {
    if (this.readyState !== 1) return;
    this.dispatch('message', { type: 'message', data: frame, target: this });
  }

  /** Server side: the server closes (a code, or 1005 for an empty close frame) or the link dies (1006). */
  serverClose(code: number, reason = ''): void {
    if (this.readyState === 3) return;
    if (code === 1006) {
      this.finishClose(1006, '', false);
      return;
    }
    this.readyState = 2;
    setTimeout(() => this.finishClose(code, reason, true), 0);
  }

  private finishClose(code: number, reason: string, wasClean: boolean): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emitClose(code, reason, wasClean);
  }

  private emitClose(code: number, reason: string, wasClean: boolean): void {
    this.server.closed(this, code);
    this.dispatch('close', { type: 'close', code, reason, wasClean, target: this });
  }

  private dispatch(
    type: EventName,
    event: { type: string; target: SimulatedSocket } & Record<string, unknown>,
  ): void {
    const handler = this[`on${type}`] as ((e: typeof event) => void) | null;
    handler?.call(this, event);
    for (const l of [...(this.listeners.get(type) ?? [])]) (l as (e: typeof event) => void)(event);
  }
}
