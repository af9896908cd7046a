import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { TakhinState } from '../core/state.js';
import { useOptionalTakhinClient, useOptionalTakhinStore } from '../react/context.js';
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

const selectDataAt = (state: TakhinState): number | null => state.metrics?.receivedAt ?? null;

/** When the latest metrics arrived (ms since the epoch): `dataAt` when given, else the store's, else null. */
export function useDataAt(dataAt?: number | null): number | null {
  const fromStore = useOptionalTakhinStore(selectDataAt) ?? null;
  return dataAt !== undefined ? dataAt : fromStore;
}

/**
 * Whether the data received at `dataAt` is stale (older than `STALE_AFTER_MS`). Re-renders only when
 * the answer changes: one timer for the moment the data turns stale, none while it is.
 */
export function useDataStale(dataAt: number | null): boolean {
  const [staleFor, setStaleFor] = useState<number | null>(null);
  useEffect(() => {
    if (dataAt === null) return;
    const wait = Math.max(0, dataAt + STALE_AFTER_MS - Date.now());
    const timer = setTimeout(() => setStaleFor(dataAt), wait);
    return () => clearTimeout(timer);
  }, [dataAt]);
  return dataAt !== null && staleFor === dataAt;
}

const noSubscription = () => () => {};
const notStale = () => false;

/**
 * Whether the provider's latest metrics are stale. Unlike `useDataStale(useDataAt())`, which re-renders
 * its caller on every tick (the time of the data changes), this wakes the caller only when the answer
 * flips: a panel fed by props (the Dashboard's deferred tables) is not re-rendered by a tick it has not
 * taken yet. One timer, for the moment the data turns stale.
 */
function useStoreStale(): boolean {
  const store = useOptionalTakhinClient()?.store;
  const subscribe = useCallback(
    (notify: () => void) => {
      if (!store) return noSubscription();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let at: number | null = null;
      const due = () => {
        // Timers may fire a little before Date.now() reaches the deadline: wait on for the rest.
        const wait = at === null ? 0 : at + STALE_AFTER_MS - Date.now();
        timer = wait > 0 ? setTimeout(due, wait) : undefined;
        if (wait <= 0) notify();
      };
      const follow = () => {
        const next = selectDataAt(store.getState());
        if (next === at) return;
        at = next;
        clearTimeout(timer);
        timer = undefined;
        if (next !== null) due();
        notify();
      };
      follow();
      const unsubscribe = store.subscribe(follow);
      return () => {
        unsubscribe();
        clearTimeout(timer);
      };
    },
    [store],
  );
  const getSnapshot = () => (store ? isStale(selectDataAt(store.getState()), Date.now()) : false);
  return useSyncExternalStore(subscribe, getSnapshot, notStale);
}

/**
 * `data-stale` for a panel's root: present while the provider's latest metrics are stale. Re-renders the
 * panel only when that changes.
 */
export function useStaleAttribute(): '' | undefined {
  return useStoreStale() ? '' : undefined;
}
