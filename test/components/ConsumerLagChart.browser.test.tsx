import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../../src/components/styles.css';
import { ConsumerLagChart } from '../../src/components/index.js';
import { lagKey, lagValues } from '../../src/core/index.js';
import type { MetricsSample } from '../../src/index.js';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const ZERO = { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 };
const NO_LATENCY = { produceP50: 0, produceP95: 0, produceP99: 0, fetchP50: 0, fetchP95: 0, fetchP99: 0 };

/** A sample with the given group lags (and, for `alpha`, two topic lags summing to its lag). */
function sample(i: number, groups: Record<string, number>, time = T0 + i * 2000): MetricsSample {
  const alpha = groups.alpha ?? 0;
  return {
    time,
    throughput: ZERO,
    latency: NO_LATENCY,
    ratesKnown: true,
    totalLag: Object.values(groups).reduce((a, b) => a + b, 0),
    groupLag: lagValues(groups),
    topicLag: lagValues({
      [lagKey('alpha', 'orders.events')]: alpha * 0.75,
      [lagKey('alpha', 'clicks')]: alpha * 0.25,
    }),
  };
}

const legendNames = () =>
  within(screen.getByRole('toolbar', { name: 'Lines' }))
    .queryAllByRole('button', { name: /^Show the topics of/ })
    .map((b) => b.textContent);

describe('ConsumerLagChart', () => {
  it('draws the total and the top groups by current lag, and follows them as lag changes', async () => {
    const early = Array.from({ length: 10 }, (_, i) =>
      sample(i, { alpha: 500 + i, beta: 300, gamma: 100 + i * 10 }),
    );
    const { rerender, container } = render(
      <ConsumerLagChart history={early} top={2} width={600} data-testid="root" />,
    );
    expect(screen.getByTestId('root').dataset.state).toBe('live');
    expect(legendNames()).toEqual(['alpha', 'beta']);
    expect(container.querySelectorAll('.takhin-line')).toHaveLength(3);
    // gamma overtakes both: the lines follow the current ranking.
    const later = [
      ...early,
      ...Array.from({ length: 5 }, (_, i) => sample(10 + i, { alpha: 509, beta: 300, gamma: 2000 + i })),
    ];
    rerender(<ConsumerLagChart history={later} top={2} width={600} data-testid="root" />);
    expect(legendNames()).toEqual(['gamma', 'alpha']);
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/top groups: gamma, alpha\./);
  });

  it('shows the chosen group’s topics, and goes back to all groups', async () => {
    const onGroupChange = vi.fn();
    const history = Array.from({ length: 10 }, (_, i) => sample(i, { alpha: 800, beta: 300 }));
    render(
      <ConsumerLagChart history={history} width={600} onGroupChange={onGroupChange} data-testid="root" />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show the topics of alpha' }));
    const root = screen.getByTestId('root');
    expect(root.dataset.group).toBe('alpha');
    expect(onGroupChange).toHaveBeenLastCalledWith('alpha');
    expect(within(root).getByRole('heading').textContent).toBe('Consumer lag over time: alpha');
    const legend = screen.getByRole('toolbar', { name: 'Lines' });
    // A topic name with a dot is drawn (positional keys: recharts would read a dot as a path).
    expect(legend.textContent).toContain('orders.events');
    expect(legend.textContent).toContain('clicks');
    expect(root.querySelectorAll('.takhin-line[d]').length).toBe(3);
    fireEvent.click(within(legend).getByRole('button', { name: '← All groups' }));
    expect(root.dataset.group).toBeUndefined();
    expect(onGroupChange).toHaveBeenLastCalledWith(null);
    expect(legendNames()).toEqual(['alpha', 'beta']);
  });

  it('follows the group prop, and the legend is one Tab stop moved with the arrow keys', () => {
    const history = Array.from({ length: 10 }, (_, i) => sample(i, { alpha: 800, beta: 300, gamma: 10 }));
    const { rerender } = render(<ConsumerLagChart history={history} width={600} data-testid="root" />);
    const buttons = within(screen.getByRole('toolbar')).getAllByRole('button');
    expect(buttons.map((b) => b.tabIndex)).toEqual([0, -1, -1]);
    buttons[0].focus();
    fireEvent.keyDown(buttons[0], { key: 'ArrowRight' });
    expect(document.activeElement).toBe(buttons[1]);
    // The plot itself is a single Tab stop.
    const chart = screen.getByTestId('root').querySelector('.takhin-chart')!;
    expect(
      chart.querySelectorAll('[tabindex]:not([tabindex="-1"]), button, a[href]').length,
    ).toBeLessThanOrEqual(1);
    rerender(<ConsumerLagChart history={history} group="alpha" width={600} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.group).toBe('alpha');
  });

  it('breaks the lines over an outage, and draws the thresholds near the data', () => {
    const before = Array.from({ length: 10 }, (_, i) => sample(i, { alpha: 900 + i }));
    const after = Array.from({ length: 10 }, (_, i) =>
      sample(i, { alpha: 950 + i }, T0 + 120_000 + i * 2000),
    );
    render(<ConsumerLagChart history={[...before, ...after]} width={600} data-testid="root" />);
    const curve = screen.getByTestId('root').querySelector('.takhin-line')!.getAttribute('d')!;
    expect(curve.match(/M/g)).toHaveLength(2);
    const lines = [...screen.getByTestId('root').querySelectorAll('.takhin-reference line')].map((l) =>
      l.getAttribute('stroke'),
    );
    expect(lines).toEqual(['var(--takhin-warning)']);
  });

  it('has loading and empty states', async () => {
    const { rerender } = render(<ConsumerLagChart history={[]} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.state).toBe('loading');
    rerender(<ConsumerLagChart history={[sample(0, {})]} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.state).toBe('empty');
  });
});
