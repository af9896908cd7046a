import { describe, expect, it } from 'vitest';
import { lagValues } from '../../src/core/lagValues.js';
import { lagTrend } from '../../src/core/selectors.js';
import type { LagValues, MetricsSample } from '../../src/core/state.js';
import { topKeys } from '../../src/components/lagChartData.js';

const ZERO = { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 };
const NO_LATENCY = { produceP50: 0, produceP95: 0, produceP99: 0, fetchP50: 0, fetchP95: 0, fetchP99: 0 };
const sample = (time: number, groupLag: LagValues): MetricsSample => ({
  time,
  throughput: ZERO,
  latency: NO_LATENCY,
  ratesKnown: true,
  totalLag: 0,
  groupLag,
  topicLag: lagValues({}),
});

/** The fit written out plainly, one group at a time: what lagTrend must agree with. */
function reference(history: MetricsSample[], groupId: string, count = 30, tolerance = 0.05) {
  const points = history
    .slice(-count)
    .map((s) => [s.time / 1000, s.groupLag.values[s.groupLag.keys.indexOf(groupId)]] as const)
    .filter(([, lag]) => lag !== undefined);
  if (points.length < 2) return { direction: 'unknown', samples: points.length };
  const origin = points[0][0];
  const meanT = points.reduce((sum, [t]) => sum + t - origin, 0) / points.length;
  const meanLag = points.reduce((sum, [, lag]) => sum + lag, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const [t, lag] of points) {
    covariance += (t - origin - meanT) * (lag - meanLag);
    variance += (t - origin - meanT) ** 2;
  }
  const slope = covariance / variance;
  const change = slope * (points[points.length - 1][0] - origin);
  const direction =
    Math.abs(change) <= Math.max(1, tolerance * meanLag) ? 'steady' : change > 0 ? 'growing' : 'shrinking';
  return { direction, samples: points.length, slopePerSec: slope };
}

describe('lagTrend over many groups', () => {
  it('agrees with a one-group fit, with shared and with differing keys arrays and groups missing from some samples', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `group-${i}`);
    const shared = [...ids];
    const history: MetricsSample[] = [];
    for (let s = 0; s < 36; s++) {
      // Most samples share one keys array (as the store builds them); some list the groups anew, and
      // in a few the odd groups are missing.
      const present = s % 7 === 3 ? ids.filter((_, i) => i % 2 === 0) : ids;
      const values = Float64Array.from(present, (id) => {
        const i = Number(id.slice(6));
        return i % 3 === 0 ? 5000 - s * 40 * i : i % 3 === 1 ? 100 + s * 25 * i : 700 + (s % 2);
      });
      const keys = present === ids && s % 5 !== 0 ? shared : [...present];
      history.push(sample(1_700_000_000_000 + s * 2000, { keys, values }));
    }
    for (const id of ids) {
      const got = lagTrend(history, id);
      const want = reference(history, id);
      expect(got.direction, id).toBe(want.direction);
      expect(got.samples, id).toBe(want.samples);
      if (want.slopePerSec !== undefined) expect(got.slopePerSec).toBeCloseTo(want.slopePerSec, 9);
      // Memoised: the same object again.
      expect(lagTrend(history, id)).toBe(got);
    }
    expect(lagTrend(history, 'not-there').direction).toBe('unknown');
  });
});

describe('topKeys', () => {
  it('returns the n highest, highest first, ties by key, like a full sort', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `k${(i * 7919) % 500}`);
    const values = Float64Array.from(keys, (_, i) => (i * 37) % 23);
    const column = { keys, values };
    const sorted = keys
      .map((key, i) => [key, values[i]] as const)
      .filter(([key]) => !key.endsWith('7'))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([key]) => key);
    for (const n of [0, 1, 5, 12])
      expect(topKeys(column, n, (key) => !key.endsWith('7'))).toEqual(sorted.slice(0, n));
    expect(topKeys({ keys: ['a', 'b'], values: Float64Array.from([1, 2]) }, 5, () => true)).toEqual([
      'b',
      'a',
    ]);
  });
});
