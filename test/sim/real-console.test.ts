import { afterEach, describe, expect, it } from 'vitest';
import { createTakhinClient, type TakhinClient } from '../../src/index.js';
import type { Metrics, TakhinState, TopicEvent } from '../../src/index.js';
import type { MonitoringMetrics } from '../../src/core/protocol.js';
import { startSimulator, truthRates } from '../../src/sim/index.js';
import type { Simulator, SimulatorOptions, TruthSnapshot } from '../../src/sim/index.js';
import { nodeSocketFactory } from '../helpers/nodeSocket.js';

/**
 * The library against a simulator that plays the real Takhin Console (counters and latency at 0), over
 * real sockets: the rates it derives from offsets are checked against what the model really did.
 */

/** Short ticks for speed; rates are compared per tick, so this is also the clock jitter's denominator. */
const INTERVAL_MS = 150;
const TOLERANCE = 0.1;

let sim: Simulator | null = null;
let client: TakhinClient | null = null;

afterEach(async () => {
  client?.close();
  client = null;
  await sim?.close();
  sim = null;
});

/** One metrics sample as the client stored it, with the model's truth at the tick that produced it. */
interface Paired {
  metrics: Metrics;
  truth: TruthSnapshot;
  connection: number;
}

interface Harness {
  sim: Simulator;
  client: TakhinClient;
  /** Every metrics sample the store took, in order, paired with its tick's truth. */
  samples: Paired[];
  /** Resolves once `check` holds for the store, re-checked on every store change. */
  until(check: (state: TakhinState) => boolean, what: string, timeoutMs?: number): Promise<void>;
}

async function harness(options: SimulatorOptions = {}): Promise<Harness> {
  const s = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    intervalMs: INTERVAL_MS,
    seed: 21,
    // Frequent commits, so that consumption shows in the committed offsets of nearly every tick.
    commitIntervalMs: 50,
    ...options,
  });
  sim = s;
  const truths = new Map<number, TruthSnapshot[]>();
  s.on('metrics', ({ connection, truth }) => {
    if (!truths.has(connection)) truths.set(connection, []);
    truths.get(connection)!.push(truth);
  });
  let connection = 0;
  s.on('connection', (e) => {
    connection = e.connection;
  });
  const c = createTakhinClient({
    url: s.url,
    dialect: 'takhin',
    createWebSocket: nodeSocketFactory(),
    heartbeat: false,
    firstPaint: false,
    reconnect: { initialDelayMs: 20, maxDelayMs: 50 },
  });
  client = c;
  const samples: Paired[] = [];
  const perConnection = new Map<number, number>();
  let last: Metrics | null = null;
  c.store.subscribe((state) => {
    if (state.metrics === null || state.metrics === last) return;
    last = state.metrics;
    const n = perConnection.get(connection) ?? 0;
    perConnection.set(connection, n + 1);
    const truth = truths.get(connection)?.[n];
    if (!truth) throw new Error(`no truth for sample ${n} of connection ${connection}`);
    samples.push({ metrics: state.metrics, truth, connection });
  });
  c.connect();
  const until: Harness['until'] = (check, what, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      if (check(c.store.getState())) return resolve();
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const stop = c.store.subscribe((state) => {
        if (!check(state)) return;
        clearTimeout(timer);
        stop();
        resolve();
      });
    });
  return { sim: s, client: c, samples, until };
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

/** Relative error of `measured` against `truth`; exact agreement is required when the truth is 0. */
function relativeError(measured: number, truth: number): number {
  if (truth === 0) return measured === 0 ? 0 : Infinity;
  return Math.abs(measured - truth) / truth;
}

/**
 * Checks sample `i` (a rate sample: same connection as `i - 1`) against the truth of its tick; returns
 * the worst relative error seen.
 */
function checkRates(samples: Paired[], i: number): number {
  const before = samples[i - 1];
  const now = samples[i];
  const truth = truthRates(before.truth, now.truth);
  const m = now.metrics;
  expect(m.throughputSource).toBe('offsets');
  expect(m.latencyReported).toBe(false);

  // The pairing itself: the high-water marks moved exactly as much as the model wrote.
  const moved = sum(
    m.topicStats.map((t) => {
      const was = before.metrics.topicStats.find((b) => b.name === t.name);
      return was && t.name in truth.topics ? t.totalMessages - was.totalMessages : 0;
    }),
  );
  expect(moved).toBe(Math.round(truth.produceRate * truth.seconds));

  const errors: number[] = [relativeError(m.throughput.produceRate, truth.produceRate)];
  for (const t of m.topicStats) {
    expect(t.produceRate).toBeGreaterThanOrEqual(0);
    if (t.name in truth.topics) errors.push(relativeError(t.produceRate, truth.topics[t.name]));
  }
  errors.push(relativeError(m.throughput.fetchRate, truth.consumeRate));
  for (const g of m.consumerLags) {
    if (g.groupId in truth.groups) errors.push(relativeError(g.consumeRate ?? 0, truth.groups[g.groupId]));
  }
  const worst = Math.max(...errors);
  expect(worst, `sample ${i}: worst relative error`).toBeLessThanOrEqual(TOLERANCE);
  return worst;
}

describe('the simulator plays the real Takhin Console', () => {
  it('sends zero throughput, latency and connections on every tick, no group_updated, while offsets and sizes move', async () => {
    const s = await startSimulator({ host: '127.0.0.1', port: 0, intervalMs: 20, scenario: 'rebalancing' });
    sim = s;
    const lines: { type: string; data: unknown }[] = [];
    s.on('frame', ({ frame }) => {
      for (const line of frame.split('\n')) lines.push(JSON.parse(line) as { type: string; data: unknown });
    });
    const ws = nodeSocketFactory()(s.url);
    const metrics = () => lines.filter((l) => l.type === 'metrics').map((l) => l.data as MonitoringMetrics);
    // Rebalances happen in model time: push the model along so that group states change during the run.
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const stop = s.on('metrics', () => {
        s.model.advance(5_000);
        if (++ticks < 60) return;
        stop();
        resolve();
      });
    });
    ws.close();
    const all = metrics();
    expect(all.length).toBeGreaterThanOrEqual(59);
    for (const m of all) {
      expect(Object.values(m.throughput)).toEqual([0, 0, 0, 0]);
      expect(Object.values(m.latency)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(m.clusterHealth.activeConnections).toBe(0);
      for (const t of m.topicStats) expect([t.produceRate, t.fetchRate]).toEqual([0, 0]);
    }
    expect(lines.filter((l) => l.type === 'group_updated')).toEqual([]);
    const first = all[0];
    const last = all[all.length - 1];
    const messages = (m: MonitoringMetrics) => sum(m.topicStats.map((t) => t.totalMessages));
    const bytes = (m: MonitoringMetrics) => sum(m.topicStats.map((t) => t.totalBytes));
    const offsets = (m: MonitoringMetrics) =>
      new Map(
        m.consumerLags.flatMap((g) =>
          g.topicLags.flatMap((t) =>
            t.partitionLags.map((p) => [`${g.groupId}/${t.topic}/${p.partition}`, p.currentOffset] as const),
          ),
        ),
      );
    expect(messages(last)).toBeGreaterThan(messages(first));
    expect(bytes(last)).toBeGreaterThan(bytes(first));
    // Committed offsets of the partitions listed at both ends only go forward (groups may die meanwhile).
    const then = offsets(first);
    const moves = [...offsets(last)]
      .filter(([key]) => then.has(key))
      .map(([key, offset]) => offset - then.get(key)!);
    expect(moves.length).toBeGreaterThan(0);
    expect(Math.min(...moves)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...moves)).toBeGreaterThan(0);
  });

  it('answers GET /api/consumer-groups with state and member count, which change as groups rebalance', async () => {
    const s = await startSimulator({
      host: '127.0.0.1',
      port: 0,
      intervalMs: 60_000,
      scenario: 'rebalancing',
    });
    sim = s;
    const seen = new Set<string>();
    const memberCounts = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const response = await fetch(`${s.httpUrl}/api/consumer-groups`, {
        headers: { Origin: 'https://elsewhere.test' },
      });
      // Reads are open to any origin.
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const groups = (await response.json()) as { groupId: string; state: string; members: number }[];
      for (const g of groups) {
        expect(Object.keys(g).sort()).toEqual(['groupId', 'members', 'state']);
        seen.add(g.state);
        memberCounts.add(g.members);
      }
      s.model.advance(15_000);
    }
    expect(seen).toContain('Stable');
    expect([...seen].some((state) => state !== 'Stable')).toBe(true);
    expect(memberCounts.size).toBeGreaterThan(1);
  });

  it('answers GET /api/consumer-groups/{id} with members, their partitions and the committed offsets', async () => {
    const s = await startSimulator({ host: '127.0.0.1', port: 0, intervalMs: 60_000 });
    sim = s;
    const g = s.model.groups.find((x) => x.state === 'Stable')!;
    const response = await fetch(`${s.httpUrl}/api/consumer-groups/${encodeURIComponent(g.groupId)}`, {
      headers: { Origin: 'https://elsewhere.test' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const detail = (await response.json()) as {
      groupId: string;
      state: string;
      members: { memberId: string; partitions: { topic: string; partition: number }[] }[];
      offsets: { topic: string; partition: number; offset: number }[];
    };
    expect(detail.groupId).toBe(g.groupId);
    expect(detail.state).toBe('Stable');
    expect(detail.members).toHaveLength(g.members);
    const assigned = detail.members.flatMap((m) => m.partitions.map((p) => `${p.topic}/${p.partition}`));
    const all = g.assignments.flatMap((a) =>
      Array.from({ length: a.topic.partitions }, (_, p) => `${a.topic.name}/${p}`),
    );
    expect(assigned.sort()).toEqual(all.sort());
    const metrics = (await (await fetch(`${s.httpUrl}/api/monitoring/metrics`)).json()) as MonitoringMetrics;
    const lag = metrics.consumerLags.find((x) => x.groupId === g.groupId)!;
    const committed = lag.topicLags.flatMap((t) =>
      t.partitionLags.map((p) => ({ topic: t.topic, partition: p.partition, offset: p.currentOffset })),
    );
    const key = (o: { topic: string; partition: number }) => `${o.topic}/${o.partition}`;
    expect([...detail.offsets].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      committed.sort((a, b) => key(a).localeCompare(key(b))),
    );
    expect((await fetch(`${s.httpUrl}/api/consumer-groups/no-such-group`)).status).toBe(404);
  });

  it('takes silent topic changes over REST (no event) only from loopback pages, like every write', async () => {
    const s = await startSimulator({ host: '127.0.0.1', port: 0, intervalMs: 60_000 });
    sim = s;
    const refused = await fetch(`${s.httpUrl}/api/topics`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://elsewhere.test' },
      body: JSON.stringify({ name: 'from.elsewhere', partitions: 1, silent: true }),
    });
    expect(refused.status).toBe(403);
    const victim = s.model.topics[0].name;
    const refusedDelete = await fetch(`${s.httpUrl}/api/topics/${victim}?silent=1`, {
      method: 'DELETE',
      headers: { Origin: 'https://elsewhere.test' },
    });
    expect(refusedDelete.status).toBe(403);
    expect(s.model.topic('from.elsewhere')).toBeUndefined();
    expect(s.model.topic(victim)).toBeDefined();

    // From this machine the same calls pass, and broadcast nothing; without `silent` they broadcast.
    const frames: string[] = [];
    s.on('frame', ({ frame }) => frames.push(frame));
    const opened = new Promise((resolve) => s.on('connection', resolve));
    const ws = nodeSocketFactory()(s.url);
    await opened;
    await restCreate(s, 'by.kafka', 2, true);
    expect((await fetch(`${s.httpUrl}/api/topics/${victim}?silent=1`, { method: 'DELETE' })).status).toBe(
      204,
    );
    expect(s.model.topic('by.kafka')).toBeDefined();
    expect(s.model.topic(victim)).toBeUndefined();
    const framed = (n: number) =>
      new Promise<void>((resolve) => {
        if (frames.length >= n) return resolve();
        const stop = s.on('frame', () => {
          if (frames.length < n) return;
          stop();
          resolve();
        });
      });
    s.tick();
    await framed(1);
    expect(frames.map((f) => (JSON.parse(f) as { type: string }).type)).toEqual(['metrics']);
    await restCreate(s, 'by.console', 1);
    await framed(2);
    expect(frames[1]).toContain('"topic_created"');
    ws.close();
  });
});

describe('the client against the real Console', () => {
  it('derives cluster, topic and group rates from offsets within 10 % of the truth from the third sample on', async () => {
    const h = await harness();
    await h.until((state) => state.history.length >= 12, 'twelve samples');
    const { samples } = h;
    expect(samples[0].metrics.throughputSource).toBeNull();
    const worst: number[] = [];
    for (let i = 2; i < samples.length; i++) worst.push(checkRates(samples, i));
    // Something must actually be measured: production and consumption both non-zero in most ticks.
    const consuming = samples.slice(2).filter((p) => p.metrics.throughput.fetchRate > 0).length;
    expect(consuming).toBeGreaterThan((samples.length - 2) / 2);
    expect(samples.slice(2).every((p) => p.metrics.throughput.produceRate > 0)).toBe(true);
    console.info(
      `offset-derived rates: worst relative error ${(Math.max(...worst) * 100).toFixed(2)} % over ${worst.length} samples`,
    );
  });

  it('infers one event per silent create and delete', async () => {
    const h = await harness();
    await h.until((state) => state.history.length >= 2, 'two samples');
    h.sim.createTopic('made.by.kafka', 4, { silent: true });
    await h.until((state) => state.topics['made.by.kafka'] !== undefined, 'the silent topic');
    h.sim.deleteTopic('made.by.kafka', { silent: true });
    await h.until((state) => state.topics['made.by.kafka'] === undefined, 'the silent delete');
    const n = h.samples.length;
    await h.until(() => h.samples.length >= n + 3, 'three more samples');
    const events = h.client.store.getState().topicEvents.filter((e) => e.name === 'made.by.kafka');
    expect(events.map((e) => [e.type, e.inferred, e.partitions])).toEqual([
      ['topic_created', true, 4],
      ['topic_deleted', true, undefined],
    ]);
  });

  it('keeps one entry when the real event comes before the metrics that show the change', async () => {
    const h = await harness();
    await h.until((state) => state.history.length >= 2, 'two samples');
    await restCreate(h.sim, 'event.first', 2);
    await h.until((state) => state.topics['event.first'] !== undefined, 'the new topic');
    await restDelete(h.sim, 'event.first');
    await h.until(
      (state) => state.topicEvents.some((e) => e.name === 'event.first' && e.type === 'topic_deleted'),
      'the delete event',
    );
    const n = h.samples.length;
    await h.until(() => h.samples.length >= n + 3, 'three more samples');
    expect(eventsFor(h.client, 'event.first')).toEqual([
      ['topic_created', undefined],
      ['topic_deleted', undefined],
    ]);
  });

  it('keeps one entry when the metrics show the change before its real event arrives', async () => {
    // The broadcast reaches the socket three ticks after the change, so the metrics show it first.
    const h = await harness({ eventDelayMs: 3 * INTERVAL_MS });
    await h.until((state) => state.history.length >= 2, 'two samples');
    const frames: string[] = [];
    h.sim.on('frame', ({ frame }) => frames.push(frame));
    await restCreate(h.sim, 'metrics.first', 2);
    await h.until((state) => state.topics['metrics.first'] !== undefined, 'the new topic');
    await h.until(() => frames.some((f) => f.includes('"topic_created"')), 'the late topic_created');
    await restDelete(h.sim, 'metrics.first');
    await h.until((state) => state.topics['metrics.first'] === undefined, 'the topic gone');
    await h.until(() => frames.some((f) => f.includes('"topic_deleted"')), 'the late topic_deleted');
    const n = h.samples.length;
    await h.until(() => h.samples.length >= n + 2, 'two more samples');
    expect(eventsFor(h.client, 'metrics.first')).toEqual([
      ['topic_created', true],
      ['topic_deleted', true],
    ]);
  });

  it('shows no negative rate or spike when a topic is recreated with fresh offsets', async () => {
    const h = await harness();
    await h.until((state) => state.history.length >= 3, 'three samples');
    const victim = [...h.sim.model.topics].sort((a, b) => b.totalMessages - a.totalMessages)[0].name;
    // A Kafka client deletes and recreates it: same name, high-water marks back to 0.
    h.sim.deleteTopic(victim, { silent: true });
    h.sim.createTopic(victim, 2, { silent: true });
    await h.until(
      (state) => state.metrics?.topicStats.find((t) => t.name === victim)?.partitions === 2,
      'the recreated topic',
    );
    const from = h.samples.length;
    await h.until(() => h.samples.length >= from + 4, 'four more samples');
    for (let i = from; i < h.samples.length; i++) {
      const m = h.samples[i].metrics;
      for (const t of m.topicStats) expect(t.produceRate).toBeGreaterThanOrEqual(0);
      expect(m.throughput.produceRate).toBeGreaterThanOrEqual(0);
      expect(m.throughput.fetchRate).toBeGreaterThanOrEqual(0);
      const truth = truthRates(h.samples[i - 1].truth, h.samples[i].truth);
      const recreated = m.topicStats.find((t) => t.name === victim)!;
      expect(recreated.produceRate).toBeLessThanOrEqual((truth.topics[victim] ?? 0) * (1 + TOLERANCE));
      expect(m.throughput.produceRate).toBeLessThanOrEqual(truth.produceRate * (1 + TOLERANCE));
    }
    for (let i = from + 1; i < h.samples.length; i++) checkRates(h.samples, i);
  });

  it('shows no negative rate or spike across a server restart and the reconnect', async () => {
    const h = await harness();
    await h.until((state) => state.history.length >= 3, 'three samples');
    const before = h.samples.length;
    h.sim.restart();
    await h.until(
      () => h.samples.some((p, i) => i >= before && p.connection !== h.samples[0].connection),
      'a sample on the new connection',
    );
    const firstNew = h.samples.findIndex((p) => p.connection !== h.samples[0].connection);
    await h.until(() => h.samples.length >= firstNew + 4, 'four samples on the new connection');
    // The first sample of a connection has nothing to compare with: no rate rather than a jump.
    expect(h.samples[firstNew].metrics.throughputSource).toBeNull();
    expect(h.samples[firstNew].metrics.throughput.produceRate).toBe(0);
    for (let i = firstNew + 1; i < h.samples.length; i++) {
      const m = h.samples[i].metrics;
      for (const t of m.topicStats) expect(t.produceRate).toBeGreaterThanOrEqual(0);
      checkRates(h.samples, i);
    }
  });
});

async function restCreate(s: Simulator, name: string, partitions: number, silent?: true): Promise<void> {
  const response = await fetch(`${s.httpUrl}/api/topics`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, partitions, silent }),
  });
  expect(response.status).toBe(201);
}

async function restDelete(s: Simulator, name: string): Promise<void> {
  expect((await fetch(`${s.httpUrl}/api/topics/${name}`, { method: 'DELETE' })).status).toBe(204);
}

function eventsFor(c: TakhinClient, name: string): [TopicEvent['type'], true | undefined][] {
  return c.store
    .getState()
    .topicEvents.filter((e) => e.name === name)
    .map((e) => [e.type, e.inferred]);
}
