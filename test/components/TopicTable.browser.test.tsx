import { fireEvent, render as renderAt, screen, within } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import { TopicTable } from '../../src/components/index.js';
import { HOSTILE_NAME, hugeSeries, makeSeries, smallCluster } from '../../stories/fixtures.js';

/** Rendered 1,400 px wide, where every column fits (narrower panels leave some out; see tables.browser.test). */
const Wide = ({ children }: { children: ReactNode }) => <div style={{ width: 1400 }}>{children}</div>;
const render = (ui: ReactElement) => renderAt(ui, { wrapper: Wide });

const { metrics } = makeSeries(smallCluster, 5);
const topics = metrics!.topicStats;

function bodyNames(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent ?? '');
}

describe('TopicTable', () => {
  it('renders every topic from props, with root props, className and data-state', () => {
    render(
      <TopicTable data={topics} className="mine" data-testid="root" style={{ margin: 3 }} theme="dark" />,
    );
    const root = screen.getByTestId('root');
    expect(root.className).toMatch(/takhin-topic-table.*mine$/);
    expect(root.dataset.state).toBe('live');
    expect(root.dataset.theme).toBe('dark');
    expect(root.style.margin).toBe('3px');
    expect(bodyNames(screen.getByRole('table'))).toEqual(topics.map((t) => t.name).sort());
  });

  it('shows loading and empty states in words', () => {
    const { rerender } = render(<TopicTable data={null} data-testid="root" />);
    expect(screen.getByText('Waiting for the first metrics…')).toBeTruthy();
    expect(screen.getByTestId('root').dataset.state).toBe('loading');
    rerender(<TopicTable data={[]} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.state).toBe('empty');
    expect(screen.getByText(/No topics yet/)).toBeTruthy();
  });

  it('sorts by any column and reflects it in aria-sort', () => {
    render(<TopicTable data={topics} />);
    const table = screen.getByRole('table');
    const nameHeader = screen.getByRole('columnheader', { name: /Topic/ });
    const produceHeader = screen.getByRole('columnheader', { name: /Produce/ });
    expect(nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(produceHeader.getAttribute('aria-sort')).toBe('none');

    fireEvent.click(within(produceHeader).getByRole('button'));
    expect(produceHeader.getAttribute('aria-sort')).toBe('descending');
    expect(nameHeader.getAttribute('aria-sort')).toBe('none');
    const byRate = [...topics].sort((a, b) => b.produceRate - a.produceRate).map((t) => t.name);
    expect(bodyNames(table)).toEqual(byRate);

    fireEvent.click(within(produceHeader).getByRole('button'));
    expect(produceHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(bodyNames(table)).toEqual([...byRate].reverse());

    fireEvent.click(within(nameHeader).getByRole('button'));
    fireEvent.click(within(nameHeader).getByRole('button'));
    expect(nameHeader.getAttribute('aria-sort')).toBe('descending');
    expect(bodyNames(table)).toEqual(
      topics
        .map((t) => t.name)
        .sort()
        .reverse(),
    );
  });

  it('shows a re-sorted tick in the row elements it has: none is moved, added or removed', () => {
    const [a, b] = topics;
    const tick = (rateA: number, rateB: number) => [
      { ...a, produceRate: rateA },
      { ...b, produceRate: rateB },
    ];
    const byRate = { column: 'produceRate', direction: 'descending' } as const;
    const { rerender } = render(<TopicTable data={tick(10, 5)} defaultSort={byRate} />);
    const body = screen.getByRole('table').querySelector('tbody')!;
    const before = [...body.rows];
    expect(bodyNames(screen.getByRole('table'))).toEqual([a.name, b.name]);
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(body, { childList: true });
    rerender(<TopicTable data={tick(1, 20)} defaultSort={byRate} />);
    observer.disconnect();
    expect(bodyNames(screen.getByRole('table'))).toEqual([b.name, a.name]);
    expect([...body.rows]).toEqual(before);
    expect(changes).toEqual([]);
  });

  it('filters by name, case-insensitively', () => {
    render(<TopicTable data={topics} />);
    fireEvent.change(screen.getByRole('searchbox', { name: /Filter topics/ }), { target: { value: 'PAY' } });
    expect(bodyNames(screen.getByRole('table'))).toEqual(['payments.events']);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'nothing-like-this' } });
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText(/No topic matches/)).toBeTruthy();
  });

  it('shows "pending" instead of rates when rates are not known yet', () => {
    render(<TopicTable data={topics} ratesKnown={false} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.rates).toBe('pending');
    expect(screen.getAllByText('pending').length).toBe(topics.length * 2);
  });

  it('renders hostile names as text', () => {
    const { container } = render(<TopicTable data={[{ ...topics[0], name: HOSTILE_NAME }]} />);
    expect(screen.getByText(HOSTILE_NAME)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('virtualizes 1,000 topics', async () => {
    const data = hugeSeries().metrics!.topicStats;
    render(<TopicTable data={data} height={320} />);
    const table = screen.getByRole('table');
    expect(table.getAttribute('aria-rowcount')).toBe(String(data.length + 1));
    expect(within(table).getAllByRole('rowheader').length).toBeLessThan(40);
  });
});
