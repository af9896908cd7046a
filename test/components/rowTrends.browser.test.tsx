import { act, fireEvent, render as renderAt, screen, within } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import { ConsumerLagTable, TopicTable } from '../../src/components/index.js';
import { createTakhinStore, TakhinProvider } from '../../src/index.js';
import type { MonitoringMetrics } from '../../src/core/index.js';
import type { TakhinClient } from '../../src/index.js';
import { hugeSeries, makeSeries, smallCluster } from '../../stories/fixtures.js';

/** Rendered 1,400 px wide, where every column fits (narrower panels leave some out; see tables.browser.test). */
const Wide = ({ children }: { children: ReactNode }) => <div style={{ width: 1400 }}>{children}</div>;
const render = (ui: ReactElement) => renderAt(ui, { wrapper: Wide });

const rendered = (root: HTMLElement) => root.querySelectorAll('tbody tr:not(.takhin-spacer)');

describe('row trends', () => {
  it('draws one sparkline path per group and topic row in view, none for rows out of view', () => {
    const huge = hugeSeries();
    render(
      <ConsumerLagTable
        data={huge.metrics!.consumerLags}
        history={huge.history}
        defaultExpanded="groups"
        data-testid="root"
      />,
    );
    const root = screen.getByTestId('root');
    const rows = rendered(root);
    expect(rows.length).toBeLessThan(60);
    // 200 groups × 5 topics = 1,200 group and topic rows; only those rendered have a sparkline.
    const sparks = root.querySelectorAll('svg.takhin-sparkline');
    expect(sparks.length).toBe(rows.length);
    for (const svg of sparks) expect(svg.querySelectorAll('path')).toHaveLength(1);
    expect(sparks[0].getAttribute('aria-label')).toMatch(/^Lag of .+ over the window$/);

    const scroller = root.querySelector<HTMLElement>('.takhin-scroll')!;
    act(() => {
      scroller.scrollTop = 20_000;
      fireEvent.scroll(scroller);
    });
    const after = rendered(root);
    expect(root.querySelectorAll('svg.takhin-sparkline').length).toBe(after.length);
    expect(after[0].getAttribute('aria-rowindex')).not.toBe(rows[0].getAttribute('aria-rowindex'));
  });

  it('puts a produce-rate sparkline on every topic row in view, and the lag of the groups reading it', () => {
    const huge = hugeSeries();
    render(
      <TopicTable
        data={huge.metrics!.topicStats}
        lags={huge.metrics!.consumerLags}
        history={huge.history}
        data-testid="root"
      />,
    );
    const root = screen.getByTestId('root');
    const rows = rendered(root);
    expect(rows.length).toBeLessThan(60);
    expect(root.querySelectorAll('svg.takhin-sparkline path').length).toBe(rows.length);
    // Sort by lag: the first row has the largest sum over its readers.
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Lag \(groups\)/ })).getByRole('button'));
    const expected = new Map<string, number>();
    for (const g of huge.metrics!.consumerLags)
      for (const t of g.topicLags) expected.set(t.topic, (expected.get(t.topic) ?? 0) + t.totalLag);
    const max = Math.max(...expected.values());
    const first = rendered(root)[0];
    expect(Number(first.querySelector('[data-lag]')!.getAttribute('data-lag'))).toBe(max);
    expect(first.textContent).toMatch(/\(\d+ groups?\)/);
  });

  it('says "keeping up" for a small steady lag and "not catching up" (since when in the title) above the warning', () => {
    const { metrics, history } = makeSeries(smallCluster, 30);
    const catchUp = () =>
      new Map(
        [...document.querySelectorAll('tr[data-kind="group"]')].map((row) => [
          row.querySelector('.takhin-name-text')!.textContent,
          {
            trend: row.querySelector('[data-trend]')?.getAttribute('data-trend'),
            text: row.lastElementChild!.textContent,
            title: row.lastElementChild!.getAttribute('title'),
          },
        ]),
      );
    const { rerender } = render(
      <ConsumerLagTable
        data={metrics!.consumerLags}
        history={history}
        thresholds={{ warning: 1e11, critical: 1e12 }}
      />,
    );
    const below = [...catchUp().values()];
    expect(
      below
        .filter((r) => r.trend === 'steady')
        .every((r) => r.text === 'keeping up' || r.text === 'caught up'),
    ).toBe(true);
    expect(below.filter((r) => r.trend === 'growing').every((r) => r.text === 'falling behind')).toBe(true);
    expect(below.some((r) => r.text === 'keeping up')).toBe(true);
    rerender(
      <ConsumerLagTable
        data={metrics!.consumerLags}
        history={history}
        thresholds={{ warning: 1, critical: 1e12 }}
      />,
    );
    const above = [...catchUp().values()].filter((r) => r.trend === 'steady' || r.trend === 'growing');
    expect(above.length).toBeGreaterThan(0);
    for (const r of above) {
      expect(r.text).toBe('not catching up');
      expect(r.title).toMatch(/^Not catching up since (before )?\d/);
    }
  });
});

/** A wire metrics message of a small cluster whose produce rates are known exactly. */
function wire(second: number, lags: Record<string, Record<string, number>>): MonitoringMetrics {
  // orders grows 100 msg/s, clicks 10 msg/s, audit not at all.
  const produced = { orders: 100 * second, clicks: 10 * second, audit: 5000 };
  return {
    throughput: { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 },
    latency: { produceP50: 0, produceP95: 0, produceP99: 0, fetchP50: 0, fetchP95: 0, fetchP99: 0 },
    topicStats: Object.entries(produced).map(([name, totalMessages]) => ({
      name,
      partitions: 1,
      totalMessages: totalMessages + 100_000,
      totalBytes: totalMessages * 100,
      produceRate: 0,
      fetchRate: 0,
    })),
    consumerLags: Object.entries(lags).map(([groupId, topics]) => ({
      groupId,
      totalLag: Object.values(topics).reduce((a, b) => a + b, 0),
      topicLags: Object.entries(topics).map(([topic, lag]) => {
        const end = produced[topic as keyof typeof produced] + 100_000;
        return {
          topic,
          totalLag: lag,
          partitionLags: [{ partition: 0, currentOffset: end - lag, logEndOffset: end, lag }],
        };
      }),
    })),
    clusterHealth: {
      activeConnections: 0,
      totalTopics: 3,
      totalPartitions: 3,
      totalConsumers: Object.keys(lags).length,
      diskUsageBytes: 0,
      memoryUsageBytes: 0,
      goroutineCount: 0,
    },
    timestamp: 1_736_942_400 + second,
  };
}

describe('time behind, on a simulated cluster with known produce rates', () => {
  it('is lag ÷ produce rate per topic, the largest of its topics per group, and unknown without a rate', () => {
    const store = createTakhinStore({ dialect: 'takhin' });
    const lags = {
      billing: { orders: 12_000, clicks: 50 }, // 120 s on orders, 5 s on clicks
      search: { clicks: 300 }, // 30 s
      auditor: { audit: 40 }, // audit does not grow: unknown
    };
    const noop = () => () => {};
    const client = { store, on: noop, retain: noop } as unknown as TakhinClient;
    const t0 = Date.UTC(2025, 0, 15, 12);
    const ingest = (second: number) =>
      store.dispatch({
        type: 'ingest',
        messages: [{ type: 'metrics', data: wire(second, lags), timestamp: 1_736_942_400 + second }],
        errors: [],
        frames: 1,
        bytes: 1,
        receivedAt: t0 + second * 1000,
      });
    render(
      <TakhinProvider client={client}>
        <ConsumerLagTable defaultExpanded="groups" data-testid="root" />
      </TakhinProvider>,
    );
    const behind = (name: string) => {
      const row = screen.getByRole('button', { name }).closest('tr')!;
      return row.querySelector('td[data-behind]')!;
    };
    act(() => void ingest(0));
    // One sample: no rate yet, so no estimate, and the title says why.
    expect(behind('billing').textContent).toBe('—');
    expect(behind('billing').getAttribute('title')).toMatch(/two samples/);
    act(() => void ingest(2));
    expect(store.getState().metrics!.ratesKnown).toBe(true);
    expect(behind('billing').textContent).toBe('~2 min');
    expect(behind('billing').getAttribute('title')).toMatch(/^Estimate/);
    expect(behind('orders').textContent).toBe('~2 min');
    expect(
      within(screen.getAllByRole('button', { name: 'clicks' })[0].closest('tr')!).getByText('~5 s'),
    ).toBeTruthy();
    expect(behind('search').textContent).toBe('~30 s');
    expect(behind('auditor').textContent).toBe('—');
    expect(behind('auditor').getAttribute('title')).toMatch(/nothing is being produced/);
    // Sortable: largest first.
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Time behind/ })).getByRole('button'));
    const groups = [...document.querySelectorAll('tr[data-kind="group"] .takhin-name-text')].map(
      (n) => n.textContent,
    );
    expect(groups.slice(0, 2)).toEqual(['billing', 'search']);
  });
});
