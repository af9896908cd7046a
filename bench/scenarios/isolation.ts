/**
 * Scenario 4: re-render isolation. A component showing one number (the cluster's topic count) sits next
 * to the full dashboard. Over N metrics ticks the number changes k times (topics are created, each
 * announced by a `topic_created` event before the tick that counts it). Ours selects the number with
 * `useMetrics(m => m?.clusterHealth.totalTopics)` and should render k + 1 times (the first tick turns
 * "no metrics" into a number); the baselines hand the number down from the component owning the
 * socket, the way their documentation does, and render on every message.
 */
import { launchBrowser } from '../lib/browser.js';
import { metricsFrames, sleep, topicCreatedFrame } from '../lib/data.js';
import { errorList, withPage } from '../lib/pageRun.js';
import { ensurePages, IMPLEMENTATIONS, LABELS, PAGES_DIR, type Implementation } from '../lib/pages.js';
import type { Row, ScenarioBody } from '../lib/results.js';
import { BenchServer } from '../lib/server.js';

const TICKS = 30;
/** Ticks before which a topic is created, so the count changes at these ticks. */
const CHANGES_AT = [8, 16, 24];
/** Pause after each message has been painted. */
const GAP_MS = 50;

interface IsolationOutcome {
  renders: number;
  commits: number;
  messages: number;
  pageErrors: string[];
}

export async function run(): Promise<ScenarioBody> {
  await ensurePages();
  const created: string[] = [];
  const frames = metricsFrames('medium', 'spec', TICKS, {
    beforeTick(index, cluster) {
      if (!CHANGES_AT.includes(index)) return;
      const name = `isolation.topic-${index}`;
      cluster.addTopic(name, 3);
      created.push(name);
    },
  });
  // The event that announces each created topic, sent just before the tick that first counts it.
  const eventBefore = new Map(
    CHANGES_AT.map((index, i) => [index, topicCreatedFrame(created[i], 3, Math.floor(Date.now() / 1000))]),
  );
  const totals = frames.map(
    (f) =>
      (JSON.parse(f) as { data: { clusterHealth: { totalTopics: number } } }).data.clusterHealth.totalTopics,
  );
  let changes = 0;
  for (let i = 1; i < totals.length; i++) if (totals[i] !== totals[i - 1]) changes++;
  const expected = changes + 1;

  const server = await BenchServer.start(PAGES_DIR);
  const browser = await launchBrowser();
  const results = {} as Record<Implementation, IsolationOutcome>;
  try {
    for (const impl of IMPLEMENTATIONS) {
      results[impl] = await withPage(browser, server, impl, async (session) => {
        await session.reset();
        for (let i = 0; i < frames.length; i++) {
          const event = eventBefore.get(i);
          if (event) {
            session.socket.send(event);
            await sleep(GAP_MS);
          }
          session.socket.send(frames[i]);
          // One message at a time: a slow page must not get the chance to fold several into one render.
          await session.waitFor((s) => s.ticks.length > i && s.ticks[i].paint !== undefined, 60_000, 10);
          await sleep(GAP_MS);
        }
        const snap = await session.waitFor((s) => s.lastCommitAgoMs > 300, 10_000, 50);
        return {
          renders: snap.renders['topic-count'] ?? 0,
          commits: snap.commits,
          messages: snap.messages,
          pageErrors: errorList(session.errors),
        };
      });
      process.stdout.write(`  isolation: ${impl} rendered the number ${results[impl].renders} times\n`);
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const ours = results.takhin;
  const rows: Row[] = [
    {
      metric: `renders of the one-number component (${TICKS} ticks + ${CHANGES_AT.length} events, value changes ${changes}×)`,
      ours: String(ours.renders),
      seed: String(results.seed.renders),
      ruw: String(results.ruw.renders),
      ratio: `expected ${expected} (k + 1)`,
      budget: `= ${expected}`,
      met: ours.renders === expected,
    },
    {
      metric: 'React commits of the whole page over those messages',
      ours: String(ours.commits),
      seed: String(results.seed.commits),
      ruw: String(results.ruw.commits),
    },
  ];
  return {
    title: 'Re-render isolation: a component selecting one number (real Chromium)',
    budgets: [
      {
        name: 'renders of useMetrics(m => m?.clusterHealth.totalTopics)',
        limit: `k + 1 = ${expected}`,
        actual: String(ours.renders),
        met: ours.renders === expected,
      },
    ],
    rows,
    details: {
      ticks: TICKS,
      events: CHANGES_AT.length,
      valueChanges: changes,
      totals,
      pacing: `each message sent once the previous one was painted, then ${GAP_MS} ms idle`,
      cluster: 'medium (60 topics × 6 partitions, 24 groups × 3 topics), spec dialect',
      implementations: LABELS,
      results,
    },
    notes: IMPLEMENTATIONS.flatMap((impl) =>
      results[impl].pageErrors.map((e) => `${LABELS[impl]} page error: ${e}`),
    ),
  };
}
