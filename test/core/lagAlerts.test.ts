import { describe, expect, it } from 'vitest';
import { evaluateLagAlerts } from '../../src/core/index.js';
import type { ConsumerLag, LagAlert, LagAlertRule, LagAlertState } from '../../src/core/index.js';

const SECOND = 1000;

/** One group on topic `t`, one partition per entry: [committed offset, lag]. */
function group(groupId: string, partitions: Array<[number, number]>): ConsumerLag {
  const partitionLags = partitions.map(([currentOffset, lag], partition) => ({
    partition,
    currentOffset,
    logEndOffset: currentOffset + lag,
    lag,
  }));
  const totalLag = partitionLags.reduce((sum, p) => sum + p.lag, 0);
  return { groupId, totalLag, topicLags: [{ topic: 't', totalLag, partitionLags }] };
}

/** Feeds samples one by one and records every transition. */
function run(rules: LagAlertRule[]) {
  let state: LagAlertState | undefined;
  const raised: LagAlert[] = [];
  const resolved: LagAlert[] = [];
  let active: LagAlert[] = [];
  return {
    raised,
    resolved,
    get active() {
      return active;
    },
    feed(time: number, lags: ConsumerLag[], produceRate?: number) {
      const topicStats = produceRate === undefined ? [] : [{ name: 't', produceRate }];
      const step = evaluateLagAlerts(rules, state, { time, consumerLags: lags, topicStats });
      state = step.state;
      raised.push(...step.raised);
      resolved.push(...step.resolved);
      active = step.alerts;
      return step;
    },
  };
}

describe('evaluateLagAlerts: level rules', () => {
  it('fires each transition once, with since, lag and time behind', () => {
    const alerts = run([{ kind: 'level', warning: 100, critical: 1000 }]);
    alerts.feed(0, [group('g', [[0, 50]])]);
    expect(alerts.raised).toEqual([]);
    alerts.feed(2 * SECOND, [group('g', [[0, 150]])], 50);
    alerts.feed(4 * SECOND, [group('g', [[0, 160]])], 50);
    alerts.feed(6 * SECOND, [group('g', [[0, 170]])], 50);
    expect(alerts.raised).toHaveLength(1);
    expect(alerts.active).toEqual([
      {
        id: expect.any(String),
        rule: 'level',
        level: 'warning',
        groupId: 'g',
        since: 2000,
        lag: 170,
        timeBehindMs: 3400,
      },
    ]);
    alerts.feed(8 * SECOND, [group('g', [[0, 2000]])]);
    expect(alerts.raised.map((a) => a.level)).toEqual(['warning', 'critical']);
    expect(alerts.active[0]).toMatchObject({ level: 'critical', since: 2000 });
    expect(alerts.active[0]).not.toHaveProperty('timeBehindMs');
    alerts.feed(10 * SECOND, [group('g', [[0, 0]])]);
    expect(alerts.resolved).toHaveLength(1);
    expect(alerts.resolved[0]).toMatchObject({ level: 'critical', lag: 2000 });
    expect(alerts.active).toEqual([]);
    alerts.feed(12 * SECOND, [group('g', [[0, 0]])]);
    expect(alerts.raised).toHaveLength(2);
    expect(alerts.resolved).toHaveLength(1);
  });

  it('does not flap while the lag oscillates around the threshold', () => {
    const alerts = run([{ kind: 'level', warning: 100 }]);
    for (let i = 0; i < 40; i++) alerts.feed(i * 2 * SECOND, [group('g', [[0, i % 2 === 0 ? 104 : 96]])]);
    expect(alerts.raised).toHaveLength(1);
    expect(alerts.resolved).toHaveLength(0);
    // Below the lower bound (90 % of the threshold) it clears at once.
    alerts.feed(100 * SECOND, [group('g', [[0, 89]])]);
    expect(alerts.resolved).toHaveLength(1);
  });

  it('clears after calmSamples samples under the threshold but above clearBelow', () => {
    const alerts = run([{ kind: 'level', warning: 100, calmSamples: 3 }]);
    alerts.feed(0, [group('g', [[0, 120]])]);
    alerts.feed(1, [group('g', [[0, 95]])]);
    alerts.feed(2, [group('g', [[0, 95]])]);
    expect(alerts.resolved).toHaveLength(0);
    alerts.feed(3, [group('g', [[0, 95]])]);
    expect(alerts.resolved).toHaveLength(1);
  });

  it('names alerts by rule and resolves the alerts of a group that disappears', () => {
    const alerts = run([
      { kind: 'level', name: 'backlog', critical: 10 },
      { kind: 'level', name: 'huge', critical: 15 },
    ]);
    alerts.feed(0, [group('a', [[0, 20]]), group('b', [[0, 1]])]);
    expect(alerts.raised.map((a) => [a.rule, a.groupId])).toEqual([
      ['backlog', 'a'],
      ['huge', 'a'],
    ]);
    expect(new Set(alerts.raised.map((a) => a.id)).size).toBe(2);
    alerts.feed(1, [group('b', [[0, 1]])]);
    expect(alerts.resolved).toHaveLength(2);
  });
});

describe('evaluateLagAlerts: growth rules', () => {
  it('alerts once the lag has grown for N minutes and resolves when it stops', () => {
    const alerts = run([{ kind: 'growth', minutes: 1 }]);
    for (let s = 0; s <= 50; s += 10) alerts.feed(s * SECOND, [group('g', [[0, 100 + s]])]);
    expect(alerts.raised).toHaveLength(0);
    alerts.feed(60 * SECOND, [group('g', [[0, 170]])]);
    expect(alerts.raised).toEqual([expect.objectContaining({ rule: 'growth', level: 'warning', since: 0 })]);
    // One flat sample is tolerated (calmSamples 3), three end it.
    alerts.feed(70 * SECOND, [group('g', [[0, 170]])]);
    alerts.feed(80 * SECOND, [group('g', [[0, 180]])]);
    expect(alerts.resolved).toHaveLength(0);
    for (let s = 90; s <= 110; s += 10) alerts.feed(s * SECOND, [group('g', [[0, 180]])]);
    expect(alerts.resolved).toHaveLength(1);
    expect(alerts.raised).toHaveLength(1);
  });

  it('with minRatePerSec, only growth faster than that counts', () => {
    const slow = run([{ kind: 'growth', minutes: 1, minRatePerSec: 5, level: 'critical' }]);
    const fast = run([{ kind: 'growth', minutes: 1, minRatePerSec: 5, level: 'critical' }]);
    for (let s = 0; s <= 80; s += 10) {
      slow.feed(s * SECOND, [group('g', [[0, 3 * s]])]);
      fast.feed(s * SECOND, [group('g', [[0, 10 * s]])]);
    }
    expect(slow.raised).toHaveLength(0);
    expect(fast.raised).toEqual([expect.objectContaining({ level: 'critical', since: 0 })]);
  });
});

describe('evaluateLagAlerts: stuck partitions', () => {
  it('detects a partition whose committed offset does not move while it lags', () => {
    const alerts = run([{ kind: 'stuck', minutes: 2 }]);
    // partition 0 moves, partition 1 is stuck at offset 7, partition 2 is stuck but caught up.
    for (let s = 0; s <= 120; s += 30) {
      alerts.feed(s * SECOND, [
        group('g', [
          [s, 5],
          [7, 40 + s],
          [9, 0],
        ]),
      ]);
    }
    expect(alerts.raised).toEqual([
      expect.objectContaining({
        rule: 'stuck',
        level: 'warning',
        groupId: 'g',
        topic: 't',
        partition: 1,
        since: 0,
        lag: 160,
      }),
    ]);
    alerts.feed(150 * SECOND, [
      group('g', [
        [150, 5],
        [7, 200],
        [9, 0],
      ]),
    ]);
    expect(alerts.raised).toHaveLength(1);
    alerts.feed(180 * SECOND, [
      group('g', [
        [180, 5],
        [8, 200],
        [9, 0],
      ]),
    ]);
    expect(alerts.resolved).toEqual([expect.objectContaining({ partition: 1 })]);
  });

  it('keeps state only for the partitions of the latest sample', () => {
    const alerts = run([{ kind: 'stuck', minutes: 1 }]);
    alerts.feed(0, [group('a', [[1, 1]]), group('b', [[1, 1]])]);
    const step = alerts.feed(1, [group('b', [[1, 1]])]);
    expect(step.state.tracks.size).toBe(1);
  });
});
