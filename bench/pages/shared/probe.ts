/**
 * In-page instrumentation shared by every bench page (ours and the baselines), installed before the app
 * renders: it times WebSocket messages, counts React commits and animation frames, records long tasks,
 * and resolves "message → painted frame" for metrics ticks. Node reads it through `window.__bench`.
 */

/** Timing of one metrics message, performance.now() milliseconds. */
export interface TickTiming {
  /** First listener of the socket's `message` event (registered before the app's own handler). */
  recv: number;
  /** Layout effect of the commit that first shows this tick's metrics. */
  commit?: number;
  /** The task right after the rendering update of the commit's frame (style, layout, paint) finished. */
  paint?: number;
  /** Start of the first animation frame after the commit ("the rAF after the commit"). */
  nextFrame?: number;
  /** Frame number the commit will be painted in. */
  frame?: number;
  /** Frame number the latest commit since this message will be painted in (deferred renders included). */
  lastFrame?: number;
  /** The task right after the frame painting the latest commit since this message: the whole update shown. */
  settled?: number;
}

/** One keystroke in a watched filter box: from its keydown to the painted frame showing its rows. */
export interface KeyTiming {
  /** The keydown event's time stamp (when the browser took the input). */
  down: number;
  /** The filter text after the key, normalised as the table does (trimmed, lower case). */
  expected: string;
  /** Frame in which the table first showed rows filtered by `expected` (or a newer text). */
  frame?: number;
  /** The task right after that frame's rendering update. */
  paint?: number;
}

export interface ProbeSnapshot {
  elapsedMs: number;
  messages: number;
  metricsMessages: number;
  events: number;
  commits: number;
  /** Sum of the Profiler's actualDuration over those commits (time spent rendering). */
  renderMs: number;
  rafs: number;
  /** Most commits painted in one frame. */
  maxCommitsPerFrame: number;
  /** Frames that painted more than one commit. */
  framesWithSeveralCommits: number;
  longTasks: number;
  longTaskMaxMs: number;
  longTaskTotalMs: number;
  lastCommitAgoMs: number;
  lastEventAt: number;
  renders: Record<string, number>;
  ticks: TickTiming[];
  /** The first commits of the window: time, phase and render duration (for diagnosis). */
  commitLog: Array<{ at: number; phase: string; ms: number }>;
  /** Render time and count per part and phase (`update`, `nested-update`), from onPartRender. */
  parts: Record<string, Record<string, { count: number; ms: number }>>;
  keys: KeyTiming[];
}

const NativeWebSocket = window.WebSocket;

/**
 * Whether code runs inside an animation frame's callbacks (including the microtasks they queue, where
 * React renders), so that its commit is painted in the current frame. Any other task, even one that
 * runs after the frame's rendering but was queued before the probe's after-paint message, is painted
 * in the next frame.
 */
let insideFrameCallbacks = false;
const nativeRequestAnimationFrame = window.requestAnimationFrame.bind(window);
window.requestAnimationFrame = (callback: FrameRequestCallback) =>
  nativeRequestAnimationFrame((time) => {
    insideFrameCallbacks = true;
    try {
      callback(time);
    } finally {
      // Queued after the callback's own microtasks, so a render they run still counts as in-frame.
      queueMicrotask(() => {
        insideFrameCallbacks = false;
      });
    }
  });
const REPORT_EVERY = 100;
const progress = new NativeWebSocket(`ws://${location.host}/bench/probe`);

class Probe {
  private start = performance.now();
  private messages = 0;
  private metricsMessages = 0;
  private events = 0;
  private commits = 0;
  private renderMs = 0;
  private rafs = 0;
  private lastCommitAt = 0;
  private lastEventAt = 0;
  private commitsByFrame = new Map<number, number>();
  private longTaskEntries: Array<{ start: number; duration: number }> = [];
  private renders: Record<string, number> = {};
  private ticks: TickTiming[] = [];
  private commitLog: Array<{ at: number; phase: string; ms: number }> = [];
  private parts: Record<string, Record<string, { count: number; ms: number }>> = {};
  private frameNo = 0;
  private keys: KeyTiming[] = [];
  private typing: { input: string; root: string } | null = null;
  private readonly afterPaint = new MessageChannel();

  constructor() {
    this.afterPaint.port1.onmessage = (event: MessageEvent<number>) => this.framePainted(event.data);
    const loop = () => {
      // Registered before anything else each frame, so it runs first in the frame's rAF callbacks.
      requestAnimationFrame(loop);
      this.frameNo += 1;
      this.rafs += 1;
      const now = performance.now();
      for (const tick of this.ticks)
        if (tick.commit !== undefined && tick.nextFrame === undefined) tick.nextFrame = now;
      this.checkTyping();
      // A task posted during the frame's callbacks runs once style, layout and paint of the frame are done.
      this.afterPaint.port2.postMessage(this.frameNo);
    };
    requestAnimationFrame(loop);
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          this.longTaskEntries.push({ start: entry.startTime, duration: entry.duration });
        }
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // longtask entries are unsupported: the snapshot reports none.
    }
  }

  /** Frame number in which work done now will be painted. */
  private currentFrameTarget(): number {
    return insideFrameCallbacks ? this.frameNo : this.frameNo + 1;
  }

  /**
   * Times keystrokes in the filter box `input` of the table `root` (which carries the text its rows are
   * filtered by in `data-query`): from keydown to the painted frame whose rows follow that text.
   */
  watchTyping(input: string, root: string): void {
    this.typing = { input, root };
    let down = 0;
    document.addEventListener(
      'keydown',
      (event) => {
        if ((event.target as Element | null)?.matches?.(input)) down = event.timeStamp;
      },
      true,
    );
    document.addEventListener(
      'input',
      (event) => {
        const target = event.target as HTMLInputElement | null;
        if (!target?.matches?.(input) || down === 0) return;
        this.keys.push({ down, expected: target.value.trim().toLocaleLowerCase() });
        down = 0;
      },
      true,
    );
  }

  /** At the start of a frame: keystrokes whose rows the DOM shows now are painted in this frame. */
  private checkTyping(): void {
    if (!this.typing) return;
    const shown = document.querySelector<HTMLElement>(this.typing.root)?.dataset.query ?? '';
    // The newest keystroke shown; any older one still waiting was superseded by it.
    let newest = -1;
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i].expected === shown) newest = i;
    for (let i = 0; i <= newest; i++) this.keys[i].frame ??= this.frameNo;
  }

  private framePainted(frame: number): void {
    const now = performance.now();
    for (const key of this.keys)
      if (key.frame !== undefined && key.paint === undefined && key.frame <= frame) key.paint = now;
    for (const tick of this.ticks) {
      if (tick.frame !== undefined && tick.paint === undefined && tick.frame <= frame) tick.paint = now;
      if (tick.lastFrame !== undefined && tick.settled === undefined && tick.lastFrame <= frame)
        tick.settled = now;
    }
  }

  onMessage(data: unknown): void {
    const now = performance.now();
    this.messages += 1;
    if (typeof data === 'string' && data.startsWith('{"type":"metrics"')) {
      this.metricsMessages += 1;
      this.ticks.push({ recv: now });
    }
  }

  /**
   * Called from a layout effect when the metrics shown on screen change. The newest metrics supersede
   * any older tick not shown yet (a client may apply several ticks in one update), so every pending
   * tick counts as committed now.
   */
  onMetricsCommitted(): void {
    const now = performance.now();
    const frame = this.currentFrameTarget();
    for (const tick of this.ticks) {
      if (tick.commit !== undefined) continue;
      tick.commit = now;
      tick.frame = frame;
    }
  }

  onEvent(): void {
    this.events += 1;
    this.lastEventAt = performance.now();
    // Reported from inside the handler, so the driver learns the count even while the page is too busy
    // to answer it.
    if (this.events % REPORT_EVERY === 0 && progress.readyState === NativeWebSocket.OPEN) {
      progress.send(JSON.stringify({ events: this.events }));
    }
  }

  /** React Profiler callback: `app` wraps the whole tree, any other id counts renders of its subtree. */
  onRender = (id: string, phase: string, actualDuration: number): void => {
    if (id !== 'app') {
      this.renders[id] = (this.renders[id] ?? 0) + 1;
      return;
    }
    this.commits += 1;
    this.renderMs += actualDuration;
    this.lastCommitAt = performance.now();
    if (this.commitLog.length < 500)
      this.commitLog.push({ at: this.lastCommitAt, phase, ms: actualDuration });
    const frame = this.currentFrameTarget();
    this.commitsByFrame.set(frame, (this.commitsByFrame.get(frame) ?? 0) + 1);
    const latestTick = this.ticks[this.ticks.length - 1];
    if (latestTick) {
      latestTick.lastFrame = frame;
      latestTick.settled = undefined;
    }
  };

  /** Profiler callback that accumulates render time per part and phase. */
  onPartRender = (id: string, phase: string, actualDuration: number): void => {
    const byPhase = (this.parts[id] ??= {});
    const entry = (byPhase[phase] ??= { count: 0, ms: 0 });
    entry.count += 1;
    entry.ms += actualDuration;
  };

  reset(): void {
    this.start = performance.now();
    this.messages = 0;
    this.metricsMessages = 0;
    this.events = 0;
    this.commits = 0;
    this.renderMs = 0;
    this.rafs = 0;
    this.lastEventAt = 0;
    this.commitsByFrame.clear();
    this.renders = {};
    this.ticks = [];
    this.commitLog = [];
    this.parts = {};
    this.keys = [];
  }

  snapshot(): ProbeSnapshot {
    const now = performance.now();
    const tasks = this.longTaskEntries.filter((t) => t.start >= this.start);
    let maxCommitsPerFrame = 0;
    let framesWithSeveralCommits = 0;
    for (const count of this.commitsByFrame.values()) {
      maxCommitsPerFrame = Math.max(maxCommitsPerFrame, count);
      if (count > 1) framesWithSeveralCommits += 1;
    }
    return {
      elapsedMs: now - this.start,
      messages: this.messages,
      metricsMessages: this.metricsMessages,
      events: this.events,
      commits: this.commits,
      renderMs: this.renderMs,
      rafs: this.rafs,
      maxCommitsPerFrame,
      framesWithSeveralCommits,
      longTasks: tasks.length,
      longTaskMaxMs: tasks.reduce((max, t) => Math.max(max, t.duration), 0),
      longTaskTotalMs: tasks.reduce((sum, t) => sum + t.duration, 0),
      lastCommitAgoMs: this.lastCommitAt === 0 ? -1 : now - this.lastCommitAt,
      lastEventAt: this.lastEventAt,
      renders: { ...this.renders },
      ticks: this.ticks.map((t) => ({ ...t })),
      commitLog: this.commitLog.slice(),
      parts: JSON.parse(JSON.stringify(this.parts)) as ProbeSnapshot['parts'],
      keys: this.keys.map((k) => ({ ...k })),
    };
  }
}

export interface BenchWindow {
  __bench: Probe;
}

export type { Probe };

export const probe = new Probe();

// Every socket the page opens is timed by a listener added before the app's own handler.
class TimedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    this.addEventListener('message', (event: MessageEvent) => probe.onMessage(event.data));
  }
}
window.WebSocket = TimedWebSocket;
(window as unknown as BenchWindow).__bench = probe;

/** Same-origin address of the bench server's monitoring socket. */
export const WS_URL = `ws://${location.host}/api/monitoring/ws`;
