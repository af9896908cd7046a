type Send = (type: 'subscribe' | 'unsubscribe', channel: string) => void;

/**
 * Reference-counted channel subscriptions. The server keeps one flag per channel and forgets them all
 * when a connection ends, so the registry is the source of truth and is replayed after every reconnect.
 */
export class SubscriptionRegistry {
  readonly #counts = new Map<string, number>();

  readonly #send: Send;

  constructor(send: Send) {
    this.#send = send;
  }

  /** Adds a user of `channel`; returns the function that removes it (safe to call twice). */
  add(channel: string, connected: boolean): () => void {
    const count = this.#counts.get(channel) ?? 0;
    this.#counts.set(channel, count + 1);
    if (count === 0 && connected) this.#send('subscribe', channel);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      const current = this.#counts.get(channel) ?? 0;
      if (current <= 1) {
        this.#counts.delete(channel);
        this.#send('unsubscribe', channel);
      } else {
        this.#counts.set(channel, current - 1);
      }
    };
  }

  /** Sends `subscribe` for every channel in use, after a (re)connect. */
  resendAll(): void {
    for (const channel of this.#counts.keys()) this.#send('subscribe', channel);
  }

  get channels(): ReadonlyMap<string, number> {
    return this.#counts;
  }
}
