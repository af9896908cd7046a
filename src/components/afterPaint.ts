/**
 * Runs `callback` in a task after the next frame has been painted, or on the next timer turn where
 * there are no animation frames (server, tests, hidden tabs). Returns a function that cancels it.
 */
export function afterNextPaint(callback: () => void): () => void {
  let cancelled = false;
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    if (!cancelled) callback();
  };
  if (typeof requestAnimationFrame === 'function') {
    // A task queued from inside a frame's callbacks runs once that frame's style, layout and paint are done.
    frame = requestAnimationFrame(() => {
      frame = null;
      timer = setTimeout(run, 0);
    });
  } else {
    timer = setTimeout(run, 0);
  }
  return () => {
    cancelled = true;
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
  };
}
