import type { ReactNode } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import {
  ClusterHealth,
  ConsumerLagTable,
  Dashboard,
  EventFeed,
  LatencyChart,
  ThroughputChart,
  TopicTable,
} from '../../src/components/index.js';
import { createTakhinStore, TakhinProvider } from '../../src/index.js';
import type { TakhinClient, TakhinState } from '../../src/index.js';
import {
  HOSTILE_NAME,
  makeInferredEvents,
  makeMetrics,
  makeSeries,
  SHAPES,
  smallCluster,
} from '../../stories/fixtures.js';

// What the real Takhin Console gives: counters and latency at zero, rates derived from offsets.
const consoleSeries = makeSeries(smallCluster, 30, { offsets: true });
const consoleMetrics = consoleSeries.metrics!;
const measured = makeSeries(smallCluster, 30);

/** A client over a store the test fills itself: no socket, the provider only reads `store`. */
function storeClient(state: Partial<TakhinState>) {
  const store = createTakhinStore();
  store.setState(state);
  const noop = () => () => {};
  return { store, client: { store, on: noop, retain: noop } as unknown as TakhinClient };
}

describe('ThroughputChart, rates derived from offsets', () => {
  it('says where the rates come from, and draws no line for fetch bytes', () => {
    const { container } = render(
      <ThroughputChart
        history={consoleSeries.history}
        source="offsets"
        known={consoleMetrics.throughputKnown}
        width={500}
        data-testid="root"
      />,
    );
    const root = screen.getByTestId('root');
    expect(root.dataset.source).toBe('offsets');
    expect(root.dataset.unmeasured).toBe('fetchBytes');
    expect(within(root).getByText('derived from offsets').getAttribute('title')).toMatch(/never feeds them/);
    expect(screen.getByText(/Not measured, so not drawn: fetch bytes\/s\./)).toBeTruthy();
    const [messages, bytes] = screen.getAllByRole('img');
    expect(messages.getAttribute('aria-label')).toMatch(
      /derived from offsets\. Latest produce .+ msg\/s, fetch .+ msg\/s\.$/,
    );
    expect(bytes.getAttribute('aria-label')).toMatch(/Latest produce .+B\/s, fetch not measured\.$/);
    // Four series in the legend, but the unmeasured one draws no path at all (not a flat zero).
    expect(container.querySelectorAll('.takhin-line')).toHaveLength(4);
    const paths = [...bytes.querySelectorAll('.takhin-line')].map((p) => p.getAttribute('d') ?? '');
    expect(paths.filter((d) => d.length > 0)).toHaveLength(1);
    expect(within(bytes).getByText('Fetch (not measured)')).toBeTruthy();
  });

  it('reads the source and the known figures from the store', () => {
    const { client } = storeClient({ metrics: consoleMetrics, history: consoleSeries.history });
    render(
      <TakhinProvider client={client}>
        <ThroughputChart width={500} data-testid="root" />
      </TakhinProvider>,
    );
    expect(screen.getByTestId('root').dataset.source).toBe('offsets');
    expect(screen.getByText(/fetch bytes\/s/)).toBeTruthy();
  });

  it("shows no badge for the server's own rates", () => {
    render(<ThroughputChart history={measured.history} source="server" width={500} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.source).toBe('server');
    expect(screen.queryByText('derived from offsets')).toBeNull();
    expect(screen.getByTestId('root').dataset.unmeasured).toBeUndefined();
  });
});

/** Wide enough for every column (a narrower table leaves some out). */
const wide = {
  wrapper: ({ children }: { children: ReactNode }) => <div style={{ width: 1400 }}>{children}</div>,
};

describe('TopicTable, rates derived from offsets', () => {
  it('badges the table and explains the rates; an unknown rate reads —', () => {
    const { rerender } = render(
      <TopicTable
        data={consoleMetrics.topicStats}
        source="offsets"
        known={consoleMetrics.throughputKnown}
        data-testid="root"
      />,
      wide,
    );
    const root = screen.getByTestId('root');
    expect(root.dataset.source).toBe('offsets');
    expect(within(root).getByText('derived from offsets')).toBeTruthy();
    expect(screen.getByText(/^Rates derived from offsets:/)).toBeTruthy();
    rerender(<TopicTable data={consoleMetrics.topicStats} known={{ fetchRate: false }} data-testid="root" />);
    const firstRow = within(screen.getByRole('table')).getAllByRole('row')[1];
    // Cells: partitions, messages, size, produce, produce sparkline, fetch, lag.
    expect(firstRow.querySelectorAll('td')[5].textContent).toBe('—');
    expect(firstRow.querySelectorAll('td')[3].textContent).not.toBe('—');
    expect(screen.getByTestId('root').dataset.source).toBeUndefined();
  });
});

describe('ConsumerLagTable, consume rates', () => {
  it("shows each group's and topic's consume rate from offsets, and sorts by it", () => {
    render(
      <ConsumerLagTable
        data={consoleMetrics.consumerLags}
        history={consoleSeries.history}
        defaultExpanded="groups"
      />,
      wide,
    );
    const header = screen.getByRole('columnheader', { name: /Consume msg\/s/ });
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    const groups = [...document.querySelectorAll<HTMLElement>('tbody tr[data-kind="group"]')];
    const names = groups.map((row) => row.querySelector('.takhin-name-text')!.textContent);
    const expected = [...consoleMetrics.consumerLags]
      .sort((x, y) => y.consumeRate! - x.consumeRate!)
      .map((g) => g.groupId);
    expect(names).toEqual(expected);
    const cell = groups[0].querySelector('td[data-rate]')!;
    expect(cell.getAttribute('data-rate')).toBe('known');
    expect(cell.textContent).toMatch(/^[\d.]+k?$/);
    // Every topic every group reads has a known rate.
    const pairs = SHAPES.small.groups * SHAPES.small.topicsPerGroup;
    expect(document.querySelectorAll('tbody tr[data-kind="topic"] td[data-rate="known"]').length).toBe(pairs);
  });

  it('reads — for an unknown rate, and for wire data without one', () => {
    const first = makeMetrics(smallCluster, 0, { offsets: true }).consumerLags;
    const view = render(<ConsumerLagTable data={first} />, wide);
    const cells = () => [...document.querySelectorAll('tbody tr[data-kind="group"] td[data-rate]')];
    expect(cells().map((c) => c.textContent)).toEqual(Array(SHAPES.small.groups).fill('—'));
    expect(cells().every((c) => c.getAttribute('data-rate') === 'unknown')).toBe(true);
    const wire = [
      {
        groupId: 'g',
        totalLag: 1,
        topicLags: [
          {
            topic: 't',
            totalLag: 1,
            partitionLags: [{ partition: 0, currentOffset: 1, logEndOffset: 2, lag: 1 }],
          },
        ],
      },
    ];
    view.unmount();
    render(<ConsumerLagTable data={wire} defaultExpanded="all" />, wide);
    expect(cells().map((c) => c.textContent)).toEqual(['—']);
    expect(document.querySelectorAll('tbody td[data-rate="unknown"]')).toHaveLength(3);
  });
});

describe('LatencyChart, latency not measured', () => {
  it('says the server does not measure latency instead of drawing zero lines', () => {
    const { container } = render(
      <LatencyChart
        history={consoleSeries.history}
        reported={false}
        estimated
        width={600}
        data-testid="root"
      />,
    );
    const root = screen.getByTestId('root');
    expect(root.dataset.latency).toBe('not-measured');
    expect(screen.getByText('This server does not measure latency.')).toBeTruthy();
    expect(screen.getByText(/Takhin Console reports 0 for every latency figure/)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(container.querySelector('.takhin-line')).toBeNull();
    expect(screen.queryByText(/estimated from the mean/)).toBeNull();
  });

  it('without the flag, infers it from the history, and comes back by itself when values appear', async () => {
    const { rerender, container } = render(
      <LatencyChart history={consoleSeries.history} width={600} data-testid="root" />,
    );
    expect(screen.getByTestId('root').dataset.latency).toBe('not-measured');
    const withLatency = [...consoleSeries.history, ...measured.history.slice(-1)];
    rerender(<LatencyChart history={withLatency} width={600} data-testid="root" />);
    await expect.poll(() => screen.getByTestId('root').dataset.latency).toBe('measured');
    expect(container.querySelectorAll('.takhin-line')).toHaveLength(6);
    expect(screen.queryByText('This server does not measure latency.')).toBeNull();
  });

  it("follows the store's latencyReported", async () => {
    const { store, client } = storeClient({ metrics: consoleMetrics, history: consoleSeries.history });
    const { container } = render(
      <TakhinProvider client={client}>
        <LatencyChart width={600} data-testid="root" />
      </TakhinProvider>,
    );
    expect(screen.getByTestId('root').dataset.latency).toBe('not-measured');
    act(() => store.setState({ metrics: measured.metrics, history: measured.history }));
    await expect.poll(() => container.querySelectorAll('.takhin-line').length).toBe(6);
    expect(screen.getByTestId('root').dataset.latency).toBe('measured');
  });
});

describe('ClusterHealth, connections not reported', () => {
  const health = consoleMetrics.clusterHealth;
  const terms = () => screen.queryAllByRole('term').map((t) => t.textContent);

  it('hides the connections tile while the server has never counted one', () => {
    render(<ClusterHealth data={health} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.connections).toBe('not-reported');
    expect(terms()).not.toContain('Connections');
  });

  it('asked to show it, says "not reported", never 0', () => {
    render(<ClusterHealth data={health} showConnections connectionsReported={false} />);
    const tile = screen.getByText('Connections').parentElement!;
    expect(within(tile).getByRole('definition').textContent).toBe('not reported');
    expect(tile.dataset.reported).toBe('false');
  });

  it('shows the count once reported, a later 0 included', () => {
    const { rerender } = render(
      <ClusterHealth data={{ ...health, activeConnections: 4 }} data-testid="root" />,
    );
    expect(screen.getByTestId('root').dataset.connections).toBe('reported');
    expect(within(screen.getByText('Connections').parentElement!).getByRole('definition').textContent).toBe(
      '4',
    );
    rerender(<ClusterHealth data={health} connectionsReported data-testid="root" />);
    expect(within(screen.getByText('Connections').parentElement!).getByRole('definition').textContent).toBe(
      '0',
    );
    rerender(<ClusterHealth data={{ ...health, activeConnections: 4 }} showConnections={false} />);
    expect(terms()).not.toContain('Connections');
  });
});

describe('EventFeed, events seen in metrics', () => {
  it('marks inferred entries, shows partition changes, and tells created from deleted without colour', () => {
    const { topicEvents, groupEvents } = makeInferredEvents();
    const { container } = render(<EventFeed topicEvents={topicEvents} groupEvents={groupEvents} />);
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(6);
    const inferred = items.filter((item) => item.hasAttribute('data-inferred'));
    expect(inferred).toHaveLength(5);
    expect(inferred.every((item) => within(item).queryByText('seen in metrics') !== null)).toBe(true);
    const announced = items.find((item) => !item.hasAttribute('data-inferred'))!;
    expect(announced.textContent).toContain('Topic created');
    expect(within(announced).queryByText('seen in metrics')).toBeNull();

    const updated = items.find((item) => item.dataset.type === 'topic_updated')!;
    expect(updated.dataset.change).toBe('updated');
    expect(updated.textContent).toContain('Topic updated');
    expect(within(updated).getByText('partitions 3 → 6')).toBeTruthy();

    const icon = (type: string) =>
      items.find((i) => i.dataset.type === type)!.querySelector('.takhin-feed-icon')!;
    expect(icon('topic_created').textContent).toBe('+');
    expect(icon('topic_deleted').textContent).toBe('−');
    expect(icon('group_created').textContent).toBe('+');
    expect(icon('group_deleted').textContent).toBe('−');
    expect(icon('topic_updated').textContent).toBe('↻');
    expect(getComputedStyle(icon('topic_created')).color).not.toBe(
      getComputedStyle(icon('topic_deleted')).color,
    );
    expect(screen.getByText(HOSTILE_NAME)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('Dashboard against the real Console', () => {
  it('passes every state on to its panels', () => {
    const events = makeInferredEvents();
    render(
      <Dashboard
        data={consoleMetrics}
        history={consoleSeries.history}
        {...events}
        status={{
          status: 'open',
          attempt: 0,
          nextRetryAt: null,
          lastMessageAt: Date.now(),
          openedAt: Date.now(),
          lastCloseCode: null,
          lastError: null,
        }}
        chartWidth={480}
        data-testid="root"
      />,
      wide,
    );
    const root = screen.getByTestId('root');
    expect(root.dataset.source).toBe('offsets');
    expect(root.querySelector('.takhin-throughput')!.getAttribute('data-source')).toBe('offsets');
    expect(root.querySelector('.takhin-topic-table')!.getAttribute('data-source')).toBe('offsets');
    expect(root.querySelector('.takhin-latency')!.getAttribute('data-latency')).toBe('not-measured');
    expect(root.querySelector('.takhin-health')!.getAttribute('data-connections')).toBe('not-reported');
    expect(
      root.querySelectorAll('.takhin-lag-table tr[data-kind="group"] td[data-rate="known"]'),
    ).toHaveLength(SHAPES.small.groups);
    expect(root.querySelectorAll('.takhin-events li[data-inferred]')).toHaveLength(5);
  });
});
