import { describe, expect, it } from 'vitest';
import { parseFrame } from '../../src/core/parse.js';
import type { Dialect, MonitoringMetrics } from '../../src/core/protocol.js';
import { createCluster, encodeMessage, metricsFor, SCENARIOS } from '../../src/sim/index.js';
import type { ClusterModel } from '../../src/sim/index.js';
import { validateMetricsStrict, validateServerLine } from './validate.js';

const DIALECTS: Dialect[] = ['takhin', 'spec'];

function counters(m: MonitoringMetrics): number[] {
  return [
    ...Object.values(m.throughput),
    ...[...m.topicStats]
      .sort((a, b) => a.name.localeCompare(b.name))
      .flatMap((t) => [t.produceRate, t.fetchRate]),
  ];
}

describe('metricsFor', () => {
  for (const dialect of DIALECTS) {
    for (const scenario of SCENARIOS.filter((s) => s !== 'huge')) {
      it(`produces valid ${dialect} metrics for 400 ticks of "${scenario}"`, () => {
        const model = createCluster({ seed: 17, scenario, startTime: 1_704_067_200_000 });
        const lines: string[] = [];
        model.onEvent((e) => lines.push(JSON.stringify(e)));
        for (let i = 0; i < 400; i++) {
          model.advance(2000);
          const data = metricsFor(model, dialect);
          expect(validateMetricsStrict(data, dialect)).toEqual([]);
          lines.push(encodeMessage({ type: 'metrics', data }, model.nowSeconds));
        }
        for (const line of lines) expect(validateServerLine(line, dialect)).toEqual([]);
        // The client's own parser accepts everything too.
        const parsed = parseFrame(lines.join('\n'));
        expect(parsed.errors).toEqual([]);
        expect(parsed.messages).toHaveLength(lines.length);
      });
    }
  }

  it('makes takhin counters cumulative: they never go backwards except across a restart', () => {
    const model = createCluster({ seed: 3, scenario: 'rebalancing' });
    let prev = counters(metricsFor(model, 'takhin', undefined, true));
    let drops = 0;
    for (let i = 1; i <= 300; i++) {
      if (i === 150) model.restart();
      model.advance(1000);
      const next = counters(metricsFor(model, 'takhin', undefined, true));
      const backwards = next.some((v, k) => v < prev[k]);
      if (i === 150) {
        expect(backwards).toBe(true);
        drops++;
      } else expect(backwards).toBe(false);
      prev = next;
    }
    expect(drops).toBe(1);
  });

  it('reports takhin rates that match the spec rates once differentiated', () => {
    const model = createCluster({ seed: 12 });
    model.advance(10_000);
    const a = metricsFor(model, 'takhin', undefined, true).throughput.produceRate;
    model.advance(10_000);
    const b = metricsFor(model, 'takhin', undefined, true).throughput.produceRate;
    const spec = metricsFor(model, 'spec').throughput.produceRate;
    const derived = (b - a) / 10;
    expect(derived).toBeGreaterThan(spec * 0.5);
    expect(derived).toBeLessThan(spec * 2);
  });

  it('puts latency in seconds (takhin) and milliseconds (spec)', () => {
    const model = createCluster({ seed: 1 }).advance(10_000);
    const takhin = metricsFor(model, 'takhin', undefined, true).latency;
    const spec = metricsFor(model, 'spec').latency;
    expect(takhin.produceP50).toBeCloseTo((model.vitals.produceMeanMs / 1000) * 0.8, 12);
    expect(takhin.produceP99).toBeLessThan(1);
    expect(spec.produceP50).toBeGreaterThan(0.5);
    expect(spec.produceP99).toBeGreaterThan(spec.produceP95);
  });

  it('counts groups as consumers in takhin and members in spec', () => {
    const model = createCluster({ seed: 1 }).advance(2000);
    const members = model.groups.reduce((s, g) => s + g.members, 0);
    expect(metricsFor(model, 'takhin').clusterHealth.totalConsumers).toBe(model.groups.length);
    expect(metricsFor(model, 'spec').clusterHealth.totalConsumers).toBe(members);
    expect(metricsFor(model, 'takhin').clusterHealth.activeConnections).toBe(0);
    model.clientConnections = 3;
    expect(metricsFor(model, 'spec').clusterHealth.activeConnections).toBeGreaterThanOrEqual(3 + members);
  });

  it('shuffles every array on every message', () => {
    const model = createCluster({ seed: 2, size: 'medium' }).advance(2000);
    const orders = (m: MonitoringMetrics) => [
      m.topicStats.map((t) => t.name).join(),
      m.consumerLags.map((g) => g.groupId).join(),
      m.consumerLags
        .find((g) => g.topicLags.length > 2)!
        .topicLags.map((t) => t.topic)
        .join(),
      m.consumerLags[0].topicLags[0].partitionLags.map((p) => p.partition).join(),
    ];
    const seen = Array.from({ length: 4 }, () => new Set<string>());
    for (let i = 0; i < 10; i++) orders(metricsFor(model, 'takhin')).forEach((o, k) => seen[k].add(o));
    for (const s of seen) expect(s.size).toBeGreaterThan(5);
  });

  it('lists only partitions with a committed offset', () => {
    const model = createCluster({ seed: 21, size: 'medium' });
    const uncommitted = model.groups.flatMap((g) =>
      g.assignments.flatMap((a) =>
        Array.from(a.committed)
          .map((c, p) => ({ c, key: `${g.groupId}/${a.topic.name}/${p}` }))
          .filter((x) => x.c < 0),
      ),
    );
    expect(uncommitted.length).toBeGreaterThan(0);
    const listed = new Set(
      metricsFor(model, 'takhin').consumerLags.flatMap((g) =>
        g.topicLags.flatMap((t) => t.partitionLags.map((p) => `${g.groupId}/${t.topic}/${p.partition}`)),
      ),
    );
    for (const u of uncommitted) expect(listed.has(u.key)).toBe(false);
  });

  it('does not disturb the model sequence when shuffling', () => {
    const a = createCluster({ seed: 5 });
    const b = createCluster({ seed: 5 });
    for (let i = 0; i < 20; i++) {
      a.advance(1000);
      b.advance(1000);
      metricsFor(a, 'spec');
      metricsFor(a, 'takhin');
    }
    expect(a.snapshot()).toEqual(b.snapshot());
  });

  it('is fast enough for the huge cluster (generate + stringify per tick)', () => {
    const model: ClusterModel = createCluster({ scenario: 'huge', seed: 1 });
    model.advance(2000);
    JSON.stringify(metricsFor(model, 'takhin'));
    const started = performance.now();
    let bytes = 0;
    for (let i = 0; i < 10; i++) {
      model.advance(2000);
      bytes = encodeMessage({ type: 'metrics', data: metricsFor(model, 'takhin') }, model.nowSeconds).length;
    }
    const perTick = (performance.now() - started) / 10;
    const m = metricsFor(model, 'takhin');
    expect(m.topicStats).toHaveLength(1000);
    expect(m.consumerLags).toHaveLength(200);
    expect(
      m.consumerLags.reduce((s, g) => s + g.topicLags.reduce((t, l) => t + l.partitionLags.length, 0), 0),
    ).toBeGreaterThan(11_000);
    expect(bytes).toBeGreaterThan(900_000);
    // Generous for slow CI machines; about 30–50 ms here.
    expect(perTick).toBeLessThan(1000);
  });
});
