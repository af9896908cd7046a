type Callback = () => void;

/** Callbacks waiting for a paint, oldest first; all of them run after the next painted frame. */
const waiting = new Set<Callback>();
let frame: number | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function runWaiting(): void {
  frame = null;
  timer = null;
  const due = [...waiting];
  waiting.clear();
  let failure: unknown = null;
  for (const callback of due) {
    try {
      callback();
    } catch (error) {
      failure ??= error;
    }
  }
  // One failing callback must not cost the others their turn; the first failure still surfaces.
  if (failure !== null) throw failure;
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
 * Runs `callback` in a task after the next frame has been painted, or on a later timer turn where
 * there are no animation frames (server, tests). Requests made before that frame all run in that one
 * task, in the order they were made, so the low-priority updates they start are rendered together.
 * Requests made while they run wait for the next painted frame. Returns a function that cancels the request.
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
