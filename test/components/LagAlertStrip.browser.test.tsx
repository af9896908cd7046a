import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import { Dashboard, LagAlertStrip } from '../../src/components/index.js';
import type { LagAlert } from '../../src/index.js';
import { connections, makeSeries, smallCluster } from '../../stories/fixtures.js';

const series = makeSeries(smallCluster, 10);

const hostile: LagAlert = {
  id: 'x',
  level: 'critical',
  rule: 'stuck',
  groupId: '<img src=x onerror="window.pwned=1">',
  topic: "=cmd|' /C calc'!A0",
  partition: 3,
  since: Date.UTC(2026, 0, 1, 12, 0, 0),
  lag: 12345,
  timeBehindMs: 90_000,
};

describe('LagAlertStrip', () => {
  it('renders nothing without alerts, and names from the server as text, most severe first', () => {
    const { container, rerender } = render(<LagAlertStrip alerts={[]} />);
    expect(container.innerHTML).toBe('');
    const warning: LagAlert = { ...hostile, id: 'w', level: 'warning', rule: 'level', groupId: 'billing' };
    rerender(<LagAlertStrip alerts={[warning, hostile]} locale="en-US" />);
    const strip = screen.getByRole('region', { name: 'Lag alerts' });
    expect(strip.dataset.level).toBe('critical');
    const items = within(strip).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.level)).toEqual(['critical', 'warning']);
    expect(items[0].textContent).toContain(
      `critical ${hostile.groupId} / ${hostile.topic} / 3: stuck, lag 12,345`,
    );
    expect(items[0].textContent).toContain('1 min 30 s behind');
    expect(strip.querySelector('img')).toBeNull();
  });

  it('on the Dashboard: evaluates alertRules, and choosing an alert filters the lag table to its group', () => {
    const view = (ticks: number) => (
      <Dashboard
        data={series.all[ticks - 1]}
        history={series.history.slice(0, ticks)}
        status={connections.live()}
        alertRules={[{ kind: 'level', warning: 1 }]}
        chartWidth={300}
      />
    );
    const { rerender } = render(view(1));
    rerender(view(2));
    // On the Dashboard the alerts share one strip with the verdict.
    const strip = screen.getByRole('list', { name: 'Active alerts' });
    expect(screen.getByRole('region', { name: 'Lag verdict' }).contains(strip)).toBe(true);
    const lagging = series.all[1].consumerLags.filter((group) => group.totalLag >= 1);
    expect(lagging.length).toBeGreaterThan(0);
    const buttons = within(strip).getAllByRole('button');
    expect(buttons).toHaveLength(lagging.length);
    const target = lagging[lagging.length - 1].groupId;
    fireEvent.click(buttons.find((button) => button.textContent!.includes(`${target}:`))!);
    const filter = screen.getByRole<HTMLInputElement>('searchbox', { name: 'Filter by group or topic' });
    expect(filter.value).toBe(target);
  });
});
