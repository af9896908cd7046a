import { describe, expect, it } from 'vitest';
import { MAX_CHART_POINTS, thinPoints } from '../../src/components/chartData.js';
import type { ChartPoint } from '../../src/components/TimeSeriesChart.js';

const series = (values: Array<number | null>): ChartPoint[] =>
  values.map((a, i) => ({ time: i * 2000, a, b: a === null ? null : 1 }) as ChartPoint);

describe('thinPoints', () => {
  it('leaves a short series as it is (same array)', () => {
    const points = series([1, 2, 3]);
    expect(thinPoints(points, ['a', 'b'])).toBe(points);
  });

  it('thins 300 samples to at most the cap, in time order, keeping both ends', () => {
    const points = series(Array.from({ length: 300 }, (_, i) => Math.sin(i / 7) * 100 + 200));
    const thinned = thinPoints(points, ['a', 'b']);
    expect(thinned.length).toBeLessThanOrEqual(MAX_CHART_POINTS + 2);
    expect(thinned.length).toBeGreaterThan(MAX_CHART_POINTS / 2);
    expect(thinned[0]).toBe(points[0]);
    expect(thinned.at(-1)).toBe(points.at(-1));
    const times = thinned.map((p) => p.time);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(new Set(times).size).toBe(times.length);
  });

  it('keeps a one-sample spike, a one-sample dip and a gap', () => {
    const values: Array<number | null> = Array.from({ length: 300 }, () => 50);
    values[101] = 5_000;
    values[202] = 0;
    values[250] = null;
    const thinned = thinPoints(series(values), ['a', 'b']);
    expect(thinned.some((p) => p.a === 5_000)).toBe(true);
    expect(thinned.some((p) => p.a === 0)).toBe(true);
    expect(thinned.some((p) => p.a === null)).toBe(true);
  });
});
