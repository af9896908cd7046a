import { TakhinError } from './errors.js';
import { parseFrame } from './parse.js';
import type { ServerMessage } from './protocol.js';

/** Everything received since the last store update, applied together as one `ingest`. */
export interface IncomingBatch {
  messages: ServerMessage[];
  errors: TakhinError[];
  /** Bad lines, counted exactly though only some of them have their own error. */
  parseErrors: number;
  frames: number;
  bytes: number;
  receivedAt: number;
}

export function emptyBatch(): IncomingBatch {
  return { messages: [], errors: [], parseErrors: 0, frames: 0, bytes: 0, receivedAt: 0 };
}

const decoder = new TextDecoder();

/**
 * Text of a frame: a string, or UTF-8 bytes (ArrayBuffer, typed array, Node Buffer). Anything else
 * is never converted, so no custom object's `toString` runs. A Blob could only be read
 * asynchronously, after later frames, so it is refused rather than applied out of order.
 */
function frameText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return decoder.decode(data);
  const blob = typeof Blob === 'function' && data instanceof Blob;
  throw new TakhinError(
    'invalid_message',
    `frame is ${blob ? "a Blob (binaryType isn't 'arraybuffer')" : 'not text or bytes'}`,
    {
      line: 0,
    },
  );
}

/** Parses one frame (several `\n`-joined messages) of a message event into the batch. Never throws. */
export function addFrame(batch: IncomingBatch, event: { data: unknown }, receivedAt: number): void {
  batch.frames += 1;
  batch.receivedAt = receivedAt;
  let text: string;
  try {
    text = frameText(event.data);
  } catch (cause) {
    batch.errors.push(
      cause instanceof TakhinError
        ? cause
        : new TakhinError('invalid_message', 'frame unreadable', { line: 0 }),
    );
    batch.parseErrors += 1;
    return;
  }
  const parsed = parseFrame(text);
  batch.bytes += text.length;
  batch.parseErrors += parsed.parseErrors;
  for (const message of parsed.messages) batch.messages.push(message);
  for (const error of parsed.errors) batch.errors.push(error);
}
