import { utf8Length, utf8Prefix } from './frames.js';
import type { ReceivedMessage } from './types.js';

/** @default 4 MiB */
export const DEFAULT_KEEP_RECEIVED_BYTES = 4 * 1024 * 1024;
/** @default 4 KiB */
export const DEFAULT_KEEP_MESSAGE_BYTES = 4096;
/** Messages kept whatever their size. */
const KEEP_MESSAGES = 10_000;

/**
 * The client messages a simulator keeps for inspection, bounded by count and by bytes: a client may send
 * 512 KiB messages as fast as it likes, and a simulator left running for days must not grow without end.
 */
export class ReceivedLog {
  /** Oldest first; trimmed in place, so a reference to it stays current. */
  readonly items: ReceivedMessage[] = [];
  private readonly sizes: number[] = [];
  private bytes = 0;

  constructor(
    private readonly maxBytes = DEFAULT_KEEP_RECEIVED_BYTES,
    private readonly maxMessageBytes = DEFAULT_KEEP_MESSAGE_BYTES,
  ) {}

  /** Keeps `message`, cut to `maxMessageBytes`, and forgets the oldest ones beyond the limits. */
  add(message: ReceivedMessage): void {
    const length = utf8Length(message.raw);
    let kept = message;
    if (length > this.maxMessageBytes) {
      kept = { ...message, data: null, raw: utf8Prefix(message.raw, this.maxMessageBytes), truncated: true };
    }
    const size = Math.min(length, this.maxMessageBytes);
    this.items.push(kept);
    this.sizes.push(size);
    this.bytes += size;
    let drop = 0;
    while (
      drop < this.items.length - 1 &&
      (this.bytes > this.maxBytes || this.items.length - drop > KEEP_MESSAGES)
    ) {
      this.bytes -= this.sizes[drop];
      drop++;
    }
    if (drop > 0) {
      this.items.splice(0, drop);
      this.sizes.splice(0, drop);
    }
  }
}
