import { startTransition, useEffect, useRef, useState } from 'react';
import { afterNextPaint } from './afterPaint.js';

/**
 * Returns `value` as it was one painted frame ago: a change first lets the frame that shows the rest
 * of the update be painted, then re-renders the caller in a low-priority (interruptible) update.
 * The Dashboard uses it for its heavy panels (charts, tables, event feed), so that they never delay
 * the frame showing a tick's numbers; every caller changed by one update re-renders in the same
 * low-priority render (see `afterNextPaint`). Changes that come faster than frames are coalesced;
 * the newest always wins.
 */
export function useValueAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const newest = useRef(value);
  const cancelPending = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (Object.is(newest.current, value)) return;
    newest.current = value;
    if (cancelPending.current) return;
    cancelPending.current = afterNextPaint(() => {
      cancelPending.current = null;
      startTransition(() => setShown(newest.current));
    });
  }, [value]);

  useEffect(
    () => () => {
      cancelPending.current?.();
      cancelPending.current = null;
    },
    [],
  );

  return shown;
}
