import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TakhinProvider, createTakhinClient, useLagSeries } from '../../src/index.js';
import { useTrackGroupLag } from '../../src/react/useTrackGroupLag.js';
import { parseFrame } from '../../src/core/index.js';
import { silentSocket } from '../helpers/handDrivenClient.js';
import { frame, makeConsumerLag, makeMetrics, metricsMessage } from '../core/fixtures.js';

function Series({ groupId, topic }: { groupId: string; topic?: string }) {
  const series = useLagSeries(groupId, topic);
  return <p data-testid="series">{[...series.values].map((v) => (Number.isNaN(v) ? '-' : v)).join(',')}</p>;
}

function Tracker({ ids }: { ids: string[] }) {
  useTrackGroupLag(ids);
  return null;
}

describe('useLagSeries and useTrackGroupLag', () => {
  it('track a group while mounted, ref-counted, and read its topic lag from the samples taken since', () => {
    const client = createTakhinClient({
      url: 'ws://127.0.0.1:9/',
      dialect: 'spec',
      createWebSocket: silentSocket,
    });
    // Only the single highest pair is kept for untracked groups.
    client.store.setState({ topicLagPairs: 1 });
    let t = 0;
    const tick = (a: number) =>
      act(() => {
        t += 2000;
        const metrics = makeMetrics({
          consumerLags: [makeConsumerLag('g', { a: [a] }), makeConsumerLag('h', { a: [1000] })],
        });
        client.store.dispatch({
          type: 'ingest',
          ...parseFrame(frame(metricsMessage(metrics))),
          frames: 1,
          bytes: 0,
          receivedAt: t,
        });
      });
    tick(1);
    const view = render(
      <TakhinProvider client={client}>
        <Series groupId="g" topic="a" />
        <Tracker ids={['g', 'g', 'x']} />
      </TakhinProvider>,
    );
    expect(client.store.getState().trackedGroups).toEqual({ g: 2, x: 1 });
    expect(screen.getByTestId('series').textContent).toBe('-');
    tick(2);
    tick(3);
    expect(screen.getByTestId('series').textContent).toBe('-,2,3');

    view.rerender(
      <TakhinProvider client={client}>
        <Series groupId="g" />
        <Tracker ids={['g']} />
      </TakhinProvider>,
    );
    expect(client.store.getState().trackedGroups).toEqual({ g: 1 });
    expect(screen.getByTestId('series').textContent).toBe('1,2,3');
    view.unmount();
    expect(client.store.getState().trackedGroups).toEqual({});
    client.close();
  });

  it('does nothing outside a provider', () => {
    expect(() => render(<Tracker ids={['g']} />)).not.toThrow();
  });
});
