import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import { ConsumerLagChart } from '../../src/components/index.js';
import { lagValues } from '../../src/core/index.js';
import type { MetricsSample } from '../../src/index.js';

/** Levels far above the data, so the value axis is the data's own. */
const FAR = { warning: 1e9, critical: 2e9 };

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const ZERO = { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 };
const NO_LATENCY = { produceP50: 0, produceP95: 0, produceP99: 0, fetchP50: 0, fetchP95: 0, fetchP99: 0 };

/** A sample of one group's lag (the total is that lag too). */
function sample(i: number, lag: number): MetricsSample {
  return {
    time: T0 + i * 2000,
    throughput: ZERO,
    latency: NO_LATENCY,
    ratesKnown: true,
    totalLag: lag,
    groupLag: lagValues({ alpha: lag }),
    topicLag: lagValues({}),
  };
}

/** The y pixel of each vertex of a path made of M/L commands. */
const vertexYs = (d: string) => [...d.matchAll(/[ML]([\d.-]+),([\d.-]+)/g)].map((m) => Number(m[2]));
const vertexXs = (d: string) => [...d.matchAll(/[ML]([\d.-]+),([\d.-]+)/g)].map((m) => Number(m[1]));
const root = () => screen.getByTestId('root');
const totalLine = () => root().querySelector('.takhin-line[data-key="total"]')!.getAttribute('d')!;
const gridYs = () =>
  [...root().querySelectorAll('.recharts-cartesian-grid-horizontal line')].map((l) =>
    Number(l.getAttribute('y1')),
  );

// Lags 0…400 in steps of 40: the value axis runs 0 to 400, so the line's lowest vertex is on the
// bottom grid line and its highest on the top one.
const rising = Array.from({ length: 11 }, (_, i) => sample(i, i * 40));

describe('TimeSeriesChart (through ConsumerLagChart)', () => {
  it('draws each line on the value axis recharts draws: the data’s ends on the grid’s ends', () => {
    render(
      <ConsumerLagChart history={rising} width={600} height={220} thresholds={FAR} data-testid="root" />,
    );
    const ys = vertexYs(totalLine());
    expect(ys).toHaveLength(11);
    const grid = gridYs();
    expect(Math.max(...ys)).toBeCloseTo(Math.max(...grid), 0);
    expect(Math.min(...ys)).toBeCloseTo(Math.min(...grid), 0);
    const xs = vertexXs(totalLine());
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('follows new samples and moves its time axis, leaving the frame untouched while the value axis holds', async () => {
    const { rerender } = render(
      <ConsumerLagChart history={rising} width={600} height={220} thresholds={FAR} data-testid="root" />,
    );
    const before = totalLine();
    const timesBefore = [...root().querySelectorAll('.takhin-time-tick text')].map((t) => t.textContent);
    const frameChanges: MutationRecord[] = [];
    const observer = new MutationObserver((records) =>
      frameChanges.push(...records.filter((r) => !(r.target as Element).closest?.('.takhin-live'))),
    );
    observer.observe(root().querySelector('.recharts-surface')!, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    // One minute later, the same range of values: only the live layer has anything to change.
    const later = rising.map((s, i) => ({
      ...s,
      time: s.time + 60_000,
      totalLag: rising[(i + 3) % 11].totalLag,
    }));
    rerender(
      <ConsumerLagChart history={later} width={600} height={220} thresholds={FAR} data-testid="root" />,
    );
    observer.disconnect();
    expect(totalLine()).not.toBe(before);
    const timesAfter = [...root().querySelectorAll('.takhin-time-tick text')].map((t) => t.textContent);
    expect(timesAfter).not.toEqual(timesBefore);
    expect(frameChanges.filter((r) => !(r.target as Element).closest?.('.takhin-live'))).toEqual([]);
  });

  it('redraws the value axis when the data outgrows it', async () => {
    const { rerender } = render(
      <ConsumerLagChart history={rising} width={600} height={220} thresholds={FAR} data-testid="root" />,
    );
    const ticks = () =>
      [...root().querySelectorAll('.recharts-yAxis-tick-labels text')].map((t) => t.textContent);
    expect(ticks().at(-1)).toBe('400');
    const title = () => root().querySelector('.takhin-axis-title')!.textContent;
    const titleBefore = title();
    rerender(
      <ConsumerLagChart
        history={[...rising, sample(11, 1800)]}
        width={600}
        height={220}
        data-testid="root"
      />,
    );
    // 0 … 2,000 reads as 0 … 2 with the scale in the axis title.
    expect(ticks().at(-1)).toBe('2');
    expect(title()).not.toBe(titleBefore);
  });

  it('keeps its value axis while the data shrinks a little, and lowers it once the lines would sit low', () => {
    const ticks = () =>
      [...root().querySelectorAll('.recharts-yAxis-tick-labels text')].map((t) => t.textContent);
    const { rerender } = render(
      <ConsumerLagChart history={rising} width={600} height={220} thresholds={FAR} data-testid="root" />,
    );
    expect(ticks().at(-1)).toBe('400');
    // Highest lag 300: an axis of its own would end at 300; the shown one stays at 400.
    const lower = rising.map((s, i) => sample(i, Math.min(300, s.totalLag)));
    rerender(
      <ConsumerLagChart history={lower} width={600} height={220} thresholds={FAR} data-testid="root" />,
    );
    expect(ticks().at(-1)).toBe('400');
    // Highest lag 100: the lines would fill a quarter of the height, so the axis comes down to 100.
    const low = rising.map((s, i) => sample(i, Math.min(100, s.totalLag)));
    rerender(<ConsumerLagChart history={low} width={600} height={220} thresholds={FAR} data-testid="root" />);
    expect(ticks().at(-1)).toBe('100');
  });

  it('reads out the sample under the pointer, and clears when the pointer leaves', () => {
    render(
      <ConsumerLagChart
        history={rising}
        width={600}
        height={220}
        thresholds={FAR}
        locale="en-US"
        data-testid="root"
      />,
    );
    const area = root().querySelector('.takhin-hover-area')!;
    const box = area.getBoundingClientRect();
    // Just right of the middle of 0…20 s: the sample at 10 s (lag 200) is the nearest.
    fireEvent.pointerMove(area, { clientX: box.left + box.width * 0.52, clientY: box.top + 10 });
    const readout = root().querySelector<HTMLElement>('.takhin-tooltip')!;
    expect(readout).not.toBeNull();
    expect(within(readout).getByText(/12:00:10/)).toBeTruthy();
    expect(readout.textContent).toMatch(/Total lag: 200/);
    expect(root().querySelectorAll('.takhin-hover circle').length).toBeGreaterThan(0);
    fireEvent.pointerLeave(area);
    expect(root().querySelector('.takhin-tooltip')).toBeNull();
  });
});
