import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TakhinProvider } from '../../src/index.js';
import { parseFrame } from '../../src/core/index.js';
import { connectDevtools } from '../../src/devtools/index.js';
import { handDrivenClient } from '../helpers/handDrivenClient.js';

/** Stands in for the Redux DevTools browser extension: records what zustand's middleware sends it. */
function fakeExtension() {
  const connection = {
    init: vi.fn(),
    send: vi.fn(),
    subscribe: vi.fn(() => () => {}),
    unsubscribe: vi.fn(),
  };
  const connect = vi.fn(() => connection);
  (window as { __REDUX_DEVTOOLS_EXTENSION__?: unknown }).__REDUX_DEVTOOLS_EXTENSION__ = { connect };
  const actions = () => connection.send.mock.calls.map(([action]) => (action as { type: string }).type);
  return { connect, connection, actions };
}

let extension: ReturnType<typeof fakeExtension>;
beforeEach(() => {
  extension = fakeExtension();
});
afterEach(() => {
  delete (window as { __REDUX_DEVTOOLS_EXTENSION__?: unknown }).__REDUX_DEVTOOLS_EXTENSION__;
  vi.unstubAllEnvs();
});

describe('Redux DevTools through <TakhinProvider devtools={connectDevtools}>', () => {
  it('sends one action per store change, named after what happened, and disconnects on unmount', () => {
    const { client, tick } = handDrivenClient();
    const view = render(<TakhinProvider client={client} devtools={connectDevtools} />);
    expect(extension.connect).toHaveBeenCalledTimes(1);
    expect(extension.connect.mock.calls[0]).toEqual([expect.objectContaining({ name: 'takhin-react' })]);

    tick();
    const frame = JSON.stringify({
      type: 'topic_created',
      data: { name: 'orders', partitions: 3 },
      timestamp: 9,
    });
    const { messages, errors } = parseFrame(frame);
    act(() => {
      client.store.dispatch({
        type: 'ingest',
        messages,
        errors,
        frames: 1,
        bytes: 1,
        receivedAt: Date.now(),
      });
      client.store.dispatch({ type: 'connection', patch: { status: 'open' } });
    });
    expect(extension.actions()).toEqual(
      expect.arrayContaining(['metrics', 'topic_created orders', 'status open']),
    );
    const [, state] = extension.connection.send.mock.calls.at(-1) as [
      unknown,
      { connection: { status: string } },
    ];
    expect(state.connection.status).toBe('open');

    view.unmount();
    expect(extension.connection.unsubscribe).toHaveBeenCalled();
    const sent = extension.connection.send.mock.calls.length;
    tick();
    expect(extension.connection.send.mock.calls.length).toBe(sent);
  });

  it('stays off in production builds unless asked', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const { client } = handDrivenClient();
    connectDevtools(client.store)();
    expect(extension.connect).not.toHaveBeenCalled();
    connectDevtools(client.store, { inProduction: true })();
    expect(extension.connect).toHaveBeenCalledTimes(1);
  });
});
