import type { TakhinStore } from './store.js';

/**
 * Asks the store's history to keep every topic's lag of `groupId` from the next sample on (every
 * group's total lag is always kept). Ref-counted: the group stays tracked until every holder has
 * released it. Returns the release function; calling it more than once does nothing.
 */
export function trackGroupLag(store: Pick<TakhinStore, 'dispatch'>, groupId: string): () => void {
  store.dispatch({ type: 'trackGroupLag', groupId, delta: 1 });
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    store.dispatch({ type: 'trackGroupLag', groupId, delta: -1 });
  };
}
