import { DEFAULT_METRICS_INTERVAL_MS } from '../core/protocol.js';
import { formatDuration } from './format.js';
import type { FormatOptions } from './format.js';

/**
 * How old the latest metrics may be before what they show counts as stale: two and a half metrics
 * intervals, so one late tick is not an alarm but two missed ones are.
 */
export const STALE_AFTER_MS = 2.5 * DEFAULT_METRICS_INTERVAL_MS;

/** Whether data received at `dataAt` (ms since the epoch) is stale at `now`; no data is not stale. */
export function isStale(
  dataAt: number | null | undefined,
  now: number,
  staleAfterMs = STALE_AFTER_MS,
): boolean {
  return dataAt != null && now - dataAt >= staleAfterMs;
}

/**
 * The age of the data in words: "updated just now", "updated 3 s ago" while fresh, "data 45 s old"
 * once stale; empty without data.
 */
export function dataAgeText(
  dataAt: number | null | undefined,
  now: number,
  options?: FormatOptions & { staleAfterMs?: number },
): string {
  if (dataAt == null) return '';
  const ageMs = Math.max(0, now - dataAt);
  const age = formatDuration(Math.floor(ageMs / 1000), options);
  if (isStale(dataAt, now, options?.staleAfterMs)) return `data ${age} old`;
  return ageMs < 1000 ? 'updated just now' : `updated ${age} ago`;
}
