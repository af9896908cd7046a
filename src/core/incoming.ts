import type { TakhinError } from './errors.js';
import { parseFrame } from './parse.js';
import type { ServerMessage } from './protocol.js';

/** Everything received since the last store update, applied together as one `ingest`. */
export interface IncomingBatch {
  messages: ServerMessage[];
  errors: TakhinError[];
  frames: number;
  bytes: number;
  receivedAt: number;
}

export function emptyBatch(): IncomingBatch {
  return { messages: [], errors: [], frames: 0, bytes: 0, receivedAt: 0 };
}

const decoder = new TextDecoder();

/** Text of a frame whatever the socket implementation handed over (string, Buffer, ArrayBuffer). */
export function frameText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return decoder.decode(data);
  return String(data);
}

/** Parses one frame (several `\n`-joined messages) into the batch. */
export function addFrame(batch: IncomingBatch, data: unknown, receivedAt: number): void {
  const text = frameText(data);
  const parsed = parseFrame(text);
  batch.frames += 1;
  batch.bytes += text.length;
  batch.receivedAt = receivedAt;
  for (const message of parsed.messages) batch.messages.push(message);
  for (const error of parsed.errors) batch.errors.push(error);
}
