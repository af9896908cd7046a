/**
 * Decides when queued incoming work is applied: on the next animation frame (with a timeout for hidden
 * tabs, where frames stop), after a delay, or at once. One flush per batch keeps React to one commit per
 * frame however many messages arrive.
 */
export type BatchMode = 'frame' | 'sync' | number;

/** Longest wait for an animation frame before flushing anyway (hidden tabs get no frames). */
const FRAME_FALLBACK_MS = 50;

export class FlushScheduler {
  private frameHandle: number | null = null;
  private timerHandle: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly mode: BatchMode,
    private readonly flush: () => void,
  ) {}

  /** Asks for a flush; several requests before it happens give one flush. */
  request(): void {
    if (this.mode === 'sync') {
      this.flush();
      return;
    }
    if (this.frameHandle !== null || this.timerHandle !== null) return;
    const run = () => {
      this.cancel();
      this.flush();
    };
    if (this.mode === 'frame') {
      const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number })
        .requestAnimationFrame;
      if (typeof raf === 'function') this.frameHandle = raf(run);
      this.timerHandle = setTimeout(run, this.frameHandle === null ? 0 : FRAME_FALLBACK_MS);
    } else {
      this.timerHandle = setTimeout(run, Math.max(0, this.mode));
    }
  }

  /** Drops a pending flush without running it. */
  cancel(): void {
    if (this.frameHandle !== null) {
      const caf = (globalThis as { cancelAnimationFrame?: (handle: number) => void }).cancelAnimationFrame;
      caf?.(this.frameHandle);
      this.frameHandle = null;
    }
    if (this.timerHandle !== null) {
      clearTimeout(this.timerHandle);
      this.timerHandle = null;
    }
  }

  get pending(): boolean {
    return this.frameHandle !== null || this.timerHandle !== null;
  }
}
