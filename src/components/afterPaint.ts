type Callback = () => void;

/** Callbacks waiting for a paint, oldest first; one of them runs after each painted frame. */
const waiting = new Set<Callback>();
let frame: number | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function runNext(): void {
  frame = null;
  timer = null;
  const [next] = waiting;
  if (next === undefined) return;
  waiting.delete(next);
  try {
    next();
  } finally {
    if (waiting.size > 0 && frame === null && timer === null) schedule();
  }
}

function schedule(): void {
  if (typeof requestAnimationFrame === 'function') {
    // A task queued from inside a frame's callbacks runs once that frame's style, layout and paint are done.
    frame = requestAnimationFrame(() => {
      frame = null;
      timer = setTimeout(runNext, 0);
    });
  } else {
    timer = setTimeout(runNext, 0);
  }
}

function unschedule(): void {
  if (frame !== null) cancelAnimationFrame(frame);
  if (timer !== null) clearTimeout(timer);
  frame = null;
  timer = null;
}

/**
 * Runs `callback` in a task after the next frame has been painted, or on a later timer turn where
 * there are no animation frames (server, tests). When several are due, they run one per painted frame
 * in the order they were requested: each chart's redraw costs tens of milliseconds of recharts work
 * that cannot be interrupted, and one frame carrying all of them makes a long task on every tick.
 * Returns a function that cancels the request.
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
