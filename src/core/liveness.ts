import { brief, TakhinError } from './errors.js';
import type { HeartbeatOptions } from './options.js';

export interface LivenessHooks {
  /** Whether the socket is open right now. */
  isOpen(): boolean;
  /** Sends an app-level `ping`. */
  ping(): void;
  /** The link looks dead: drop it and reconnect. */
  dead(error: TakhinError): void;
}

/**
 * Watches application traffic on an open socket. Browsers answer the server's protocol pings without
 * telling the page, and the real server silently stops sending metrics to a slow reader, so silence is the
 * only signal a page has: ping after a quiet spell, give up when even that goes unanswered or when the
 * quiet lasts about three metrics intervals.
 */
export class LivenessMonitor {
  #timer: ReturnType<typeof setInterval> | null = null;
  #lastTrafficAt = 0;
  #pingSentAt: number | null = null;
  #lastCheckAt = 0;
  #tickMs = 0;

  readonly #options: HeartbeatOptions | null;
  readonly #hooks: LivenessHooks;

  constructor(options: HeartbeatOptions | null, hooks: LivenessHooks) {
    this.#options = options;
    this.#hooks = hooks;
  }

  /** Starts watching a freshly opened socket. */
  start(): void {
    this.stop();
    this.traffic();
    const options = this.#options;
    if (!options) return;
    const smallest = Math.min(
      options.staleAfterMs,
      options.pongTimeoutMs,
      options.pingAfterMs > 0 ? options.pingAfterMs : Infinity,
    );
    this.#tickMs = Math.max(20, Math.floor(smallest / 4));
    this.#lastCheckAt = Date.now();
    this.#timer = setInterval(() => this.#check(options), this.#tickMs);
  }

  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Records that something arrived. */
  traffic(): void {
    this.#lastTrafficAt = Date.now();
    this.#pingSentAt = null;
  }

  /** True when the socket has been quiet longer than the staleness window (checked on tab wake-up). */
  isStale(): boolean {
    return this.#options !== null && Date.now() - this.#lastTrafficAt >= this.#options.staleAfterMs;
  }

  #check(options: HeartbeatOptions): void {
    if (!this.#hooks.isOpen()) return;
    const now = Date.now();
    const late = now - this.#lastCheckAt > 2 * this.#tickMs;
    this.#lastCheckAt = now;
    // A timer that fires late means the page was busy: frames may be waiting in the event queue behind
    // it. Judge on the next tick, after they have had their turn, instead of dropping a live socket.
    if (late) return;
    const quietFor = now - this.#lastTrafficAt;
    if (this.#pingSentAt !== null && now - this.#pingSentAt >= options.pongTimeoutMs) {
      this.#hooks.dead(
        new TakhinError(
          'pong_timeout',
          process.env.NODE_ENV !== 'production'
            ? `No answer to ping within ${options.pongTimeoutMs} ms; reconnecting.`
            : brief('pong_timeout', options.pongTimeoutMs),
        ),
      );
      return;
    }
    if (quietFor >= options.staleAfterMs) {
      this.#hooks.dead(
        new TakhinError(
          'stale',
          process.env.NODE_ENV !== 'production'
            ? `No message for ${quietFor} ms; reconnecting.`
            : brief('stale', quietFor),
        ),
      );
      return;
    }
    if (options.pingAfterMs > 0 && this.#pingSentAt === null && quietFor >= options.pingAfterMs) {
      this.#pingSentAt = now;
      this.#hooks.ping();
    }
  }
}
