import { useEffect, useState } from 'react';
import type { TakhinState } from '../core/state.js';
import { useOptionalTakhinStore } from '../react/useTakhinStore.js';
import { STALE_AFTER_MS } from './dataAge.js';

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

/** `data-stale` for a panel's root: present while the provider's latest metrics are stale. */
export function useStaleAttribute(): '' | undefined {
  return useDataStale(useDataAt()) ? '' : undefined;
}
