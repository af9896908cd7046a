/**
 * Scenario 3: one metrics tick of a big cluster (1,000 topics × 12 partitions, 200 groups × 5 topics ×
 * 12 partitions, about 1.1 MB) applied to a mounted dashboard, timed from the socket's message event to
 * the end of the rendering update that paints it. Ticks are sent one at a time (the next only after the
 * previous one was painted and the page idled), in rounds that rotate the order of the implementations.
 * Chromium's own counters split each tick into script, style and layout; for ours, a CPU profile and a
 * per-component page show where the time goes. A floor page that only parses each message and renders
 * one number of it, measured alongside, shows what no page can go below on the machine of the run.
 */
import type { CDPSession } from 'playwright-core';
import { launchBrowser } from '../lib/browser.js';
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
const BUDGET_MS = 16;
const BUDGET_SPEEDUP = 5;
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

export async function run(): Promise<ScenarioBody> {
  await ensurePages();
  const frames = metricsFrames('huge', 'spec', WARMUP + Math.max(MEASURED_PER_ROUND, PROFILED_TICKS));
  const frameBytes = Buffer.byteLength(frames[0]);
  const server = await BenchServer.start(PAGES_DIR);
  const browser = await launchBrowser();
  const samples = perPage((): TickSample[] => []);
  const roundMedians: Array<Record<Measured, number>> = [];
  const longTasks = perPage(() => 0);
  const commits = perPage(() => 0);
  const counters = perPage(zeroCounters);
  const pageErrors: string[] = [];
  let profile: CpuProfile | null = null;
  let parts: Record<string, Record<string, { count: number; ms: number }>> = {};
  try {
    for (let r = 0; r < ROUNDS; r++) {
      const order = MEASURED.map((_, i) => MEASURED[(i + r) % MEASURED.length]);
      const medians = {} as Record<Measured, number>;
      roundMedians.push(medians);
      for (const impl of order) {
        await withPage(browser, server, impl, async (session) => {
          const cdp = await session.page.context().newCDPSession(session.page);
          await cdp.send('Performance.enable');
          await sendTicks(session, frames, 0, WARMUP);
          await session.reset();
          const before = await chromeCounters(cdp);
          const measured = await sendTicks(session, frames, WARMUP, WARMUP + MEASURED_PER_ROUND);
          samples[impl].push(...measured);
          medians[impl] = round(summarize(measured.map((t) => t.toPaint)).median, 1);
          const after = await chromeCounters(cdp);
          for (const name of CHROME_COUNTERS) counters[impl][name] += after[name] - before[name];
          const s = await session.snapshot();
          longTasks[impl] += s.longTasks;
          commits[impl] += s.commits;
          pageErrors.push(...errorList(session.errors).map((e) => `${MEASURED_LABELS[impl]}: ${e}`));
        });
        process.stdout.write(`  dashboard: ${impl} round ${r + 1}/${ROUNDS} done\n`);
      }
    }

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
  } finally {
    await browser.close();
    await server.close();
  }

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

  const rows: Row[] = [
    {
      metric: 'message → painted frame showing the tick (numbers, tables), median (p95)',
      ours: ms(stats.takhin.toPaint),
      seed: ms(stats.seed.toPaint),
      ruw: ms(stats.ruw.toPaint),
      ratio: `seed ÷ ours ${ratio(speedupSeed, 1)}, ruw ÷ ours ${ratio(speedupRuw, 1)}`,
      budget: `< ${BUDGET_MS} ms, ≥ ${BUDGET_SPEEDUP}× seed`,
      met: ours < BUDGET_MS && speedupSeed >= BUDGET_SPEEDUP,
    },
    {
      metric: 'floor: JSON.parse of the message + one number rendered, message → painted frame, median (p95)',
      ours: ms(stats[FLOOR_PAGE].toPaint),
      ratio: `ours ÷ floor ${ratio(ours / stats[FLOOR_PAGE].toPaint.median, 1)}`,
    },
    {
      metric: 'message → whole update painted, charts included, median (p95)',
      ours: ms(stats.takhin.toSettled),
      seed: ms(stats.seed.toSettled),
      ruw: ms(stats.ruw.toSettled),
      ratio: `seed ÷ ours ${ratio(stats.seed.toSettled.median / stats.takhin.toSettled.median, 1)}`,
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
      metric: `React commits / long tasks over ${ticks} ticks`,
      ours: `${commits.takhin} / ${longTasks.takhin}`,
      seed: `${commits.seed} / ${longTasks.seed}`,
      ruw: `${commits.ruw} / ${longTasks.ruw}`,
    },
  ];
  const notes: string[] = [];
  if (ours >= BUDGET_MS || speedupSeed < BUDGET_SPEEDUP) {
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
  return {
    title: 'Big-cluster dashboard: one metrics tick → painted frame (real Chromium)',
    budgets: [
      {
        name: 'takhin-react message → painted frame, median',
        limit: `< ${BUDGET_MS} ms`,
        actual: `${ours.toFixed(1)} ms`,
        met: ours < BUDGET_MS,
      },
      {
        name: 'speed-up over the seed baseline (median ÷ median)',
        limit: `≥ ${BUDGET_SPEEDUP}×`,
        actual: ratio(speedupSeed, 1),
        met: speedupSeed >= BUDGET_SPEEDUP,
      },
    ],
    rows,
    details: {
      cluster: { topics: 1000, partitionsPerTopic: 12, groups: 200, topicsPerGroup: 5, dialect: 'spec' },
      frameBytes,
      warmupTicksPerPage: WARMUP,
      measuredTicks: ticks,
      rounds: ROUNDS,
      toPaintMedianPerRound: roundMedians,
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
