import { act, render, screen } from '@testing-library/react';
import { Profiler, StrictMode, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  TakhinProvider,
  useConnectionStatus,
  useMetrics,
  useSubscription,
  createTakhinClient,
  useTopicEvents,
} from '../../src/index.js';
import { makeMetrics } from '../core/fixtures.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scriptedServer.js';
import { waitUntil } from '../helpers/wait.js';

let server: ScriptedServer;

beforeEach(async () => {
  server = await startScriptedServer();
});

afterEach(async () => {
  await server.close();
});

const metricsFrame = (produceRate: number, topics: string[] = ['orders']) =>
  JSON.stringify({
    type: 'metrics',
    data: makeMetrics({
      throughput: { produceRate, fetchRate: 1, produceBytes: 1, fetchBytes: 1 },
      topicStats: topics.map((name) => ({
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

function ProduceRate() {
  const rate = useMetrics((metrics) => metrics?.throughput.produceRate ?? null);
  return <p data-testid="rate">{rate === null ? 'waiting' : rate}</p>;
}

function Status() {
  const { status, lastError } = useConnectionStatus();
  return (
    <p data-testid="status">
      {status}
      {lastError ? ` ${lastError.code}` : ''}
    </p>
  );
}

describe('TakhinProvider and hooks over a real socket', () => {
  it('opens exactly one socket under StrictMode and closes it on unmount', async () => {
    const view = render(
      <StrictMode>
        <TakhinProvider url={server.url} dialect="spec" heartbeat={false}>
          <ProduceRate />
          <Status />
        </TakhinProvider>
      </StrictMode>,
    );
    await waitUntil(() => screen.getByTestId('status').textContent === 'open', 'open');
    server.broadcast(metricsFrame(42));
    await waitUntil(() => screen.getByTestId('rate').textContent === '42', 'rate rendered');
    // StrictMode's second mount happens before the first socket opens; by the time data flows, a second
    // socket would have been accepted too.
    expect(server.accepted).toBe(1);
    view.unmount();
    await waitUntil(() => server.open.length === 0, 'socket closed after unmount');
    expect(server.accepted).toBe(1);
  });

  it('warns once when a setting read at creation changes, not for equal objects or a new url', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const tree = (staleAfterMs: number, url = server.url) => (
        <StrictMode>
          <TakhinProvider url={url} dialect="spec" heartbeat={{ staleAfterMs }}>
            <Status />
          </TakhinProvider>
        </StrictMode>
      );
      const view = render(tree(5_000));
      view.rerender(tree(5_000)); // a new but equal object
      view.rerender(tree(5_000, `${server.url}?again`)); // a new client: its settings are read afresh
      expect(warn).not.toHaveBeenCalled();
      view.rerender(tree(9_000));
      view.rerender(tree(12_000));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/read when its client is created.*new `key`/);
      view.unmount();
    } finally {
      warn.mockRestore();
    }
  });

  it('re-renders a selector consumer only when its slice changes, and an event consumer not on metrics', async () => {
    let rateRenders = 0;
    let eventRenders = 0;
    function CountingRate() {
      const rate = useMetrics((metrics) => metrics?.throughput.produceRate ?? null);
      return <p data-testid="rate">{String(rate)}</p>;
    }
    function CountingEvents() {
      const events = useTopicEvents();
      return <p data-testid="events">{events.length}</p>;
    }
    const client = createTakhinClient({ url: server.url, dialect: 'spec', heartbeat: false });
    render(
      <TakhinProvider client={client}>
        <Profiler id="rate" onRender={() => (rateRenders += 1)}>
          <CountingRate />
        </Profiler>
        <Profiler id="events" onRender={() => (eventRenders += 1)}>
          <CountingEvents />
        </Profiler>
        <Status />
      </TakhinProvider>,
    );
    await waitUntil(() => screen.getByTestId('status').textContent === 'open', 'open');
    server.broadcast(metricsFrame(5));
    await waitUntil(() => screen.getByTestId('rate').textContent === '5', 'first value');
    const rateRendersAfterFirst = rateRenders;
    const eventRendersAfterFirst = eventRenders;
    const { counters } = client.store.getState();
    for (let i = 0; i < 5; i += 1) server.broadcast(metricsFrame(5));
    await waitUntil(() => client.store.getState().counters.messages === counters.messages + 5, 'five ticks');
    expect(rateRenders).toBe(rateRendersAfterFirst);
    expect(eventRenders).toBe(eventRendersAfterFirst);
    server.broadcast(JSON.stringify({ type: 'topic_created', data: { name: 'new', partitions: 1 } }));
    await waitUntil(() => screen.getByTestId('events').textContent === '1', 'event rendered');
    expect(rateRenders).toBe(rateRendersAfterFirst);
    server.broadcast(metricsFrame(6));
    await waitUntil(() => screen.getByTestId('rate').textContent === '6', 'changed value');
    expect(rateRenders).toBe(rateRendersAfterFirst + 1);
    client.close();
  });

  it('calls an event handler exactly once per event, without resubscribing when its identity changes', async () => {
    const seen: string[] = [];
    const client = createTakhinClient({ url: server.url, heartbeat: false });
    const onSpy = vi.spyOn(client, 'on');
    function Listener() {
      const [renders, force] = useState(0);
      // A new handler identity on every render.
      useTopicEvents((event) => seen.push(`${event.name}@${renders >= 0 ? 'x' : ''}`));
      return (
        <button type="button" onClick={() => force((n) => n + 1)}>
          rerender
        </button>
      );
    }
    render(
      <TakhinProvider client={client}>
        <Listener />
        <Status />
      </TakhinProvider>,
    );
    await waitUntil(() => screen.getByTestId('status').textContent === 'open', 'open');
    const callsAfterMount = onSpy.mock.calls.length;
    server.broadcast(
      ['a', 'b', 'c']
        .map((name) => JSON.stringify({ type: 'topic_created', data: { name, partitions: 1 } }))
        .join('\n'),
    );
    await waitUntil(() => seen.length === 3, 'three events');
    for (let i = 0; i < 3; i += 1) act(() => screen.getByText('rerender').click());
    server.broadcast(JSON.stringify({ type: 'topic_deleted', data: { name: 'a' } }));
    // A sentinel after it: once the sentinel is seen, a duplicate of the fourth would have been seen too.
    server.broadcast(JSON.stringify({ type: 'topic_created', data: { name: 'sentinel', partitions: 1 } }));
    await waitUntil(() => seen.length === 5, 'the sentinel event');
    expect(seen).toEqual(['a@x', 'b@x', 'c@x', 'a@x', 'sentinel@x']);
    expect(onSpy.mock.calls.length).toBe(callsAfterMount);
  });

  it('reports bad input through lastError and onError without losing what the store already holds', async () => {
    const onError = vi.fn();
    render(
      <TakhinProvider url={server.url} dialect="spec" heartbeat={false} onError={onError}>
        <ProduceRate />
        <Status />
      </TakhinProvider>,
    );
    await waitUntil(() => screen.getByTestId('status').textContent === 'open', 'open');
    server.broadcast(metricsFrame(7));
    await waitUntil(() => screen.getByTestId('rate').textContent === '7', 'rate');
    server.broadcast(
      'not json at all\n{"type":"metrics","data":{"throughput":null}}\n{"type":"mystery","data":1}',
    );
    await waitUntil(() => onError.mock.calls.length === 3, 'three errors');
    expect(onError.mock.calls.map(([error]) => error.code)).toEqual([
      'invalid_json',
      'invalid_message',
      'unknown_type',
    ]);
    await waitUntil(() => screen.getByTestId('status').textContent === 'open unknown_type', 'error shown');
    expect(screen.getByTestId('rate').textContent).toBe('7');
    server.broadcast(metricsFrame(8));
    await waitUntil(() => screen.getByTestId('rate').textContent === '8', 'next good message applied');
  });

  it('ref-counts subscriptions across components', async () => {
    function Sub({ channel }: { channel: string }) {
      useSubscription(channel);
      return null;
    }
    function Toggle() {
      const [shown, setShown] = useState(2);
      return (
        <>
          {Array.from({ length: shown }, (_, i) => (
            <Sub key={i} channel="topic:orders" />
          ))}
          {/* Sent after whatever the first click sends: once it arrives, an early unsubscribe would have too. */}
          {shown < 2 && <Sub channel="topic:sentinel" />}
          <button type="button" onClick={() => setShown((n) => n - 1)}>
            fewer
          </button>
        </>
      );
    }
    render(
      <TakhinProvider url={server.url} heartbeat={false}>
        <Toggle />
      </TakhinProvider>,
    );
    await waitUntil(() => server.received.length === 1, 'one subscribe');
    act(() => screen.getByText('fewer').click());
    await waitUntil(() => server.received.length === 2, 'the sentinel subscription');
    act(() => screen.getByText('fewer').click());
    await waitUntil(() => server.received.length === 3, 'unsubscribe after the last user');
    expect(
      (server.received as Array<{ type: string; data: string }>).map((m) => `${m.type} ${m.data}`),
    ).toEqual(['subscribe topic:orders', 'subscribe topic:sentinel', 'unsubscribe topic:orders']);
  });

  it('throws an error naming the provider when a hook is used outside it', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<ProduceRate />)).toThrow(/TakhinProvider/);
    spy.mockRestore();
  });
});
