/**
 * Scenario 3: one metrics tick of a big cluster (1,000 topics × 12 partitions, 200 groups × 5 topics ×
 * 12 partitions, about 1.1 MB) applied to a mounted dashboard, timed from the socket's message event to
 * the end of the rendering update that paints it. Ticks are sent one at a time (the next only after the
 * previous one was painted and the page idled), in rounds that rotate the order of the implementations.
 * Chromium's own counters split each tick into script, style and layout; for ours, a CPU profile and a
 * per-component page show where the time goes. A floor page that only parses each message and renders
 * one number of it, measured alongside, shows what no page can go below on the machine of the run; the
 * budgets are ratios to it. A second pass measures ours and the floor again while another process keeps
 * one core busy, and in both conditions keystrokes in the lag filter are timed while ticks keep coming.
 */
import type { CDPSession } from 'playwright-core';
import type { BenchWindow } from '../pages/shared/probe.js';
import { launchBrowser, type BenchBrowser } from '../lib/browser.js';
import { BusyCore } from '../lib/busy.js';
import { metricsFrames, sleep } from '../lib/data.js';
import { errorList, withPage, type PageSession } from '../lib/pageRun.js';
import { ensurePages, FLOOR_PAGE, IMPLEMENTATIONS, LABELS, PAGES_DIR } from '../lib/pages.js';
import { topFunctions, type CpuProfile } from '../lib/profile.js';
import type { Row, ScenarioBody } from '../lib/results.js';
import { BenchServer } from '../lib/server.js';
import { ms, ratio, round, roundSummary, summarize, type Summary } from '../lib/stats.js';

const WARMUP = 3;
const MEASURED_PER_ROUND = 5;
const ROUNDS = 4;
const PROFILED_TICKS = 5;
const IDLE_BETWEEN_TICKS_MS = 150;
const TICK_TIMEOUT_MS = 60_000;
/** Ours ÷ floor at the median: the painted tick, and the whole update with the charts. */
const BUDGET_PAINT_VS_FLOOR = 1.5;
const BUDGET_SETTLED_VS_FLOOR = 4;
const BUDGET_TYPING_P95_MS = 100;
/** Ticks arrive this often while the filter is typed into (faster than the server's 2 s, to be harsh). */
const TYPING_TICK_MS = 500;
const TYPING_KEY_DELAY_MS = 150;
/** Two filter texts typed key by key, the box cleared before each: group-id prefixes of the cluster. */
const TYPED = ['notification-f', 'analytics-etl-1'];
const LONG_TASK_BUDGET = 0;
const CHROME_COUNTERS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;
/** The three implementations, then the floor page (parse + one number) measured the same way. */
const MEASURED = [...IMPLEMENTATIONS, FLOOR_PAGE] as const;
type Measured = (typeof MEASURED)[number];
const MEASURED_LABELS: Record<Measured, string> = {
  ...LABELS,
  [FLOOR_PAGE]: 'floor (JSON.parse + one number rendered)',
};
/** One value per measured page, each made by `make`. */
function perPage<T>(make: () => T): Record<Measured, T> {
  return Object.fromEntries(MEASURED.map((page) => [page, make()])) as Record<Measured, T>;
}
const zeroCounters = (): Counters => ({
  TaskDuration: 0,
  ScriptDuration: 0,
  LayoutDuration: 0,
  RecalcStyleDuration: 0,
});

interface TickSample {
  toCommit: number;
  toPaint: number;
  toNextFrame: number;
  /** To the paint of the tick's last commit: deferred renders (our charts) included. */
  toSettled: number;
}

type Counters = Record<(typeof CHROME_COUNTERS)[number], number>;

async function chromeCounters(cdp: CDPSession): Promise<Counters> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const out = {} as Counters;
  for (const name of CHROME_COUNTERS) out[name] = (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return out;
}

/** Sends frames[from..to) one at a time, each once the previous one was painted; returns the ticks' timings. */
async function sendTicks(
  session: PageSession,
  frames: string[],
  from: number,
  to: number,
): Promise<TickSample[]> {
  const out: TickSample[] = [];
  const offset = (await session.snapshot()).ticks.length;
  for (let i = from; i < to; i++) {
    const index = offset + i - from;
    session.socket.send(frames[i]);
    await session.waitFor(
      (s) =>
        s.ticks.length > index &&
        s.ticks[index].paint !== undefined &&
        s.ticks[index].nextFrame !== undefined,
      TICK_TIMEOUT_MS,
      10,
    );
    await sleep(IDLE_BETWEEN_TICKS_MS);
    // Deferred work (our charts) has had the idle time to finish; wait on if it has not.
    const settled = await session.waitFor(
      (s) => s.ticks[index].settled !== undefined && s.lastCommitAgoMs > IDLE_BETWEEN_TICKS_MS / 2,
      TICK_TIMEOUT_MS,
      10,
    );
    const t = settled.ticks[index];
    out.push({
      toCommit: t.commit! - t.recv,
      toPaint: t.paint! - t.recv,
      toNextFrame: t.nextFrame! - t.recv,
      toSettled: t.settled! - t.recv,
    });
  }
  return out;
}

interface Pass {
  samples: Record<Measured, TickSample[]>;
  roundMedians: Array<Partial<Record<Measured, number>>>;
  longTasks: Record<Measured, number>;
  longTaskMaxMs: Record<Measured, number>;
  commits: Record<Measured, number>;
  counters: Record<Measured, Counters>;
}

/** `ROUNDS` rounds over `pages` (order rotating), each page fresh: warm-up ticks, then measured ticks. */
async function measurePass(
  browser: BenchBrowser,
  server: BenchServer,
  frames: string[],
  pages: readonly Measured[],
  label: string,
  pageErrors: string[],
): Promise<Pass> {
  const pass: Pass = {
    samples: perPage((): TickSample[] => []),
    roundMedians: [],
    longTasks: perPage(() => 0),
    longTaskMaxMs: perPage(() => 0),
    commits: perPage(() => 0),
    counters: perPage(zeroCounters),
  };
  for (let r = 0; r < ROUNDS; r++) {
    const order = pages.map((_, i) => pages[(i + r) % pages.length]);
    const medians: Partial<Record<Measured, number>> = {};
    pass.roundMedians.push(medians);
    for (const impl of order) {
      await withPage(browser, server, impl, async (session) => {
        const cdp = await session.page.context().newCDPSession(session.page);
        await cdp.send('Performance.enable');
        await sendTicks(session, frames, 0, WARMUP);
        await session.reset();
        const before = await chromeCounters(cdp);
        const measured = await sendTicks(session, frames, WARMUP, WARMUP + MEASURED_PER_ROUND);
        pass.samples[impl].push(...measured);
        medians[impl] = round(summarize(measured.map((t) => t.toPaint)).median, 1);
        const after = await chromeCounters(cdp);
        for (const name of CHROME_COUNTERS) pass.counters[impl][name] += after[name] - before[name];
        const s = await session.snapshot();
        pass.longTasks[impl] += s.longTasks;
        pass.longTaskMaxMs[impl] = Math.max(pass.longTaskMaxMs[impl], s.longTaskMaxMs);
        pass.commits[impl] += s.commits;
        pageErrors.push(...errorList(session.errors).map((e) => `${MEASURED_LABELS[impl]}: ${e}`));
      });
      process.stdout.write(`  dashboard${label}: ${impl} round ${r + 1}/${ROUNDS} done\n`);
    }
  }
  return pass;
}

interface Typing {
  /** Keydown → painted frame showing the filtered rows, per keystroke, ms. */
  latencies: number[];
  keys: number;
  longTasks: number;
  longTaskMaxMs: number;
  ticksDuring: number;
}

/**
 * Ours with ticks arriving every `TYPING_TICK_MS`: the lag filter is typed into key by key (cleared
 * before each text); each keystroke is timed from its keydown to the painted frame whose rows follow it.
 */
async function measureTyping(browser: BenchBrowser, server: BenchServer, frames: string[]): Promise<Typing> {
  return withPage(browser, server, 'takhin', async (session) => {
    await sendTicks(session, frames, 0, WARMUP);
    await session.page.evaluate(() =>
      (window as unknown as BenchWindow).__bench.watchTyping(
        '.takhin-lag-table .takhin-filter',
        '.takhin-lag-table',
      ),
    );
    await session.reset();
    let next = 0;
    let ticksDuring = 0;
    const ticker = setInterval(() => {
      session.socket.send(frames[next++ % frames.length]);
      ticksDuring++;
    }, TYPING_TICK_MS);
    try {
      const input = session.page.locator('.takhin-lag-table .takhin-filter');
      for (const text of TYPED) {
        await input.fill('');
        await sleep(TYPING_TICK_MS);
        await input.click();
        await session.page.keyboard.type(text, { delay: TYPING_KEY_DELAY_MS });
        await sleep(TYPING_TICK_MS);
      }
      const done = await session.waitFor(
        (s) => s.keys.length > 0 && s.keys.every((k) => k.paint !== undefined),
        TICK_TIMEOUT_MS,
        50,
      );
      return {
        latencies: done.keys.map((k) => k.paint! - k.down),
        keys: done.keys.length,
        longTasks: done.longTasks,
        longTaskMaxMs: round(done.longTaskMaxMs, 1),
        ticksDuring,
      };
    } finally {
      clearInterval(ticker);
    }
  });
}

export async function run(): Promise<ScenarioBody> {
  await ensurePages();
  const frames = metricsFrames('huge', 'spec', WARMUP + Math.max(MEASURED_PER_ROUND, PROFILED_TICKS));
  const frameBytes = Buffer.byteLength(frames[0]);
  const server = await BenchServer.start(PAGES_DIR);
  const browser = await launchBrowser();
  const pageErrors: string[] = [];
  let profile: CpuProfile | null = null;
  let parts: Record<string, Record<string, { count: number; ms: number }>> = {};
  let quiet: Pass;
  let loaded: Pass;
  let typingQuiet: Typing;
  let typingLoaded: Typing;
  try {
    quiet = await measurePass(browser, server, frames, MEASURED, '', pageErrors);
    typingQuiet = await measureTyping(browser, server, frames);

    // Where ours spends a tick: a CPU profile of the real page, then render time per component.
    await withPage(browser, server, 'takhin', async (session) => {
      const cdp = await session.page.context().newCDPSession(session.page);
      await sendTicks(session, frames, 0, WARMUP);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await sendTicks(session, frames, WARMUP, WARMUP + PROFILED_TICKS);
      profile = (await cdp.send('Profiler.stop')).profile as CpuProfile;
    });
    await withPage(browser, server, 'takhin-parts', async (session) => {
      await sendTicks(session, frames, 0, WARMUP);
      await session.reset();
      await sendTicks(session, frames, WARMUP, WARMUP + PROFILED_TICKS);
      parts = (await session.snapshot()).parts;
    });

    // The same again, ours and the floor, with another process keeping one core busy.
    const busy = BusyCore.start();
    try {
      await sleep(500);
      loaded = await measurePass(
        browser,
        server,
        frames,
        ['takhin', FLOOR_PAGE],
        ' (one core busy)',
        pageErrors,
      );
      typingLoaded = await measureTyping(browser, server, frames);
    } finally {
      await busy.stop();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const { samples, roundMedians, longTasks, commits, counters } = quiet;

  const stats = {} as Record<
    Measured,
    { toCommit: Summary; toPaint: Summary; toNextFrame: Summary; toSettled: Summary }
  >;
  for (const impl of MEASURED) {
    stats[impl] = {
      toCommit: roundSummary(summarize(samples[impl].map((s) => s.toCommit))),
      toPaint: roundSummary(summarize(samples[impl].map((s) => s.toPaint))),
      toNextFrame: roundSummary(summarize(samples[impl].map((s) => s.toNextFrame))),
      toSettled: roundSummary(summarize(samples[impl].map((s) => s.toSettled))),
    };
  }
  const ticks = ROUNDS * MEASURED_PER_ROUND;
  const perTick = (impl: Measured, name: (typeof CHROME_COUNTERS)[number]) => counters[impl][name] / ticks;
  const split = (impl: Measured) =>
    `${perTick(impl, 'ScriptDuration').toFixed(0)} / ${perTick(impl, 'RecalcStyleDuration').toFixed(0)} / ` +
    `${perTick(impl, 'LayoutDuration').toFixed(0)} ms`;
  const ours = stats.takhin.toPaint.median;
  const speedupSeed = stats.seed.toPaint.median / ours;
  const speedupRuw = stats.ruw.toPaint.median / ours;
  const top = profile ? topFunctions(profile, 15, PROFILED_TICKS) : [];
  const partsPerTick = Object.entries(parts)
    .map(([id, byPhase]) => ({
      component: id,
      updateMs: round((byPhase.update?.ms ?? 0) / PROFILED_TICKS, 1),
      nestedUpdateMs: round((byPhase['nested-update']?.ms ?? 0) / PROFILED_TICKS, 1),
      nestedUpdates: round((byPhase['nested-update']?.count ?? 0) / PROFILED_TICKS, 1),
    }))
    .sort((a, b) => b.updateMs + b.nestedUpdateMs - (a.updateMs + a.nestedUpdateMs));

  const floor = stats[FLOOR_PAGE];
  const paintVsFloor = ours / floor.toPaint.median;
  const settledVsFloor = stats.takhin.toSettled.median / floor.toPaint.median;
  const summaryOf = (pass: Pass, impl: Measured, pick: (t: TickSample) => number) =>
    roundSummary(summarize(pass.samples[impl].map(pick)));
  const loadedPaint = summaryOf(loaded!, 'takhin', (t) => t.toPaint);
  const loadedSettled = summaryOf(loaded!, 'takhin', (t) => t.toSettled);
  const loadedFloor = summaryOf(loaded!, FLOOR_PAGE, (t) => t.toPaint);
  const loadedPaintVsFloor = loadedPaint.median / loadedFloor.median;
  const loadedSettledVsFloor = loadedSettled.median / loadedFloor.median;
  const loadedScript = loaded!.counters.takhin.ScriptDuration / ticks;
  const typingQ = roundSummary(summarize(typingQuiet!.latencies));
  const typingL = roundSummary(summarize(typingLoaded!.latencies));

  const rows: Row[] = [
    {
      metric:
        "message → painted frame showing the tick's numbers (ours: status, verdict, cluster health; tables and charts follow in the whole update), median (p95)",
      ours: ms(stats.takhin.toPaint),
      seed: ms(stats.seed.toPaint),
      ruw: ms(stats.ruw.toPaint),
      ratio: `ours ÷ floor ${ratio(paintVsFloor, 2)}; seed ÷ ours ${ratio(speedupSeed, 1)}, ruw ÷ ours ${ratio(speedupRuw, 1)}`,
      budget: `≤ ${BUDGET_PAINT_VS_FLOOR}× floor`,
      met: paintVsFloor <= BUDGET_PAINT_VS_FLOOR,
    },
    {
      metric: 'floor: JSON.parse of the message + one number rendered, message → painted frame, median (p95)',
      ours: ms(floor.toPaint),
    },
    {
      metric: 'message → whole update painted, charts included, median (p95)',
      ours: ms(stats.takhin.toSettled),
      seed: ms(stats.seed.toSettled),
      ruw: ms(stats.ruw.toSettled),
      ratio: `ours ÷ floor ${ratio(settledVsFloor, 2)}; seed ÷ ours ${ratio(stats.seed.toSettled.median / stats.takhin.toSettled.median, 1)}`,
      budget: `≤ ${BUDGET_SETTLED_VS_FLOOR}× floor`,
      met: settledVsFloor <= BUDGET_SETTLED_VS_FLOOR,
    },
    {
      metric: 'message → rAF after the commit, median (p95)',
      ours: ms(stats.takhin.toNextFrame),
      seed: ms(stats.seed.toNextFrame),
      ruw: ms(stats.ruw.toNextFrame),
      ratio: `seed ÷ ours ${ratio(stats.seed.toNextFrame.median / stats.takhin.toNextFrame.median, 1)}`,
    },
    {
      metric: 'message → commit, median (p95)',
      ours: ms(stats.takhin.toCommit),
      seed: ms(stats.seed.toCommit),
      ruw: ms(stats.ruw.toCommit),
    },
    {
      metric: 'main thread per tick: script / style / layout (Chromium counters)',
      ours: split('takhin'),
      seed: split('seed'),
      ruw: split('ruw'),
    },
    {
      metric: `React commits / long tasks (> 50 ms) over ${ticks} ticks`,
      ours: `${commits.takhin} / ${longTasks.takhin}`,
      seed: `${commits.seed} / ${longTasks.seed}`,
      ruw: `${commits.ruw} / ${longTasks.ruw}`,
      budget: `${LONG_TASK_BUDGET} long tasks`,
      met: longTasks.takhin <= LONG_TASK_BUDGET,
    },
    {
      metric: 'one core busy: message → painted frame, median (p95); floor in the same pass',
      ours: ms(loadedPaint),
      ratio: `ours ÷ floor ${ratio(loadedPaintVsFloor, 2)} (floor ${ms(loadedFloor)})`,
      budget: `≤ ${BUDGET_PAINT_VS_FLOOR}× floor`,
      met: loadedPaintVsFloor <= BUDGET_PAINT_VS_FLOOR,
    },
    {
      metric: 'one core busy: message → whole update painted, median (p95)',
      ours: ms(loadedSettled),
      ratio: `ours ÷ floor ${ratio(loadedSettledVsFloor, 2)}`,
      budget: `≤ ${BUDGET_SETTLED_VS_FLOOR}× floor`,
      met: loadedSettledVsFloor <= BUDGET_SETTLED_VS_FLOOR,
    },
    {
      metric: `one core busy: main-thread script per tick / long tasks over ${ticks} ticks (longest)`,
      ours: `${loadedScript.toFixed(0)} ms / ${loaded!.longTasks.takhin} (${loaded!.longTaskMaxMs.takhin.toFixed(0)} ms)`,
      budget: `${LONG_TASK_BUDGET} long tasks`,
      met: loaded!.longTasks.takhin <= LONG_TASK_BUDGET,
    },
    {
      metric: `typing in the lag filter while ticks arrive every ${TYPING_TICK_MS} ms: keydown → painted filtered rows, median (p95); keys / long tasks`,
      ours: `${ms(typingQ)}; ${typingQuiet!.keys} / ${typingQuiet!.longTasks}`,
      budget: `p95 ≤ ${BUDGET_TYPING_P95_MS} ms`,
      met: typingQ.p95 <= BUDGET_TYPING_P95_MS,
    },
    {
      metric: 'the same, one core busy',
      ours: `${ms(typingL)}; ${typingLoaded!.keys} / ${typingLoaded!.longTasks}`,
      budget: `p95 ≤ ${BUDGET_TYPING_P95_MS} ms`,
      met: typingL.p95 <= BUDGET_TYPING_P95_MS,
    },
  ];
  const notes: string[] = [];
  if (
    paintVsFloor > BUDGET_PAINT_VS_FLOOR ||
    settledVsFloor > BUDGET_SETTLED_VS_FLOOR ||
    longTasks.takhin > LONG_TASK_BUDGET
  ) {
    notes.push(
      `takhin-react: median ${ours.toFixed(1)} ms to paint (commit at ${stats.takhin.toCommit.median.toFixed(1)} ms); ` +
        `${(commits.takhin / ticks).toFixed(1)} React commits per tick. Render time per component and tick ` +
        `(update + nested update): ` +
        partsPerTick
          .filter((p) => p.updateMs + p.nestedUpdateMs >= 0.5)
          .map(
            (p) =>
              `${p.component} ${p.updateMs.toFixed(1)} + ${p.nestedUpdateMs.toFixed(1)} ms` +
              (p.nestedUpdates > 0 ? ` (${p.nestedUpdates} nested updates)` : ''),
          )
          .join(', ') +
        '. Top self time in the CPU profile: ' +
        top
          .slice(0, 8)
          .map((line) => `${line.fn} ${line.selfPercent}%`)
          .join(', ') +
        '.',
    );
  }
  const budgets = rows
    .filter((row) => row.met !== undefined)
    .map((row) => ({ name: row.metric, limit: row.budget!, actual: row.ours, met: row.met! }));
  return {
    title:
      'Big-cluster dashboard: one metrics tick → painted frame (real Chromium), quiet and with one core busy',
    budgets,
    rows,
    details: {
      cluster: { topics: 1000, partitionsPerTopic: 12, groups: 200, topicsPerGroup: 5, dialect: 'spec' },
      frameBytes,
      warmupTicksPerPage: WARMUP,
      measuredTicks: ticks,
      rounds: ROUNDS,
      toPaintMedianPerRound: roundMedians,
      loaded: {
        condition: 'a second process runs a busy loop (one core of two kept busy)',
        stats: {
          takhin: { toPaint: loadedPaint, toSettled: loadedSettled },
          floor: { toPaint: loadedFloor },
        },
        chromeCountersPerTickMs: Object.fromEntries(
          (['takhin', FLOOR_PAGE] as const).map((impl) => [
            impl,
            Object.fromEntries(
              CHROME_COUNTERS.map((name) => [name, round(loaded!.counters[impl][name] / ticks, 1)]),
            ),
          ]),
        ),
        longTasks: { takhin: loaded!.longTasks.takhin, floor: loaded!.longTasks[FLOOR_PAGE] },
        longTaskMaxMs: loaded!.longTaskMaxMs.takhin,
        toPaintMedianPerRound: loaded!.roundMedians,
        samples: { takhin: loaded!.samples.takhin, floor: loaded!.samples[FLOOR_PAGE] },
      },
      typing: {
        tickEveryMs: TYPING_TICK_MS,
        keyDelayMs: TYPING_KEY_DELAY_MS,
        typed: TYPED,
        quiet: { ...typingQuiet!, summary: typingQ },
        loaded: { ...typingLoaded!, summary: typingL },
      },
      longTaskMaxMs: quiet!.longTaskMaxMs,
      idleBetweenTicksMs: IDLE_BETWEEN_TICKS_MS,
      implementations: MEASURED_LABELS,
      stats,
      chromeCountersPerTickMs: Object.fromEntries(
        MEASURED.map((impl) => [
          impl,
          Object.fromEntries(CHROME_COUNTERS.map((name) => [name, round(perTick(impl, name), 1)])),
        ]),
      ),
      takhinProfile: { ticks: PROFILED_TICKS, topSelfPerTick: top },
      takhinComponentsPerTick: partsPerTick,
      samples,
      pageErrors,
    },
    notes,
  };
}
