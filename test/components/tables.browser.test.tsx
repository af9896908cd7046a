import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import axe from 'axe-core';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import { ConsumerLagTable, Dashboard, TopicTable } from '../../src/components/index.js';
import { lagVerdict } from '../../src/components/lagVerdict.js';
import { connections, hugeSeries, makeEvents, makeSeries, smallCluster } from '../../stories/fixtures.js';

const series = makeSeries(smallCluster, 40);
const { metrics, history } = series;
const events = makeEvents(10);
const WIDTHS = [390, 680, 1400] as const;

/** Number cells (and header buttons) whose text is wider than the cell: cut or spilling. */
function overflowing(root: Element) {
  const cells = [...root.querySelectorAll<HTMLElement>('td[data-numeric], th .takhin-sort')];
  expect(cells.length).toBeGreaterThan(0);
  return cells
    .filter((cell) => cell.scrollWidth > cell.clientWidth)
    .map((cell) => `${cell.textContent} (${cell.scrollWidth} > ${cell.clientWidth})`);
}

async function seriousViolations(root: Element) {
  const result = await axe.run(root, { resultTypes: ['violations'] });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const groupNames = (table: HTMLElement) =>
  [...table.querySelectorAll('tr[data-kind="group"] .takhin-name-text')].map((el) => el.textContent);

describe('no number is cut', () => {
  for (const width of WIDTHS) {
    it(`at ${width} px: consumer lag (all levels open) and topics, from the huge cluster`, () => {
      const huge = hugeSeries();
      render(
        <div style={{ width }}>
          <ConsumerLagTable
            data={huge.metrics!.consumerLags}
            history={huge.history}
            topics={huge.metrics!.topicStats}
            defaultExpanded="all"
            locale="en-US"
          />
          <TopicTable
            data={huge.metrics!.topicStats}
            lags={huge.metrics!.consumerLags}
            history={huge.history}
            locale="en-US"
          />
        </div>,
      );
      for (const table of screen.getAllByRole('table')) expect(overflowing(table)).toEqual([]);
      // The lag column is always in view, never scrolled off to the side.
      const lagTable = screen.getByRole('table', { name: 'Consumer lag' });
      const box = lagTable.parentElement!;
      const lagHeader = within(lagTable).getByRole('columnheader', { name: /^Lag/ });
      expect(lagHeader.getBoundingClientRect().right).toBeLessThanOrEqual(
        box.getBoundingClientRect().right + 1,
      );
    });

    it(`at ${width} px: the Dashboard's tables, and the page does not scroll sideways`, () => {
      render(
        <div style={{ width }} data-testid="page">
          <Dashboard
            data={metrics}
            history={history}
            {...events}
            status={connections.live()}
            locale="en-US"
          />
        </div>,
      );
      for (const table of screen.getAllByRole('table')) expect(overflowing(table)).toEqual([]);
      const dashboard = document.querySelector<HTMLElement>('.takhin-dashboard')!;
      expect(dashboard.scrollWidth).toBeLessThanOrEqual(width);
      expect(screen.getByTestId('page').scrollWidth).toBeLessThanOrEqual(width);
    });
  }

  it('gives the offsets no room while no partition is shown, and names the columns left out', () => {
    const { unmount } = render(
      <div style={{ width: 390 }}>
        <ConsumerLagTable data={metrics!.consumerLags} history={history} />
      </div>,
    );
    const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers().some((h) => /offset/i.test(h ?? ''))).toBe(false);
    expect(headers().some((h) => /^Lag/.test(h ?? ''))).toBe(true);
    expect(screen.getByText(/^Not shown at this width:/)).toBeTruthy();
    unmount();
    render(
      <div style={{ width: 1400 }}>
        <ConsumerLagTable data={metrics!.consumerLags} history={history} defaultExpanded="all" />
      </div>,
    );
    expect(headers().filter((h) => /offset/i.test(h ?? ''))).toHaveLength(2);
  });
});

describe('names', () => {
  it('a cut group name gets one ellipsis, on the name, and sits in line with the numbers', () => {
    const long = metrics!.consumerLags.map((g) => ({
      ...g,
      groupId: `${g.groupId}-with-a-very-long-suffix-for-the-test`,
    }));
    render(
      <div style={{ width: 390 }}>
        <ConsumerLagTable data={long} />
      </div>,
    );
    const rows = [...document.querySelectorAll<HTMLElement>('tr[data-kind="group"]')];
    expect(rows).toHaveLength(long.length);
    for (const row of rows) {
      const name = row.querySelector<HTMLElement>('.takhin-name-text')!;
      expect(name.scrollWidth).toBeGreaterThan(name.clientWidth);
      const withEllipsis = [
        row.querySelector('th')!,
        ...row.querySelector('th')!.querySelectorAll('*'),
      ].filter((el) => getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth);
      expect(withEllipsis).toEqual([name]);
      expect(row.querySelector('th')!.getAttribute('title')).toMatch(
        /-with-a-very-long-suffix-for-the-test$/,
      );
      const lag = row.querySelector<HTMLElement>('td.takhin-lag')!;
      const range = document.createRange();
      range.selectNodeContents(lag);
      const middle = (r: DOMRect) => r.top + r.height / 2;
      expect(
        Math.abs(middle(name.getBoundingClientRect()) - middle(range.getBoundingClientRect())),
      ).toBeLessThanOrEqual(1);
    }
  });
});

describe('rows that do not jump', () => {
  it('keeps the row order while the pointer is over the table, says so, and re-sorts on leaving', () => {
    const view = (tick: number) => (
      <ConsumerLagTable
        data={series.all[tick].consumerLags}
        history={history.slice(0, tick + 1)}
        data-testid="root"
      />
    );
    const { rerender } = render(view(5));
    const table = screen.getByRole('table');
    const box = table.parentElement!;
    const before = groupNames(table);
    const note = document.querySelector<HTMLElement>('.takhin-held-note')!;
    expect(getComputedStyle(note).visibility).toBe('hidden');
    fireEvent.pointerEnter(box);
    expect(getComputedStyle(note).visibility).toBe('visible');
    expect(note.textContent).toMatch(/^⏸︎ Order paused while you point at/);
    let moved = false;
    for (let tick = 6; tick < 40; tick++) {
      rerender(view(tick));
      const sorted = [...series.all[tick].consumerLags]
        .sort((a, b) => b.totalLag - a.totalLag || (a.groupId < b.groupId ? -1 : 1))
        .map((g) => g.groupId);
      if (sorted.join() !== before.join()) moved = true;
      expect(groupNames(table)).toEqual(before);
    }
    // The ticks would have re-sorted the rows.
    expect(moved).toBe(true);
    fireEvent.pointerLeave(box);
    expect(groupNames(table)).toEqual(
      [...series.all[39].consumerLags]
        .sort((a, b) => b.totalLag - a.totalLag || (a.groupId < b.groupId ? -1 : 1))
        .map((g) => g.groupId),
    );
  });

  it('keeps it while focus is inside the table (Tab through rows sees each group once)', () => {
    const view = (tick: number) => (
      <ConsumerLagTable data={series.all[tick].consumerLags} history={history.slice(0, tick + 1)} />
    );
    const { rerender } = render(view(5));
    const table = screen.getByRole('table');
    const first = within(table).getAllByRole('button', { expanded: false })[0];
    act(() => first.focus());
    const before = groupNames(table);
    for (let tick = 6; tick < 40; tick++) rerender(view(tick));
    expect(groupNames(table)).toEqual(before);
    expect(document.activeElement).toBe(first);
  });

  it('a new sort chosen while holding applies at once, and is then held', () => {
    const view = (tick: number) => (
      <ConsumerLagTable data={series.all[tick].consumerLags} history={history.slice(0, tick + 1)} />
    );
    const { rerender } = render(view(5));
    const table = screen.getByRole('table');
    fireEvent.pointerEnter(table.parentElement!);
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Group/ })).getByRole('button'));
    const byName = groupNames(table);
    expect(byName).toEqual([...byName].sort((a, b) => a!.localeCompare(b!, undefined, { numeric: true })));
    rerender(view(20));
    expect(groupNames(table)).toEqual(byName);
  });
});

describe('verdict strip', () => {
  it('on a lagging cluster: groups per level, the worst group and how far behind, stuck partitions, freshness', () => {
    const thresholds = { warning: 1000, critical: 10000 };
    const expected = lagVerdict({
      consumerLags: metrics!.consumerLags,
      thresholds,
      topics: metrics!.topicStats,
      ratesKnown: metrics!.ratesKnown,
      history,
    });
    expect(expected.counts.critical + expected.counts.warning).toBeGreaterThan(0);
    render(
      <Dashboard
        data={metrics}
        history={history}
        status={connections.live()}
        thresholds={thresholds}
        locale="en-US"
      />,
    );
    const strip = screen.getByRole('region', { name: 'Lag verdict' });
    const text = strip.textContent!;
    const { counts, worst } = expected;
    if (counts.critical) expect(text).toContain(`${counts.critical} critical`);
    if (counts.warning) expect(text).toContain(`${counts.warning} warning`);
    expect(text).toContain(`${counts.ok} OK of ${expected.groups} groups`);
    expect(text).toContain(`Most behind: `);
    expect(text).toContain(worst[0].groupId);
    expect(text).toMatch(/behind, lag [\d,]+/);
    expect(text).toMatch(/No stuck partition|partitions? stuck/);
    expect(strip.querySelector('[data-part="freshness"]')!.textContent).toBe('Data fresh');
    // Choosing the worst group filters the lag table to it.
    fireEvent.click(within(strip).getByRole('button', { name: worst[0].groupId }));
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Filter by group or topic' }).value).toBe(
      worst[0].groupId,
    );
  });

  it('in the huge cluster ranks the critical groups by time behind, not only by count', () => {
    const huge = hugeSeries();
    const verdict = lagVerdict({
      consumerLags: huge.metrics!.consumerLags,
      thresholds: { warning: 1000, critical: 10000 },
      topics: huge.metrics!.topicStats,
      ratesKnown: huge.metrics!.ratesKnown,
      history: huge.history,
    });
    expect(verdict.worst).toHaveLength(3);
    const [a, b, c] = verdict.worst;
    const rank = (l?: string) => (l === 'critical' ? 2 : l === 'warning' ? 1 : 0);
    expect(rank(a.level)).toBeGreaterThanOrEqual(rank(b.level));
    if (a.level === b.level && !Number.isNaN(b.behindSeconds))
      expect(a.behindSeconds).toBeGreaterThanOrEqual(b.behindSeconds);
    if (b.level === c.level && !Number.isNaN(c.behindSeconds))
      expect(b.behindSeconds).toBeGreaterThanOrEqual(c.behindSeconds);
  });

  it('a topic row is never critical while none of its partitions is', () => {
    const huge = hugeSeries();
    render(<ConsumerLagTable data={huge.metrics!.consumerLags.slice(0, 5)} defaultExpanded="all" />);
    const rows = [...document.querySelectorAll<HTMLElement>('tbody tr.takhin-row')];
    rows.forEach((row, i) => {
      if (row.dataset.kind !== 'topic' || row.dataset.threshold !== 'critical') return;
      const partitions = [];
      for (let j = i + 1; j < rows.length && rows[j].dataset.kind === 'partition'; j++)
        partitions.push(rows[j]);
      if (partitions.length) expect(partitions.some((p) => p.dataset.threshold === 'critical')).toBe(true);
    });
  });
});

describe('Dashboard details', () => {
  it('with a failed status and no provider, every panel says what failed', () => {
    render(
      <Dashboard
        data={null}
        history={[]}
        topicEvents={[]}
        groupEvents={[]}
        status={connections.error()}
        onRetry={() => {}}
      />,
    );
    expect(screen.queryByText('Waiting for the first metrics…')).toBeNull();
    expect(screen.getAllByText(/^No data yet: Gave up after 10 attempts/).length).toBeGreaterThanOrEqual(5);
  });

  it('the Pause button stays where it is when pressed', () => {
    render(
      <div style={{ width: 1400 }}>
        <Dashboard data={metrics} history={history} status={connections.live()} />
      </div>,
    );
    const pause = screen.getByRole('button', { name: 'Pause' });
    const before = pause.getBoundingClientRect();
    fireEvent.click(pause);
    const after = screen.getByRole('button', { name: 'Resume' }).getBoundingClientRect();
    expect(Math.abs(after.top - before.top)).toBeLessThanOrEqual(1);
    expect(Math.abs(after.right - before.right)).toBeLessThanOrEqual(1);
    expect(screen.getByText(/^Paused at /)).toBeTruthy();
  });

  it('Tab reaches the lag table before Topics', () => {
    render(
      <div style={{ width: 1400 }}>
        <Dashboard data={metrics} history={history} status={connections.live()} />
      </div>,
    );
    const lag = screen.getByRole('region', { name: 'Consumer lag' });
    const topics = screen.getByRole('region', { name: 'Topics' });
    expect(lag.compareDocumentPosition(topics) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(lag.getBoundingClientRect().left).toBeLessThan(topics.getBoundingClientRect().left);
  });

  it('a filter that matches nothing can be cleared', () => {
    render(<TopicTable data={metrics!.topicStats} defaultFilter="zzz-nothing" />);
    expect(screen.getByText('No topic matches “zzz-nothing”.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filter' }));
    expect(screen.getByRole<HTMLInputElement>('searchbox').value).toBe('');
    expect(screen.getByRole('table')).toBeTruthy();
  });

  it('the tables grow to the height of the screen on the Dashboard', () => {
    render(
      <div style={{ width: 1400 }}>
        <Dashboard data={metrics} history={history} status={connections.live()} />
      </div>,
    );
    const box = screen.getByRole('region', { name: 'Topics (scrollable)' });
    expect(getComputedStyle(box).maxHeight).toBe(`${Math.max(420, window.innerHeight - 180)}px`);
  });
});

describe('axe', () => {
  for (const theme of ['light', 'dark'] as const)
    it(`finds no serious violation in the Dashboard and the expanded tables (${theme})`, async () => {
      render(
        <div style={{ width: 1400 }} data-theme={theme}>
          <Dashboard data={metrics} history={history} {...events} status={connections.live()} />
          <ConsumerLagTable data={metrics!.consumerLags} history={history} defaultExpanded="all" />
        </div>,
      );
      await waitFor(() => expect(document.querySelectorAll('.recharts-surface').length).toBeGreaterThan(0));
      expect(await seriousViolations(document.body)).toEqual([]);
    }, 30_000);
});
