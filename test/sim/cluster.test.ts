import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCluster, createRandom, metricsFor, SCENARIOS } from '../../src/sim/index.js';
import type { ClusterEvent } from '../../src/sim/index.js';

function run(seed: number, steps: number[], scenario: (typeof SCENARIOS)[number] = 'rebalancing') {
  const m = createCluster({ seed, scenario, startTime: 1_700_000_000_000 });
  const events: ClusterEvent[] = [];
  m.onEvent((e) => events.push(e));
  const snapshots: unknown[] = [];
  for (const ms of steps) {
    m.advance(ms);
    snapshots.push(m.snapshot());
  }
  return { snapshots, events };
}

describe('random', () => {
  it('is reproducible, in range and roughly uniform', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 10_000 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(createRandom(8).next()).not.toBe(createRandom(7).next());
  });

  it('shuffles into a permutation', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer(), { maxLength: 50 }), (seed, items) => {
        const shuffled = createRandom(seed).shuffle([...items]);
        expect([...shuffled].sort((x, y) => x - y)).toEqual([...items].sort((x, y) => x - y));
      }),
    );
  });
});

describe('ClusterModel determinism', () => {
  it('gives the same model sequence for the same seed and calls', () => {
    const steps = Array.from({ length: 120 }, (_, i) => 250 + (i % 7) * 300);
    expect(run(42, steps)).toEqual(run(42, steps));
  });

  it('differs between seeds', () => {
    const steps = [2000, 2000, 2000];
    expect(run(1, steps).snapshots).not.toEqual(run(2, steps).snapshots);
  });

  it('holds for arbitrary seeds and step sequences (property)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 20 }),
        (seed, steps) => {
          expect(run(seed, steps, 'flapping')).toEqual(run(seed, steps, 'flapping'));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('never reads the real clock: model time is startTime plus what was advanced', () => {
    const m = createCluster({ seed: 1, startTime: 1_000_000_000_000 });
    m.advance(1234).advance(766);
    expect(m.now).toBe(1_000_000_002_000);
    expect(m.nowSeconds).toBe(1_000_000_002);
  });
});

describe('ClusterModel sizes', () => {
  it('builds the huge cluster: 1,000 topics × 12 partitions, 200 groups × 5 topics', () => {
    const m = createCluster({ scenario: 'huge' });
    expect(m.topics).toHaveLength(1000);
    expect(m.topics.every((t) => t.partitions === 12)).toBe(true);
    expect(m.groups).toHaveLength(200);
    expect(m.groups.every((g) => g.assignments.length === 5)).toBe(true);
    expect(new Set(m.topics.map((t) => t.name)).size).toBe(1000);
    expect(new Set(m.groups.map((g) => g.groupId)).size).toBe(200);
  });

  it('builds an empty cluster that reports zeros and empty arrays', () => {
    const m = createCluster({ size: 'empty' }).advance(10_000);
    const metrics = metricsFor(m, 'takhin');
    expect(metrics.topicStats).toEqual([]);
    expect(metrics.consumerLags).toEqual([]);
    expect(Object.values(metrics.throughput)).toEqual([0, 0, 0, 0]);
    expect(Object.values(metrics.latency)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(metrics.clusterHealth.totalTopics).toBe(0);
  });

  it('accepts an explicit shape and rejects a bad one', () => {
    const m = createCluster({ size: { topics: 3, partitionsPerTopic: 2, groups: 2, topicsPerGroup: 5 } });
    expect(m.topics.map((t) => t.partitions)).toEqual([2, 2, 2]);
    expect(m.groups[0].assignments).toHaveLength(3);
    expect(() =>
      createCluster({ size: { topics: -1, partitionsPerTopic: 1, groups: 0, topicsPerGroup: 0 } }),
    ).toThrow();
  });
});

describe('ClusterModel behaviour', () => {
  it('grows log-end offsets with varying rates and bursts', () => {
    const m = createCluster({ seed: 3, scenario: 'burst' });
    const rates: number[] = [];
    let bursts = 0;
    const before = m.topics.map((t) => t.totalMessages);
    for (let i = 0; i < 300; i++) {
      m.advance(1000);
      rates.push(m.totals.produceRate);
      bursts += m.topics.filter((t) => t.bursting).length;
    }
    m.topics.forEach((t, i) => expect(t.totalMessages).toBeGreaterThan(before[i]));
    expect(bursts).toBeGreaterThan(0);
    expect(Math.max(...rates)).toBeGreaterThan(1.5 * Math.min(...rates));
  });

  it('has groups that keep up, one that falls behind, one that stalls', () => {
    const m = createCluster({
      seed: 5,
      size: { topics: 4, partitionsPerTopic: 3, groups: 5, topicsPerGroup: 2 },
    });
    const kinds = m.groups.map((g) => g.kind);
    expect(kinds).toContain('laggard');
    expect(kinds).toContain('staller');
    expect(kinds).toContain('keeper');
    const staller = m.groups.find((g) => g.kind === 'staller')!;
    m.advance(40_000);
    const lagA = staller.lag();
    m.advance(60_000);
    expect(staller.stalled).toBe(true);
    expect(staller.lag()).toBeGreaterThan(lagA);
    m.resumeGroup(staller.groupId);
    m.advance(120_000);
    expect(staller.lag()).toBeLessThan(lagA + 1);
  });

  it('stalls and resumes a group on request', () => {
    const m = createCluster({ seed: 9 });
    const g = m.groups.find((x) => x.kind === 'keeper')!;
    expect(m.stallGroup(g.groupId)).toBe(true);
    const committed = g.assignments.map((a) => Array.from(a.committed));
    m.advance(20_000);
    expect(g.assignments.map((a) => Array.from(a.committed))).toEqual(committed);
    m.resumeGroup(g.groupId);
    m.advance(20_000);
    expect(g.assignments.map((a) => Array.from(a.committed))).not.toEqual(committed);
    expect(m.stallGroup('nope')).toBe(false);
  });

  it('cycles groups through rebalances, Empty and Dead in the rebalancing scenario', () => {
    const { events } = run(
      11,
      Array.from({ length: 600 }, () => 1000),
      'rebalancing',
    );
    const updates = events.filter((e) => e.type === 'group_updated');
    const states = new Set(updates.map((e) => e.data.state));
    expect(states).toEqual(new Set(['PreparingRebalance', 'CompletingRebalance', 'Stable', 'Empty', 'Dead']));
    // Per group: PreparingRebalance → (CompletingRebalance → Stable | Empty); never Stable straight after Preparing.
    const last = new Map<string, string>();
    for (const e of updates) {
      const prev = last.get(e.data.groupId);
      if (e.data.state === 'CompletingRebalance') expect(prev).toBe('PreparingRebalance');
      if (e.data.state === 'Stable') expect(prev).toBe('CompletingRebalance');
      last.set(e.data.groupId, e.data.state);
    }
    expect(updates.every((e) => Number.isInteger(e.timestamp))).toBe(true);
  });

  it('creates and deletes a topic over and over in the flapping scenario', () => {
    const { events } = run(
      4,
      Array.from({ length: 120 }, () => 1000),
      'flapping',
    );
    const kinds = events.filter((e) => e.type !== 'group_updated').map((e) => e.type);
    expect(kinds.length).toBeGreaterThan(4);
    kinds.forEach((k, i) => expect(k).toBe(i % 2 === 0 ? 'topic_created' : 'topic_deleted'));
  });

  it('reports no group events when groupEvents is off', () => {
    const m = createCluster({ seed: 11, scenario: 'rebalancing', groupEvents: false });
    const events: ClusterEvent[] = [];
    m.onEvent((e) => events.push(e));
    m.advance(300_000);
    expect(events).toEqual([]);
  });

  it('creates and deletes topics with events, and rolls a failed batch back', () => {
    const m = createCluster({ seed: 1 });
    const events: ClusterEvent[] = [];
    m.onEvent((e) => events.push(e));
    m.createTopic('new.topic', 5);
    expect(() => m.createTopic('new.topic', 5)).toThrow(/exists/);
    expect(() => m.createTopic('bad name!', 1)).toThrow(/invalid/);
    expect(() => m.createTopic('ok', 0)).toThrow(/partitions/);
    m.createTopics(
      [
        { name: 'a', partitions: 1 },
        { name: 'b', partitions: 2 },
      ],
      { rollback: true },
    );
    const victim = m.groups[0].assignments[0].topic.name;
    expect(m.deleteTopic(victim)).toBe(true);
    expect(m.deleteTopic(victim)).toBe(false);
    expect(m.groups[0].assignments.some((a) => a.topic.name === victim)).toBe(false);
    expect(events.map((e) => `${e.type}:${'name' in e.data ? e.data.name : ''}`)).toEqual([
      'topic_created:new.topic',
      'topic_created:a',
      'topic_created:b',
      'topic_deleted:a',
      'topic_deleted:b',
      `topic_deleted:${victim}`,
    ]);
    expect(m.topic('new.topic')?.totalMessages).toBe(0);
  });

  it('resets cumulative counters on restart but keeps the logs', () => {
    const m = createCluster({ seed: 2 }).advance(20_000);
    const messages = m.topics.map((t) => t.totalMessages);
    expect(m.totals.produced).toBeGreaterThan(0);
    m.restart();
    expect(m.totals.produced).toBe(0);
    expect(m.totals.fetchedBytes).toBe(0);
    expect(m.topics.every((t) => t.produced === 0)).toBe(true);
    expect(m.topics.map((t) => t.totalMessages)).toEqual(messages);
    expect(Object.values(metricsFor(m, 'takhin').latency)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(m.restarts).toBe(1);
  });

  it('raises latency with load', () => {
    const quiet = createCluster({ seed: 6, scenario: 'steady' }).advance(60_000);
    const busy = createCluster({ seed: 6, scenario: 'burst' });
    let peak = 0;
    for (let i = 0; i < 300; i++) peak = Math.max(peak, busy.advance(1000).vitals.produceMeanMs);
    expect(peak).toBeGreaterThan(2 * quiet.vitals.produceMeanMs);
  });

  it('moves disk, memory and goroutines plausibly', () => {
    const m = createCluster({ seed: 8 });
    const disk: number[] = [];
    const mem: number[] = [];
    const gor: number[] = [];
    for (let i = 0; i < 200; i++) {
      m.advance(2000);
      disk.push(m.vitals.diskUsageBytes);
      mem.push(m.vitals.memoryUsageBytes);
      gor.push(m.vitals.goroutineCount);
    }
    expect(disk[disk.length - 1]).toBeGreaterThan(disk[0]);
    expect(new Set(mem).size).toBeGreaterThan(50);
    expect(Math.min(...mem)).toBeGreaterThan(64 * 1024 * 1024);
    expect(Math.max(...mem)).toBeLessThan(4 * 1024 * 1024 * 1024);
    expect(Math.min(...gor)).toBeGreaterThan(5);
    expect(Math.max(...gor)).toBeLessThan(500);
  });

  it('skips long gaps without simulating them', () => {
    const m = createCluster({ seed: 1, startTime: 0 });
    m.skip(3_600_000);
    expect(m.now).toBe(3_600_000);
  });
});
