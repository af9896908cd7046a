import { describe, expect, it } from 'vitest';
import { timeAxis, valueAxis, keepsAxis } from '../../src/components/axisTicks.js';
import type { ChartPoint } from '../../src/components/TimeSeriesChart.js';

const at = (time: number, a: number | null = 1): ChartPoint => ({ time, a }) as ChartPoint;
const isStrictlyIncreasing = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);

describe('timeAxis', () => {
  it('puts ticks on round clock steps inside the span of the data', () => {
    const start = Date.UTC(2026, 10, 25, 12, 0, 7);
    const points = Array.from({ length: 150 }, (_, i) => at(start + i * 2_000));
    const { domain, ticks } = timeAxis(points);
    expect(domain).toEqual([start, start + 149 * 2_000]);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(5);
    for (const tick of ticks) {
      expect(tick % 60_000).toBe(0); // a 5 min span gets whole-minute ticks
      expect(tick).toBeGreaterThanOrEqual(domain[0]);
      expect(tick).toBeLessThanOrEqual(domain[1]);
    }
    expect(isStrictlyIncreasing(ticks)).toBe(true);
  });

  it('pads one shared time into a visible span with one tick', () => {
    expect(timeAxis([at(5_000), at(5_000)])).toEqual({ domain: [4_000, 6_000], ticks: [5_000] });
  });

  it('never repeats a tick, even for times near the float limits', () => {
    for (const points of [
      [at(1e20), at(1e20 + 1)],
      [at(8.64e15), at(8.64e15 + 3)],
      [at(0), at(1e300)],
    ]) {
      const { ticks } = timeAxis(points);
      expect(isStrictlyIncreasing(ticks)).toBe(true);
      expect(ticks.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('valueAxis', () => {
  it('runs from zero to a round value at or above the highest, on round steps', () => {
    const { domain, ticks } = valueAxis([at(0, 130), at(1, 870), at(2, null)], ['a']);
    expect(domain).toEqual([0, 1000]);
    expect(ticks).toEqual([0, 250, 500, 750, 1000]);
  });

  it('gives a flat or empty series some height', () => {
    expect(valueAxis([at(0, 0), at(1, 0)], ['a']).domain).toEqual([0, 1]);
    expect(valueAxis([], ['a']).domain).toEqual([0, 1]);
  });

  it('never repeats a tick or leaves the finite numbers, whatever the values', () => {
    for (const values of [[1e308, 1.7e308], [Number.MAX_VALUE], [-1e308, 1e308], [1e-320, 2e-320], [-5, 3]]) {
      const { domain, ticks } = valueAxis(
        values.map((v, i) => at(i, v)),
        ['a'],
      );
      expect(domain.every(Number.isFinite)).toBe(true);
      expect(domain[1]).toBeGreaterThan(domain[0]);
      expect(isStrictlyIncreasing(ticks)).toBe(true);
      expect(ticks.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('keepsAxis', () => {
  const axis = (bottom: number, top: number) => ({
    domain: [bottom, top] as [number, number],
    ticks: [bottom, top],
  });
  it('keeps the axis while the new one is lower but the lines still fill more than 40 % of it', () => {
    expect(keepsAxis(axis(0, 500), axis(0, 400))).toBe(true);
    expect(keepsAxis(axis(0, 500), axis(0, 250))).toBe(true);
    expect(keepsAxis(axis(0, 500), axis(0, 500))).toBe(true);
  });
  it('moves when the data outgrows the axis, has clearly shrunk, or starts elsewhere', () => {
    expect(keepsAxis(axis(0, 500), axis(0, 600))).toBe(false);
    expect(keepsAxis(axis(0, 500), axis(0, 200))).toBe(false);
    expect(keepsAxis(axis(0, 500), axis(-100, 400))).toBe(false);
  });
});
