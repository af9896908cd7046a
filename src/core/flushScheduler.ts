/**
 * Decides when queued incoming work is applied: once per animation frame (with a timeout for hidden
 * tabs, where frames stop), after a delay, or at once. One flush per frame keeps React to one commit
 * per frame however many messages arrive.
 */
export type BatchMode = 'frame' | 'sync' | number;

/** Longest wait for an animation frame before going on anyway (hidden tabs get no frames). */
const FRAME_FALLBACK_MS = 50;

type FrameScope = {
  requestAnimationFrame?: (callback: () => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
};

/** Read at each call, not once: a test or a polyfill may install animation frames after this loads. */
const frames = globalThis as FrameScope;
const hasFrames = () => typeof frames.requestAnimationFrame === 'function';

/**
 * In `'frame'` mode the first request after a quiet spell flushes at once, so a lone metrics tick is
 * painted in the very next frame instead of waiting for one; that flush opens a cool-down lasting
 * until the frame it will be painted in begins. Requests during the cool-down are applied together
 * in the frame after that one, so no frame ever paints two flushes.
 */
export class FlushScheduler {
  // ECMAScript private members: minifiers shorten their names, which they cannot do for `private` ones.
  #frameHandle: number | null = null;
  #timerHandle: ReturnType<typeof setTimeout> | null = null;
  /** A flush happened and the frame that paints it has not started yet. */
  #coolingDown = false;
  /** A request came in during the cool-down. */
  #wanted = false;
  /** The next frame (or its fallback timer) runs the flush, as opposed to ending a cool-down. */
  #flushOnFrame = false;
  readonly #mode: BatchMode;
  readonly #flush: () => void;

  constructor(mode: BatchMode, flush: () => void) {
    this.#mode = mode;
    this.#flush = flush;
  }

  /** Asks for a flush; several requests before it happens give one flush. */
  request(): void {
    if (this.#mode === 'sync') {
      this.#flush();
      return;
    }
    if (typeof this.#mode === 'number') {
      this.#timerHandle ??= setTimeout(() => this.#runDelayed(), Math.max(0, this.#mode));
      return;
    }
    if (!hasFrames()) {
      this.#timerHandle ??= setTimeout(() => this.#runDelayed(), 0);
      return;
    }
    if (this.#flushOnFrame) return;
    if (this.#coolingDown) {
      this.#wanted = true;
      return;
    }
    this.#flush();
    this.#coolingDown = true;
    this.#waitForFrame(() => this.#endCoolDown());
  }

  #runDelayed(): void {
    this.#timerHandle = null;
    this.#flush();
  }

  #endCoolDown(): void {
    this.#coolingDown = false;
    if (!this.#wanted) return;
    this.#wanted = false;
    // What arrived during the cool-down is painted in the next frame, not in the one starting now.
    this.#flushOnFrame = true;
    this.#waitForFrame(() => {
      this.#flushOnFrame = false;
      this.#flush();
    });
  }

  /** Runs `then` on the next animation frame, or after a fallback delay when frames do not come. */
  #waitForFrame(then: () => void): void {
    const run = () => {
      this.#clearHandles();
      then();
    };
    this.#frameHandle = frames.requestAnimationFrame!(run);
    this.#timerHandle = setTimeout(run, FRAME_FALLBACK_MS);
  }

  #clearHandles(): void {
    if (this.#frameHandle !== null) frames.cancelAnimationFrame?.(this.#frameHandle);
    if (this.#timerHandle !== null) clearTimeout(this.#timerHandle);
    this.#frameHandle = null;
    this.#timerHandle = null;
  }

  /** Drops a pending flush without running it. */
  cancel(): void {
    this.#clearHandles();
    this.#coolingDown = false;
    this.#wanted = false;
    this.#flushOnFrame = false;
  }

  /** Whether a flush is still to come. */
  get pending(): boolean {
    return this.#flushOnFrame || this.#wanted || (this.#timerHandle !== null && !this.#coolingDown);
  }
}
