import { devtools } from 'zustand/middleware';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TakhinState } from '../core/state.js';
import { actionName } from './actionName.js';

/** Options of {@link connectDevtools}. */
export interface DevtoolsOptions {
  /**
   * The instance name shown in Redux DevTools.
   * @default 'takhin-react'
   */
  name?: string;
  /**
   * Connect even when `process.env.NODE_ENV` is `'production'`.
   * @default false
   */
  inProduction?: boolean;
}

/**
 * Shows a takhin-react store in the Redux DevTools browser extension, through zustand's `devtools`
 * middleware: every change is an action named after what happened (`metrics`, `topic_created orders`,
 * `status reconnecting`, …) with the whole state. Read-only: jumping to an earlier state in DevTools
 * does not change the app, whose next tick would overwrite it anyway. Returns the function that
 * disconnects. Does nothing without the extension.
 */
export function connectDevtools(
  store: Pick<StoreApi<TakhinState>, 'getState' | 'subscribe'>,
  options: DevtoolsOptions = {},
): () => void {
  const production = typeof process !== 'undefined' && process.env.NODE_ENV === 'production';
  if (production && !options.inProduction) return () => {};
  // A mirror store carries the middleware, so the client's own store stays as it is.
  const mirror = createStore<TakhinState>()(
    devtools(() => store.getState(), { name: options.name ?? 'takhin-react', enabled: true }),
  );
  const stop = store.subscribe((next, previous) => {
    mirror.setState(next, true, actionName(previous, next));
  });
  return () => {
    stop();
    (mirror as { devtools?: { cleanup?: () => void } }).devtools?.cleanup?.();
  };
}
