/**
 * Scenario 2: 10,000 `topic_created` events within one second over a real socket, one event per
 * frame, to a mounted dashboard of a mid-size cluster. Counts the events the app's handler saw, React
 * commits against animation frames, and main-thread long tasks, for ours and both baselines.
 */
import { launchBrowser } from '../lib/browser.js';
import { metricsFrames, sleep, topicCreatedFrame } from '../lib/data.js';
import { errorList, WaitTimeout, withPage } from '../lib/pageRun.js';
import { ensurePages, IMPLEMENTATIONS, LABELS, PAGES_DIR, type Implementation } from '../lib/pages.js';
import type { Row, ScenarioBody } from '../lib/results.js';
import { BenchServer } from '../lib/server.js';
import { round } from '../lib/stats.js';
import type { ProbeSnapshot } from '../pages/shared/probe.js';

const EVENTS = 10_000;
const SLICES = 100;
const SLICE_MS = 10;
/** How long a page may take to work through the burst before what it has not seen counts as lost. */
const DRAIN_TIMEOUT_MS = 30_000;
const QUIET_MS = 500;

interface BurstOutcome {
  sendMs: number;
  drainMs: number;
  finished: boolean;
  events: number;
  commits: number;
  rafs: number;
  maxCommitsPerFrame: number;
  framesWithSeveralCommits: number;
  longTasks: number;
  longTaskMaxMs: number;
  longTaskTotalMs: number;
  renderMs: number;
  pageErrors: string[];
  /** False when the page was still too busy to answer when the drain timeout expired. */
  answered: boolean;
}

/** `started`: page clock when the burst began. */
function outcome(s: ProbeSnapshot, sendMs: number, finished: boolean, started: number): BurstOutcome {
  return {
    sendMs: round(sendMs, 1),
    drainMs: round(s.lastEventAt > 0 ? s.lastEventAt - started : NaN, 1),
    finished,
    events: s.events,
    commits: s.commits,
    rafs: s.rafs,
    maxCommitsPerFrame: s.maxCommitsPerFrame,
    framesWithSeveralCommits: s.framesWithSeveralCommits,
    longTasks: s.longTasks,
    longTaskMaxMs: round(s.longTaskMaxMs, 1),
    longTaskTotalMs: round(s.longTaskTotalMs, 1),
    renderMs: round(s.renderMs, 1),
    pageErrors: [],
    answered: true,
  };
}

export async function run(): Promise<ScenarioBody> {
  await ensurePages();
  const [metrics] = metricsFrames('medium', 'spec', 1);
  const timestamp = Math.floor(Date.now() / 1000);
  const events = Array.from({ length: EVENTS }, (_, i) =>
    topicCreatedFrame(`burst.topic-${String(i).padStart(5, '0')}`, 1 + (i % 12), timestamp),
  );
  const server = await BenchServer.start(PAGES_DIR);
  const browser = await launchBrowser();
  const results = {} as Record<Implementation, BurstOutcome>;
  try {
    for (const impl of IMPLEMENTATIONS) {
      results[impl] = await withPage(browser, server, impl, async (session) => {
        session.socket.send(metrics);
        await session.waitFor((s) => s.ticks[0]?.paint !== undefined, 30_000);
        await sleep(500);
        await session.reset();
        const started = await session.page.evaluate(() => performance.now());
        const t0 = performance.now();
        const perSlice = EVENTS / SLICES;
        for (let slice = 0; slice < SLICES; slice++) {
          for (let i = slice * perSlice; i < (slice + 1) * perSlice; i++) session.socket.send(events[i]);
          const wait = t0 + (slice + 1) * SLICE_MS - performance.now();
          if (wait > 0) await sleep(wait);
        }
        const sendMs = performance.now() - t0;
        // Progress comes from the page's own reports, which arrive even while it is too busy to be asked.
        const deadline = performance.now() + DRAIN_TIMEOUT_MS;
        while (server.reportedEvents < EVENTS && performance.now() < deadline) await sleep(100);
        const finished = server.reportedEvents >= EVENTS;
        let snap: ProbeSnapshot | null;
        try {
          snap = await session.waitFor((s) => s.lastCommitAgoMs > QUIET_MS, finished ? 15_000 : 2_000, 100);
        } catch (error) {
          if (!(error instanceof WaitTimeout)) throw error;
          snap = error.last;
        }
        if (snap === null) throw new Error(`${impl}: the page never answered after the burst`);
        const result = outcome(snap, sendMs, finished, started);
        // A page still busy with the burst cannot answer; its handler reported its count on its own.
        result.answered = finished || snap.events >= server.reportedEvents;
        result.events = Math.max(result.events, server.reportedEvents);
        result.pageErrors = errorList(session.errors);
        process.stdout.write(
          `  burst: ${impl} events ${result.events}/${EVENTS}, commits ${result.commits}, rAFs ${result.rafs}, ` +
            `long tasks ${result.longTasks}\n`,
        );
        return result;
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const ours = results.takhin;
  const lost = (o: BurstOutcome) => EVENTS - o.events;
  const busy = `page unresponsive ${DRAIN_TIMEOUT_MS / 1000} s after`;
  const perFrame = (o: BurstOutcome) =>
    o.answered ? `${o.commits} commits / ${o.rafs} rAFs, max ${o.maxCommitsPerFrame} per frame` : busy;
  const tasks = (o: BurstOutcome) =>
    !o.answered
      ? busy
      : o.longTasks === 0
        ? '0'
        : `${o.longTasks} (max ${o.longTaskMaxMs.toFixed(0)} ms, total ${o.longTaskTotalMs.toFixed(0)} ms)`;
  const drain = (o: BurstOutcome) =>
    o.finished ? `${o.drainMs.toFixed(0)} ms` : `> ${DRAIN_TIMEOUT_MS / 1000} s`;
  const rows: Row[] = [
    {
      metric: `events lost (of ${EVENTS.toLocaleString('en')})`,
      ours: String(lost(ours)),
      seed: String(lost(results.seed)),
      ruw: String(lost(results.ruw)),
      budget: '0',
      met: lost(ours) === 0,
    },
    {
      metric: 'React commits vs animation frames',
      ours: perFrame(ours),
      seed: perFrame(results.seed),
      ruw: perFrame(results.ruw),
      budget: '≤ 1 commit per frame',
      met: ours.maxCommitsPerFrame <= 1,
    },
    {
      metric: 'main-thread long tasks (> 50 ms)',
      ours: tasks(ours),
      seed: tasks(results.seed),
      ruw: tasks(results.ruw),
      budget: '0',
      met: ours.longTasks === 0,
    },
    {
      metric: 'time until the last event was handled (from the first)',
      ours: drain(ours),
      seed: drain(results.seed),
      ruw: drain(results.ruw),
    },
  ];
  const notes: string[] = [];
  for (const impl of IMPLEMENTATIONS) {
    if (!results[impl].finished) {
      notes.push(
        `${LABELS[impl]} had handled ${results[impl].events} of ${EVENTS} events ${DRAIN_TIMEOUT_MS / 1000} s ` +
          `after the burst; the rest count as lost` +
          (results[impl].answered
            ? '.'
            : ' (the page was too busy to answer by then: its commits, frames and long tasks are as of its last answer).'),
      );
    }
    for (const error of results[impl].pageErrors) notes.push(`${LABELS[impl]} page error: ${error}`);
  }
  return {
    title: 'Event burst: 10,000 topic_created within 1 s (real Chromium)',
    budgets: [
      { name: 'events lost (takhin-react)', limit: '0', actual: String(lost(ours)), met: lost(ours) === 0 },
      {
        name: 'React commits per animation frame (takhin-react)',
        limit: '≤ 1',
        actual: `max ${ours.maxCommitsPerFrame} (${ours.commits} commits, ${ours.rafs} rAFs)`,
        met: ours.maxCommitsPerFrame <= 1,
      },
      {
        name: 'long tasks > 50 ms (takhin-react)',
        limit: '0',
        actual: String(ours.longTasks),
        met: ours.longTasks === 0,
      },
    ],
    rows,
    details: {
      events: EVENTS,
      framing: 'one event per WebSocket frame',
      pacing: `${SLICES} slices of ${EVENTS / SLICES} events, one slice every ${SLICE_MS} ms`,
      cluster:
        'medium (60 topics × 6 partitions, 24 groups × 3 topics), spec dialect, one tick before the burst',
      implementations: LABELS,
      results,
    },
    notes,
  };
}
