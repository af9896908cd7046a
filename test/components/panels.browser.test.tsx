import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../src/components/styles.css';
import { ClusterHealth, EventFeed, LatencyChart, ThroughputChart } from '../../src/components/index.js';
import type { GroupEvent, TopicEvent } from '../../src/index.js';
import { HOSTILE_NAME, makeEvents, makeSeries, SHAPES, smallCluster } from '../../stories/fixtures.js';

const { metrics, history } = makeSeries(smallCluster, 30);

describe('ClusterHealth', () => {
  it('renders tiles from props, labelling groups as consumer groups', () => {
    render(<ClusterHealth data={metrics!.clusterHealth} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.state).toBe('live');
    const terms = screen.getAllByRole('term').map((t) => t.textContent);
    expect(terms).toEqual(['Topics', 'Partitions', 'Consumer groups', 'Disk used', 'Memory', 'Goroutines']);
    const tile = screen.getByText('Consumer groups').parentElement!;
    expect(within(tile).getByRole('definition').textContent).toBe(String(SHAPES.small.groups));
  });

  it('waits for metrics in words', () => {
    render(<ClusterHealth data={null} />);
    expect(screen.getByText('Waiting for the first metrics…')).toBeTruthy();
  });
});

describe('LatencyChart', () => {
  it('labels its axes at round values: zero up, and whole clock steps', () => {
    const { container } = render(<LatencyChart history={history} width={600} height={240} />);
    const labels = (axis: 'yAxis' | 'xAxis') =>
      [
        ...container.querySelectorAll(
          `.takhin-subchart:first-of-type ${axis === 'yAxis' ? '.recharts-yAxis-tick-labels' : '.takhin-time-tick'} text`,
        ),
      ].map((tick) => tick.textContent ?? '');
    const values = labels('yAxis').map((text) => Number(text.replace(/[^\d.]/g, '')));
    expect(values[0]).toBe(0);
    const steps = values.slice(1).map((v, i) => v - values[i]);
    expect(new Set(steps.map((step) => step.toFixed(6))).size).toBe(1);
    expect(labels('xAxis').length).toBeGreaterThanOrEqual(2);
    expect(labels('xAxis').every((text) => /:\d0(\s|$)|:00/.test(text))).toBe(true);
  });

  it('draws produce and fetch apart, three percentiles each, with a text summary and the estimate note', () => {
    const { container } = render(<LatencyChart history={history} estimated width={600} height={240} />);
    const [produce, fetch] = screen.getAllByRole('img');
    expect(produce.getAttribute('aria-label')).toMatch(
      /^Produce latency over the last 58 s\. Latest p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms\./,
    );
    expect(fetch.getAttribute('aria-label')).toMatch(/^Fetch latency over the last 58 s\./);
    expect(container.querySelectorAll('.takhin-line').length).toBe(6);
    expect(
      within(produce)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Produce p50', 'Produce p95', 'Produce p99']);
    expect(screen.getByText(/estimated from the mean by the server/)).toBeTruthy();
  });

  it('has no estimate note for measured percentiles, and waits for data', () => {
    const { rerender } = render(<LatencyChart history={history} estimated={false} width={600} />);
    expect(screen.queryByText(/estimated from the mean/)).toBeNull();
    rerender(<LatencyChart history={[]} width={600} />);
    expect(screen.getByText('Waiting for the first metrics…')).toBeTruthy();
  });

  it('fills its container without a width', async () => {
    const { container } = render(
      <div style={{ width: 500 }}>
        <LatencyChart history={history} />
      </div>,
    );
    await expect.poll(() => container.querySelectorAll('.takhin-line').length).toBe(6);
  });
});

describe('ThroughputChart', () => {
  it('draws messages/s and bytes/s, produce against fetch', () => {
    const { container } = render(<ThroughputChart history={history} width={500} data-testid="root" />);
    const charts = screen.getAllByRole('img');
    expect(charts).toHaveLength(2);
    expect(charts[0].getAttribute('aria-label')).toMatch(
      /^Messages per second over .* Latest produce [\d.]+k? msg\/s/,
    );
    expect(charts[1].getAttribute('aria-label')).toMatch(/B\/s/);
    expect(container.querySelectorAll('.takhin-line').length).toBe(4);
    expect(screen.getByTestId('root').dataset.rates).toBe('known');
  });

  it('says once that rates are pending, with no empty chart, until a sample has them', () => {
    const pending = history.slice(0, 1).map((s) => ({ ...s, ratesKnown: false }));
    render(<ThroughputChart history={pending} width={500} view="messages" data-testid="root" />);
    expect(screen.getByText(/^Rates pending: the first rate needs two samples/)).toBeTruthy();
    expect(screen.queryByText('rates pending')).toBeNull();
    expect(screen.getByTestId('root').dataset.rates).toBe('pending');
    expect(screen.queryAllByRole('img')).toHaveLength(0);
  });

  it('keeps the charts, with a badge, when the newest sample lost its rates (a counter reset)', () => {
    const reset = history.map((s, i) => (i === history.length - 1 ? { ...s, ratesKnown: false } : s));
    render(<ThroughputChart history={reset} width={500} view="messages" />);
    expect(screen.getByText('rates pending')).toBeTruthy();
    expect(screen.getAllByRole('img')).toHaveLength(1);
  });
});

describe('EventFeed', () => {
  it('lists events newest first, names as text', () => {
    const { topicEvents, groupEvents } = makeEvents(8);
    const { container } = render(<EventFeed topicEvents={topicEvents} groupEvents={groupEvents} />);
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(8);
    expect(items[0].textContent).toContain('Topic deleted');
    expect(screen.getByText(HOSTILE_NAME)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getAllByText('Group updated').length).toBe(2);
  });

  it('shows the newest `limit` events of both lists together, however long the lists are', () => {
    // 300 topic events, then two group events among the last topic ones (one shared sequence).
    const topicEvents: TopicEvent[] = Array.from({ length: 300 }, (_, i) => ({
      seq: i < 298 ? i : i + 1,
      type: 'topic_created',
      name: `topic-${i}`,
      receivedAt: 1_000 + i,
    }));
    const groupEvents: GroupEvent[] = [
      { seq: 298, type: 'group_updated', groupId: 'group-a', receivedAt: 1_298 },
      { seq: 301, type: 'group_deleted', groupId: 'group-b', receivedAt: 1_300 },
    ];
    render(<EventFeed topicEvents={topicEvents} groupEvents={groupEvents} limit={4} />);
    const names = screen
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.takhin-name-text')!.textContent);
    expect(names).toEqual(['group-b', 'topic-299', 'topic-298', 'group-a']);
  });

  it('explains an empty feed', () => {
    render(<EventFeed topicEvents={[]} groupEvents={[]} data-testid="root" />);
    expect(screen.getByTestId('root').dataset.state).toBe('empty');
    expect(screen.getByText(/No topic or group events yet/)).toBeTruthy();
  });
});

describe('theming', () => {
  it('a forced theme, on the component or on an ancestor, picks that palette', () => {
    render(
      <>
        <ClusterHealth data={metrics!.clusterHealth} theme="dark" data-testid="dark" />
        <div data-theme="light">
          <ClusterHealth data={metrics!.clusterHealth} data-testid="light" />
        </div>
      </>,
    );
    const background = (id: string) => getComputedStyle(screen.getByTestId(id)).backgroundColor;
    expect(background('dark')).toBe('rgb(23, 28, 35)');
    expect(background('light')).toBe('rgb(255, 255, 255)');
  });
});
