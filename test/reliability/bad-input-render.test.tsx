/**
 * A rendered tree (provider, hook consumers and the prebuilt components) fed arbitrary frames through
 * the real client never crashes: no error boundary trips, React logs no error, and the tree still
 * shows good data afterwards. The light tree renders after every frame; the Dashboard, whose charts
 * are slow to render in happy-dom, renders once per batch of frames.
 */
import { act, cleanup, render, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import { Component, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ClusterHealth,
  ConnectionStatus,
  ConsumerLagTable,
  Dashboard,
  EventFeed,
  ThroughputChart,
  TopicTable,
} from '../../src/components/index.js';
import {
  createTakhinClient,
  TakhinProvider,
  useConnectionStatus,
  useConsumerGroups,
  useGroupEvents,
  useMetrics,
  useMetricsHistory,
  useTopicEvents,
  useTopics,
  type TakhinClient,
} from '../../src/index.js';
import { createInitialState, parseFrame, takhinReducer } from '../../src/core/index.js';
import { makeMetrics } from '../core/fixtures.js';
import { frameArb, frameText, HOSTILE_NAMES } from './arbitraries.js';
import { handSocketFactory, whenStatus } from './helpers.js';

class Boundary extends Component<
  { children: ReactNode; onError: (error: unknown) => void },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? <p data-testid="crashed">crashed</p> : this.props.children;
  }
}

function Consumers() {
  const topics = useTopics();
  const groups = useConsumerGroups();
  const topicEvents = useTopicEvents();
  const groupEvents = useGroupEvents();
  const rate = useMetrics((m) => m?.throughput.produceRate ?? null);
  const stats = useMetrics((m) => m?.topicStats ?? []);
  const lags = useMetrics((m) => m?.consumerLags ?? []);
  const samples = useMetricsHistory((h) => h.length);
  const { status, lastError } = useConnectionStatus();
  return (
    <section data-testid="consumers">
      <p>
        {status} {lastError?.code} {rate} {samples}
      </p>
      <ul>
        {topics.map((t) => (
          <li key={t.name}>
            {t.name} {t.partitions}
          </li>
        ))}
      </ul>
      <ul>
        {groups.map((g) => (
          <li key={g.groupId}>
            {g.groupId} {g.state} {g.totalLag}
          </li>
        ))}
      </ul>
      <ol>
        {topicEvents.map((e) => (
          <li key={e.seq}>
            {e.type} {e.name}
          </li>
        ))}
        {groupEvents.map((e) => (
          <li key={`g${e.seq}`}>
            {e.type} {e.groupId}
          </li>
        ))}
      </ol>
      <table>
        <tbody>
          {stats.map((t) => (
            <tr key={t.name}>
              <td>{t.name}</td>
              <td>{t.produceRate}</td>
            </tr>
          ))}
          {lags.map((g) => (
            <tr key={g.groupId}>
              <td>{g.groupId}</td>
              <td>{g.totalLag}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

let client: TakhinClient | null = null;

afterEach(() => {
  cleanup();
  client?.close();
  client = null;
  vi.restoreAllMocks();
});

/** Everything but the charts: hook consumers and the table, feed, health and status components. */
function LightTree() {
  return (
    <>
      <Consumers />
      <ConnectionStatus />
      <ClusterHealth />
      <TopicTable />
      <ConsumerLagTable />
      <EventFeed />
    </>
  );
}

async function mountTree(children: ReactNode) {
  const factory = handSocketFactory();
  client = createTakhinClient({
    url: 'ws://127.0.0.1:9/api/monitoring/ws',
    createWebSocket: factory,
    heartbeat: false,
    batch: 'sync',
    historySize: 20,
    eventBufferSize: 30,
  });
  const crashes: unknown[] = [];
  const view = render(
    <Boundary onError={(error) => crashes.push(error)}>
      <TakhinProvider client={client}>{children}</TakhinProvider>
    </Boundary>,
  );
  await act(() => whenStatus(client!, 'open'));
  return { view, socket: factory.last(), crashes };
}

const goodMetrics = (names: string[]) =>
  JSON.stringify({
    type: 'metrics',
    data: makeMetrics({
      topicStats: names.map((name) => ({
        name,
        partitions: 1,
        totalMessages: 1,
        totalBytes: 1,
        produceRate: 1,
        fetchRate: 1,
      })),
    }),
    timestamp: 1,
  });

/** The store state after one frame, applied to a fresh spec-dialect store in one batch. */
function ingestFrame(frame: string) {
  const { messages } = parseFrame(frame);
  return takhinReducer(createInitialState({ dialect: 'spec' }), {
    type: 'ingest',
    messages,
    errors: [],
    frames: 1,
    bytes: 0,
    receivedAt: 1_800_000_000_000,
  });
}

const reactErrors = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls;

const HOSTILE_FRAMES: unknown[] = [
  new Uint8Array([0xff, 0xfe, 0x00, 0x0a, 0x7b]),
  new Blob(['{"type":"pong"}']),
  '['.repeat(100_000),
  `{"type":"pong","data":${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
  goodMetrics([...HOSTILE_NAMES]),
  HOSTILE_NAMES.map((name) => JSON.stringify({ type: 'topic_created', data: { name, partitions: 1 } })).join(
    '\n',
  ),
  Array.from({ length: 2000 }, (_, i) =>
    JSON.stringify({
      type: i % 2 ? 'topic_deleted' : 'topic_created',
      data: { name: `t${i >> 1}`, partitions: 1 },
    }),
  ).join('\n'),
  JSON.stringify({ type: 'group_updated', data: { groupId: '__proto__', state: 'Dead', members: 0 } }),
  goodMetrics([]),
];

describe('a rendered tree fed arbitrary frames', () => {
  it('hooks consumers and the light components: no crash and no React error after any frame', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 12 }), async (frames) => {
        const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
        const { view, socket, crashes } = await mountTree(<LightTree />);
        try {
          for (const lines of frames) {
            act(() => socket.receive(frameText(lines)));
            expect(crashes).toEqual([]);
          }
          act(() => socket.receive(goodMetrics(['after-the-storm'])));
          expect(view.getByTestId('consumers').textContent).toContain('after-the-storm');
          expect(view.queryByTestId('crashed')).toBeNull();
          expect(reactErrors(consoleError)).toEqual([]);
        } finally {
          view.unmount();
          consoleError.mockRestore();
          client?.close();
        }
      }),
      { numRuns: 20 },
    );
  });

  it('the Dashboard: no crash and no React error, whatever a batch of frames held', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 8 }), async (frames) => {
        const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
        const { view, socket, crashes } = await mountTree(
          <Dashboard chartWidth={320} data-testid="dashboard" />,
        );
        try {
          act(() => {
            for (const lines of frames) socket.receive(frameText(lines));
          });
          expect(crashes).toEqual([]);
          act(() => socket.receive(goodMetrics(['after-the-storm'])));
          const root = view.getByTestId('dashboard');
          expect(root.dataset.state).toBe('live');
          // The tables take the tick in the render after the frame with the numbers (data-deferred between).
          await waitFor(() => expect(root.dataset.deferred).toBeUndefined());
          expect(root.textContent).toContain('after-the-storm');
          expect(reactErrors(consoleError)).toEqual([]);
        } finally {
          view.unmount();
          consoleError.mockRestore();
          client?.close();
        }
      }),
      { numRuns: 4 },
    );
  });

  it('hand-picked hostile frames (binary, deep nesting, hostile names, 2,000 events) break neither tree', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const light = await mountTree(<LightTree />);
    for (const frame of HOSTILE_FRAMES) {
      act(() => light.socket.receive(frame));
      expect(light.crashes).toEqual([]);
    }
    act(() => light.socket.receive(goodMetrics(['still-alive'])));
    expect(light.view.getByTestId('consumers').textContent).toContain('still-alive');
    light.view.unmount();
    client?.close();

    const full = await mountTree(<Dashboard chartWidth={320} data-testid="dashboard" />);
    act(() => {
      for (const frame of HOSTILE_FRAMES) full.socket.receive(frame);
      full.socket.receive(goodMetrics(['still-alive']));
    });
    expect(full.crashes).toEqual([]);
    const root = full.view.getByTestId('dashboard');
    await waitFor(() => expect(root.dataset.deferred).toBeUndefined());
    expect(root.textContent).toContain('still-alive');
    expect(reactErrors(consoleError)).toEqual([]);
  });

  // When every sample in the history has the same time (a slow reader's first frame holding two metrics
  // messages), the time axis must not be zero-wide, or recharts draws ticks with duplicate React keys.
  it('a history whose samples share one time re-renders without React key warnings', () => {
    const line = goodMetrics(['a']);
    const state = ingestFrame(`${line}\n${line}`);
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const view = render(<ThroughputChart history={state.history} width={320} />);
    view.rerender(<ThroughputChart history={state.history.slice()} width={320} />);
    expect(consoleError.mock.calls).toEqual([]);
  });

  it('values near the float limits, or all zero, draw axes without React key warnings', () => {
    const lines = [1, 3, 5].map((t) => goodMetrics(['a']).replace('"timestamp":1', `"timestamp":${t}`));
    const state = ingestFrame(lines.join('\n'));
    const withRates = (value: (i: number) => number) =>
      state.history.map((sample, i) => ({
        ...sample,
        ratesKnown: true,
        throughput: {
          produceRate: value(i),
          fetchRate: value(i),
          produceBytes: value(i),
          fetchBytes: value(i),
        },
      }));
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const view = render(<ThroughputChart history={withRates((i) => 1.7e308 - i)} width={320} />);
    view.rerender(<ThroughputChart history={withRates(() => Number.MAX_VALUE)} width={320} />);
    view.rerender(<ThroughputChart history={withRates(() => 0)} width={320} />);
    view.rerender(<ThroughputChart history={withRates((i) => 1e-320 * i)} width={320} />);
    expect(state.history.length).toBeGreaterThan(1);
    expect(consoleError.mock.calls).toEqual([]);
  });
});
