type Callback = () => void;

/** Callbacks waiting for the next paint, run together in one task so React renders their updates at once. */
const waiting = new Set<Callback>();
let frame: number | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function runWaiting(): void {
  frame = null;
  timer = null;
  const due = [...waiting];
  waiting.clear();
  for (const callback of due) callback();
}

function schedule(): void {
  if (typeof requestAnimationFrame === 'function') {
    // A task queued from inside a frame's callbacks runs once that frame's style, layout and paint are done.
    frame = requestAnimationFrame(() => {
      frame = null;
      timer = setTimeout(runWaiting, 0);
    });
  } else {
    timer = setTimeout(runWaiting, 0);
  }
}

function unschedule(): void {
  if (frame !== null) cancelAnimationFrame(frame);
  if (timer !== null) clearTimeout(timer);
  frame = null;
  timer = null;
}

/**
 * Runs `callback` in a task after the next frame has been painted, or on the next timer turn where
 * there are no animation frames (server, tests). Every callback due after the same paint runs in the
 * same task, so the state updates they make are rendered together. Returns a function that cancels it.
 */
export function afterNextPaint(callback: () => void): () => void {
  // A fresh function per request, so cancelling one request never cancels another with the same callback.
  const entry: Callback = () => callback();
  waiting.add(entry);
  if (frame === null && timer === null) schedule();
  return () => {
    waiting.delete(entry);
    if (waiting.size === 0) unschedule();
  };
}
