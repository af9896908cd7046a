import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlushScheduler } from '../../src/core/flushScheduler.js';

/** A frame clock driven by hand: `frame()` runs the callbacks of one animation frame. */
function installFrames() {
  let callbacks = new Map<number, () => void>();
  let next = 1;
  const scope = globalThis as Record<string, unknown>;
  scope.requestAnimationFrame = (callback: () => void) => {
    callbacks.set(next, callback);
    return next++;
  };
  scope.cancelAnimationFrame = (handle: number) => callbacks.delete(handle);
  return {
    frame() {
      const due = callbacks;
      callbacks = new Map();
      for (const callback of due.values()) callback();
    },
    get waiting() {
      return callbacks.size;
    },
  };
}

function removeFrames() {
  const scope = globalThis as Record<string, unknown>;
  delete scope.requestAnimationFrame;
  delete scope.cancelAnimationFrame;
}

describe("FlushScheduler in 'frame' mode", () => {
  let frames: ReturnType<typeof installFrames>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    frames = installFrames();
  });
  afterEach(() => {
    vi.useRealTimers();
    removeFrames();
  });

  it('flushes the first request after a quiet spell at once', () => {
    const flush = vi.fn();
    const scheduler = new FlushScheduler('frame', flush);
    scheduler.request();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(scheduler.pending).toBe(false);
  });

  it('never flushes twice for one painted frame: later requests wait for the frame after', () => {
    const flush = vi.fn();
    const scheduler = new FlushScheduler('frame', flush);
    scheduler.request(); // painted in frame 1
    scheduler.request();
    scheduler.request();
    expect(flush).toHaveBeenCalledTimes(1);
    expect(scheduler.pending).toBe(true);
    frames.frame(); // frame 1 begins: its paint already holds the first flush
    expect(flush).toHaveBeenCalledTimes(1);
    frames.frame(); // frame 2
    expect(flush).toHaveBeenCalledTimes(2);
    expect(scheduler.pending).toBe(false);
  });

  it('goes back to flushing at once after a frame without requests', () => {
    const flush = vi.fn();
    const scheduler = new FlushScheduler('frame', flush);
    scheduler.request();
    frames.frame();
    expect(frames.waiting).toBe(0);
    scheduler.request();
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('keeps going in a hidden tab, where frames stop, after the fallback delay', () => {
    const flush = vi.fn();
    const scheduler = new FlushScheduler('frame', flush);
    scheduler.request();
    scheduler.request();
    vi.advanceTimersByTime(50); // the cool-down ends without a frame
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(50);
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('cancel drops what is waiting and leaves no frame request or timer behind', () => {
    const flush = vi.fn();
    const scheduler = new FlushScheduler('frame', flush);
    scheduler.request();
    scheduler.request();
    scheduler.cancel();
    expect(scheduler.pending).toBe(false);
    expect(frames.waiting).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    frames.frame();
    vi.advanceTimersByTime(100);
    expect(flush).toHaveBeenCalledTimes(1);
  });
});

describe('FlushScheduler in other modes', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it("'sync' flushes on every request", () => {
    const flush = vi.fn();
    const scheduler = new FlushScheduler('sync', flush);
    scheduler.request();
    scheduler.request();
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('a number gathers the requests of that many ms into one flush', () => {
    const flush = vi.fn();
    const scheduler = new FlushScheduler(100, flush);
    scheduler.request();
    vi.advanceTimersByTime(60);
    scheduler.request();
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(40);
    expect(flush).toHaveBeenCalledTimes(1);
    expect(scheduler.pending).toBe(false);
  });

  it("'frame' without animation frames (Node) flushes on the next timer turn, once for many requests", () => {
    const flush = vi.fn();
    const scheduler = new FlushScheduler('frame', flush);
    scheduler.request();
    scheduler.request();
    expect(scheduler.pending).toBe(true);
    vi.advanceTimersByTime(0);
    expect(flush).toHaveBeenCalledTimes(1);
  });
});
