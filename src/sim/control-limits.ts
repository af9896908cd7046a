/**
 * The largest values the REST controls accept (HTTP 400 beyond them). They keep one request from making
 * the simulator build a gigabyte message, queue millions of events or vanish for a day; the programmatic
 * API (`sim.burst(n)`, `sim.sendOversized(bytes)`, …) is not capped.
 */
export const CONTROL_LIMITS = {
  /** `POST /api/sim/crash {seconds}`. */
  crashSeconds: 600,
  /** `POST /api/sim/stall {seconds}`. */
  stallSeconds: 3600,
  /** `POST /api/sim/burst {count}`. */
  burstCount: 100_000,
  /** `POST /api/sim/malformed {count}`. */
  malformedCount: 10_000,
  /** `POST /api/sim/oversized {bytes}` (16 MiB). */
  oversizedBytes: 16 * 1024 * 1024,
  /** Partitions of one topic made by `POST /api/topics`. */
  topicPartitions: 1000,
  /** Partitions in the whole cluster after `POST /api/topics` (the huge preset has 12,000). */
  totalPartitions: 100_000,
} as const;

/** A control value that is present but not acceptable; the route answers 400 with its message. */
export class LimitError extends Error {
  override readonly name = 'LimitError';
}

/**
 * Reads an optional number field: `undefined` when absent (the caller's default applies), the value when
 * it is a finite number in `(0, max]` (an integer when `integer`), otherwise a {@link LimitError}.
 */
export function boundedNumber(
  body: Record<string, unknown>,
  field: string,
  max: number,
  integer = false,
): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new LimitError(`${field} must be a number above 0 and at most ${max}`);
  }
  if (integer && !Number.isInteger(value)) throw new LimitError(`${field} must be an integer`);
  return value;
}
