import { act, fireEvent, render as renderAt, screen, waitFor, within } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import '../../src/components/styles.css';
import { ConsumerLagTable } from '../../src/components/index.js';
import type { ConsumerLag } from '../../src/core/protocol.js';
import { HOSTILE_NAME, hugeSeries, makeSeries, smallCluster } from '../../stories/fixtures.js';

/** Rendered 1,400 px wide, where every column fits (narrower panels leave some out; see tables.browser.test). */
const Wide = ({ children }: { children: ReactNode }) => <div style={{ width: 1400 }}>{children}</div>;
const render = (ui: ReactElement) => renderAt(ui, { wrapper: Wide });

const { metrics, history } = makeSeries(smallCluster, 20);
const groups = metrics!.consumerLags;

const rowNames = () =>
  within(screen.getByRole('table'))
    .getAllByRole('rowheader')
    .map((cell) => cell.querySelector('.takhin-name-text, .takhin-leaf')?.textContent ?? '');

function lag(groupId: string, topic: string, partitions: number[]): ConsumerLag {
  const partitionLags = partitions.map((value, partition) => ({
    partition,
    currentOffset: 1000,
    logEndOffset: 1000 + value,
    lag: value,
  }));
  const totalLag = partitions.reduce((a, b) => a + b, 0);
  return { groupId, totalLag, topicLags: [{ topic, totalLag, partitionLags }] };
}

describe('ConsumerLagTable', () => {
  it('renders groups from props, sorted by lag, largest first', () => {
    render(<ConsumerLagTable data={groups} history={history} data-testid="root" className="x" />);
    const root = screen.getByTestId('root');
    expect(root.dataset.state).toBe('live');
    expect(root.className.endsWith(' x')).toBe(true);
    const expected = [...groups].sort((a, b) => b.totalLag - a.totalLag).map((g) => g.groupId);
    expect(rowNames()).toEqual(expected);
    expect(screen.getByRole('columnheader', { name: /^Lag/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('says so when there is no data yet and when no group has committed offsets', () => {
    const { rerender } = render(<ConsumerLagTable data={null} />);
    expect(screen.getByText('Waiting for the first metrics…')).toBeTruthy();
    rerender(<ConsumerLagTable data={[]} />);
    expect(screen.getByText('No consumer groups have committed offsets yet.')).toBeTruthy();
  });

  it('sorts by name and flips direction, with aria-sort following', () => {
    render(<ConsumerLagTable data={groups} />);
    const header = screen.getByRole('columnheader', { name: /Group/ });
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    const names = groups.map((g) => g.groupId).sort();
    expect(rowNames()).toEqual(names);
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(rowNames()).toEqual([...names].reverse());
  });

  it('drills down group → topic → partition with aria-expanded buttons', () => {
    const data = [lag('alpha', 'orders', [5, 0, 7])];
    render(<ConsumerLagTable data={data} />);
    const group = screen.getByRole('button', { name: 'alpha' });
    expect(group.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('button', { name: 'orders' })).toBeNull();

    fireEvent.click(group);
    expect(group.getAttribute('aria-expanded')).toBe('true');
    const topic = screen.getByRole('button', { name: 'orders' });
    fireEvent.click(topic);
    expect(topic.getAttribute('aria-expanded')).toBe('true');
    expect(rowNames()).toEqual(['alpha', 'orders', 'Partition 2', 'Partition 0', 'Partition 1']);
    const partitionRow = screen.getByText('Partition 2').closest('tr')!;
    const cells = within(partitionRow)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(0, 3)).toEqual(['1,000', '1,007', '7']);

    fireEvent.click(group);
    expect(rowNames()).toEqual(['alpha']);
  });

  it('filters by group id or topic name and opens groups matched through a topic', () => {
    const data = [
      lag('alpha', 'orders', [1]),
      lag('beta', 'payments', [2]),
      lag('gamma', 'orders-archive', [3]),
    ];
    render(<ConsumerLagTable data={data} />);
    const filter = screen.getByRole('searchbox', { name: 'Filter by group or topic' });
    fireEvent.change(filter, { target: { value: 'BETA' } });
    expect(rowNames()).toEqual(['beta']);
    fireEvent.change(filter, { target: { value: 'orders' } });
    expect(rowNames()).toEqual(['gamma', 'orders-archive', 'alpha', 'orders']);
    fireEvent.change(filter, { target: { value: 'zzz' } });
    expect(screen.getByText(/No group or topic matches/)).toBeTruthy();
  });

  it('colours rows by threshold and fires onThresholdCrossed once per crossing', () => {
    const onCrossed = vi.fn();
    const thresholds = { warning: 100, critical: 1000 };
    const view = (data: ConsumerLag[]) => (
      <ConsumerLagTable
        data={data}
        thresholds={thresholds}
        onThresholdCrossed={onCrossed}
        data-testid="root"
      />
    );
    const { rerender } = render(
      view([lag('ok', 't', [5]), lag('warm', 't', [150]), lag('hot', 't', [5000])]),
    );
    const rowOf = (name: string) => screen.getByRole('button', { name }).closest('tr')!;
    expect(rowOf('ok').dataset.threshold).toBeUndefined();
    expect(rowOf('warm').dataset.threshold).toBe('warning');
    expect(rowOf('hot').dataset.threshold).toBe('critical');
    expect(screen.getByTestId('root').dataset.threshold).toBe('critical');
    // group and its only topic each cross: 2 per lagging group
    expect(onCrossed).toHaveBeenCalledTimes(4);
    expect(onCrossed).toHaveBeenCalledWith({ groupId: 'hot', level: 'critical', lag: 5000 });
    expect(onCrossed).toHaveBeenCalledWith({ groupId: 'warm', topic: 't', level: 'warning', lag: 150 });

    onCrossed.mockClear();
    // Same levels, new arrays, several renders: silent.
    rerender(view([lag('ok', 't', [6]), lag('warm', 't', [160]), lag('hot', 't', [6000])]));
    rerender(view([lag('ok', 't', [7]), lag('warm', 't', [170]), lag('hot', 't', [7000])]));
    expect(onCrossed).not.toHaveBeenCalled();

    // warm rises to critical: one crossing each for the group and the topic.
    rerender(view([lag('ok', 't', [7]), lag('warm', 't', [1700]), lag('hot', 't', [7000])]));
    expect(onCrossed).toHaveBeenCalledTimes(2);
    expect(onCrossed).toHaveBeenCalledWith({ groupId: 'warm', level: 'critical', lag: 1700 });
    expect(rowOf('warm').dataset.threshold).toBe('critical');

    // Falling back re-arms; rising again fires again.
    onCrossed.mockClear();
    rerender(view([lag('ok', 't', [7]), lag('warm', 't', [10]), lag('hot', 't', [7000])]));
    expect(onCrossed).not.toHaveBeenCalled();
    rerender(view([lag('ok', 't', [7]), lag('warm', 't', [200]), lag('hot', 't', [7000])]));
    expect(onCrossed).toHaveBeenCalledTimes(2);
  });

  it('a callback given later first hears of the levels reached before it, as on a first tick', () => {
    const onCrossed = vi.fn();
    const thresholds = { warning: 100, critical: 1000 };
    const view = (data: ConsumerLag[], callback?: typeof onCrossed) => (
      <ConsumerLagTable data={data} thresholds={thresholds} onThresholdCrossed={callback} />
    );
    const { rerender } = render(view([lag('warm', 't', [150]), lag('calm', 't', [5])]));
    rerender(view([lag('warm', 't', [160]), lag('calm', 't', [6])], onCrossed));
    expect(onCrossed).toHaveBeenCalledTimes(2);
    expect(onCrossed).toHaveBeenCalledWith({ groupId: 'warm', level: 'warning', lag: 160 });
    onCrossed.mockClear();
    rerender(view([lag('warm', 't', [170]), lag('calm', 't', [500])], onCrossed));
    expect(onCrossed).toHaveBeenCalledTimes(2);
    expect(onCrossed).toHaveBeenCalledWith({ groupId: 'calm', level: 'warning', lag: 500 });
  });

  it('shows a trend and a catch-up estimate from history', () => {
    render(
      <ConsumerLagTable
        data={groups}
        history={history}
        defaultSort={{ column: 'name', direction: 'ascending' }}
      />,
    );
    const cells = screen.getAllByRole('cell');
    const trends = cells.filter((c) => c.dataset.trend).map((c) => c.dataset.trend);
    expect(trends).toContain('growing');
    expect(trends).toContain('shrinking');
    // Not shrinking reads "keeping up" or "falling behind" below the warning level, and says since
    // when above it (rowTrends.browser.test.tsx checks each wording).
    expect(screen.getAllByText(/^(not catching up|falling behind|keeping up)/).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/^~\d/).length).toBeGreaterThan(0);
    // The growing group reads ↑ and the shrinking one ↓.
    const growing = cells.find((c) => c.dataset.trend === 'growing')!;
    expect(growing.textContent).toMatch(/^↑ growing, [\d.]+k?\/s$/);
    const shrinking = cells.find((c) => c.dataset.trend === 'shrinking')!;
    expect(shrinking.textContent).toMatch(/^↓ shrinking/);
  });

  it('keeps rows by identity when the server reorders arrays', () => {
    const data = [lag('alpha', 'a', [1, 2]), lag('beta', 'b', [3, 4])];
    const { rerender } = render(
      <ConsumerLagTable data={data} defaultSort={{ column: 'name', direction: 'ascending' }} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'beta' }));
    const betaRow = screen.getByRole('button', { name: 'beta' }).closest('tr');
    const shuffled = [...data].reverse().map((g) => ({ ...g, topicLags: [...g.topicLags].reverse() }));
    rerender(<ConsumerLagTable data={shuffled} defaultSort={{ column: 'name', direction: 'ascending' }} />);
    expect(screen.getByRole('button', { name: 'beta' }).closest('tr')).toBe(betaRow);
    expect(screen.getByRole('button', { name: 'beta' }).getAttribute('aria-expanded')).toBe('true');
    expect(rowNames()).toEqual(['alpha', 'beta', 'b']);
  });

  it('shows a re-sorted tick in the row elements it has: none is moved, added or removed', () => {
    const tick = (alpha: number, beta: number) => [lag('alpha', 'a', [alpha]), lag('beta', 'b', [beta])];
    const { rerender } = render(<ConsumerLagTable data={tick(10, 5)} />);
    const body = screen.getByRole('table').querySelector('tbody')!;
    const before = [...body.rows];
    expect(rowNames()).toEqual(['alpha', 'beta']);
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(body, { childList: true });
    rerender(<ConsumerLagTable data={tick(1, 20)} />);
    observer.disconnect();
    expect(rowNames()).toEqual(['beta', 'alpha']);
    expect([...body.rows]).toEqual(before);
    expect(changes).toEqual([]);
  });

  it('renders hostile names as text', () => {
    const { container } = render(
      <ConsumerLagTable data={[lag(HOSTILE_NAME, HOSTILE_NAME, [1])]} defaultExpanded="all" />,
    );
    expect(screen.getAllByText(HOSTILE_NAME).length).toBe(2);
    expect(container.querySelector('img')).toBeNull();
  });

  it('virtualizes 12,000 partition rows and renders later rows on scroll', async () => {
    const { metrics: huge } = hugeSeries();
    const data = huge!.consumerLags;
    const partitions = data.reduce(
      (n, g) => n + g.topicLags.reduce((m, t) => m + t.partitionLags.length, 0),
      0,
    );
    expect(partitions).toBe(12_000);
    const started = performance.now();
    render(<ConsumerLagTable data={data} defaultExpanded="all" height={400} rowHeight={32} />);
    const renderMs = performance.now() - started;
    const table = screen.getByRole('table');
    const total = 200 + 1000 + 12_000;
    expect(table.getAttribute('aria-rowcount')).toBe(String(total + 1));
    const domRows = () => table.querySelectorAll('tbody tr:not(.takhin-spacer)');
    expect(domRows().length).toBeLessThan(50);
    expect(renderMs).toBeLessThan(3000);

    const scroller = table.closest('.takhin-scroll') as HTMLElement;
    expect(scroller.scrollHeight).toBeGreaterThan(total * 32);
    await act(async () => {
      scroller.scrollTop = 6000 * 32;
      scroller.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => {
      const indexes = [...domRows()].map((row) => Number(row.getAttribute('aria-rowindex')));
      expect(Math.min(...indexes)).toBeGreaterThan(5900);
      expect(Math.max(...indexes)).toBeLessThan(6100);
    });
    expect(domRows().length).toBeLessThan(50);
    const last = domRows()[domRows().length - 1];
    expect(last.getAttribute('data-kind')).toBeTruthy();
  });
});
