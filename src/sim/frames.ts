import type { ClientMessageType, ServerMessage } from '../core/protocol.js';
import type { ClusterModel } from './cluster.js';

/** Messages a client may have waiting on the real server before it counts as slow. */
export const CLIENT_QUEUE_LIMIT = 256;

/** One server message as a line of a frame, with an integer-second timestamp filled in if missing. */
export function encodeMessage(
  message: ServerMessage | { type: string; data: unknown },
  nowSeconds: number,
): string {
  const m = message as { type: string; data?: unknown; timestamp?: number };
  return JSON.stringify({ type: m.type, data: m.data ?? null, timestamp: m.timestamp ?? nowSeconds });
}

/** Why the server ignored a client message. */
export type DropReason =
  'invalid-json' | 'invalid-envelope' | 'float-timestamp' | 'invalid-timestamp' | 'too-large';

/** A client message the server decoded. */
export interface DecodedClientMessage {
  type: ClientMessageType | string;
  data: unknown;
  timestamp?: number;
}

/** What the server makes of one client message. */
export type ClientVerdict = { ok: true; message: DecodedClientMessage } | { ok: false; reason: DropReason };

/**
 * Decodes a client message the way the real server does: it must be a JSON object whose `type` (if
 * present) is a string and whose `timestamp` (if present and not null) is an integer. Anything else is
 * dropped silently, including a float timestamp such as `Date.now() / 1000`.
 */
export function decodeClientMessage(raw: string): ClientVerdict {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'invalid-json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'invalid-envelope' };
  }
  const v = value as Record<string, unknown>;
  if (v.type !== undefined && v.type !== null && typeof v.type !== 'string') {
    return { ok: false, reason: 'invalid-envelope' };
  }
  const ts = v.timestamp;
  if (ts !== undefined && ts !== null) {
    if (typeof ts !== 'number') return { ok: false, reason: 'invalid-timestamp' };
    if (!Number.isInteger(ts)) return { ok: false, reason: 'float-timestamp' };
  }
  const message: DecodedClientMessage = {
    type: typeof v.type === 'string' ? v.type : '',
    data: v.data ?? null,
  };
  if (typeof ts === 'number') message.timestamp = ts;
  return { ok: true, message };
}

/** Lines no valid server would send, used to test that clients survive them. */
export const MALFORMED_LINES: readonly string[] = [
  '{"type":"metrics","data":{"throughput":{"produceRate":',
  'this is not json',
  '{"type":"metrics","data":null,"timestamp":1704067200}',
  '[1,2,3]',
  '{"data":{"name":"orders"},"timestamp":1704067200}',
  '{"type":"topic_created","data":{"name":42},"timestamp":"soon"}',
  '{{{{',
  '{"type":"metrics","data":{"throughput":"fast","latency":[],"topicStats":{},"consumerLags":null},"timestamp":1.5}',
];

/** The i-th malformed line (cycling). */
export function malformedLine(i: number): string {
  return MALFORMED_LINES[i % MALFORMED_LINES.length];
}

/**
 * Puts one bad line into a frame's lines: between two messages when there are several, otherwise
 * after the only one, so a client has to keep going past it.
 */
export function mixMalformed(lines: string[], bad: string): string[] {
  const at = lines.length > 1 ? Math.floor(lines.length / 2) : lines.length;
  return [...lines.slice(0, at), bad, ...lines.slice(at)];
}

/**
 * Keeps a model in step with a real clock: each `sync()` advances it by the real time elapsed since the
 * last one, times `speed`. Gaps longer than `maxCatchUpMs` (a sleeping laptop) are skipped, not simulated.
 */
export class ModelClock {
  private last: number;

  constructor(
    private readonly model: ClusterModel,
    private readonly speed = 1,
    private readonly now: () => number = () => Date.now(),
    private readonly maxCatchUpMs = 30_000,
  ) {
    this.last = now();
  }

  sync(): void {
    const t = this.now();
    const dt = (t - this.last) * this.speed;
    this.last = t;
    if (dt <= 0) return;
    this.model.advance(Math.min(dt, this.maxCatchUpMs));
    if (dt > this.maxCatchUpMs) this.model.skip(dt - this.maxCatchUpMs);
  }
}

/** Byte length of a string as UTF-8, without Node's Buffer (this file also runs in browsers). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Collects the lines queued for one client in the same turn and hands them on as one frame joined with
 * `\n`, as the real server drains its per-client queue into one write. While malformed lines are owed
 * (see `owe`), each frame carries one of them between its real messages.
 */
export class FrameBatcher {
  private lines: string[] = [];
  private scheduled = false;
  private malformed = 0;
  private malformedSeq = 0;

  constructor(
    /** Runs the flush later: after the current turn, when the socket can write. */
    private readonly schedule: (flush: () => void) => void,
    /** Receives each frame and how many lines it carries besides any malformed one. */
    private readonly send: (frame: string, lines: number) => void,
  ) {}

  /** Lines waiting for the next frame. */
  get size(): number {
    return this.lines.length;
  }

  add(line: string): void {
    this.lines.push(line);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** The next `count` frames each carry one malformed line. */
  owe(count: number): void {
    this.malformed += count;
  }

  /** Forgets the waiting lines. */
  clear(): void {
    this.lines = [];
  }

  private flush(): void {
    this.scheduled = false;
    let lines = this.lines;
    this.lines = [];
    if (lines.length === 0) return;
    const count = lines.length;
    if (this.malformed > 0) {
      this.malformed--;
      lines = mixMalformed(lines, malformedLine(this.malformedSeq++));
    }
    this.send(lines.join('\n'), count);
  }
}

/** The longest start of `text` that fits in `maxBytes` of UTF-8, never splitting a character. */
export function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) break;
    bytes += size;
    i += pair ? 2 : 1;
  }
  return text.slice(0, i);
}
