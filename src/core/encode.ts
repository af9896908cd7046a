import { brief, TakhinError } from './errors.js';
import { MAX_CLIENT_MESSAGE_BYTES } from './protocol.js';
import type { ClientMessageType } from './protocol.js';

/** Number of bytes `text` takes in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Serialises a client message as `{"type","data","timestamp"}`.
 *
 * `timestamp` is `Math.floor(nowMs / 1000)`, always an integer: the real server silently drops a
 * message whose timestamp is a float. `data` is left out when undefined (as in a bare `ping`).
 *
 * @param nowMs Client clock in ms since the epoch; a non-finite value falls back to `Date.now()`.
 * @throws TakhinError `message_too_large` (not fatal) when the message exceeds
 *   {@link MAX_CLIENT_MESSAGE_BYTES} in UTF-8 (the server would close with 1009), and `invalid_message`
 *   when `data` cannot be serialised (a cycle, a BigInt).
 */
export function encodeClientMessage(
  type: ClientMessageType,
  data?: unknown,
  nowMs: number = Date.now(),
): string {
  const timestamp = Math.floor((Number.isFinite(nowMs) ? nowMs : Date.now()) / 1000);
  let text: string;
  try {
    text = JSON.stringify(data === undefined ? { type, timestamp } : { type, data, timestamp });
  } catch (cause) {
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    throw new TakhinError(
      'invalid_message',
      process.env.NODE_ENV !== 'production'
        ? `${type} data cannot be serialised to JSON${reason}`
        : brief('invalid_message', 'not JSON'),
      { messageType: type, fatal: false },
    );
  }
  // A UTF-16 code unit takes 1 to 3 UTF-8 bytes (a surrogate pair 4 for 2 units): short messages
  // cannot be too large, and only those between the bounds need an exact count.
  if (text.length * 3 > MAX_CLIENT_MESSAGE_BYTES) {
    const atLeast = text.length > MAX_CLIENT_MESSAGE_BYTES;
    const size = atLeast ? text.length : utf8ByteLength(text);
    if (size > MAX_CLIENT_MESSAGE_BYTES) {
      const amount = `${atLeast ? 'at least ' : ''}${size}`;
      throw new TakhinError(
        'message_too_large',
        process.env.NODE_ENV !== 'production'
          ? `${type} message takes ${amount} bytes, above the server's limit of ${MAX_CLIENT_MESSAGE_BYTES}`
          : brief('message_too_large', amount),
        { messageType: type, fatal: false },
      );
    }
  }
  return text;
}
