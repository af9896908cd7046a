import { afterEach, expect, it, vi } from 'vitest';
import {
  createTakhinClient,
  type TakhinClient,
  type TakhinClientOptions,
  type TakhinError,
} from '../../src/index.js';
import { handSocketFactory } from '../reliability/helpers.js';

// Code that only some apps use is loaded on first use (a separate chunk). A chunk that cannot be loaded
// (a deploy replaced it, the network dropped) is one `chunk_load_failed` error through onError, and the
// client goes on without the feature.

vi.mock('../../src/core/groupPoller.js', () => {
  throw new Error('chunk unavailable');
});
vi.mock('../../src/core/linkTabs.js', () => {
  throw new Error('chunk unavailable');
});
vi.mock('../../src/core/persistHistory.js', () => {
  throw new Error('chunk unavailable');
});

let client: TakhinClient | null = null;

afterEach(() => {
  client?.close();
  client = null;
});

/** A client with `options`, and a promise of the first error it reports. */
function start(options: Partial<TakhinClientOptions>) {
  const factory = handSocketFactory();
  const errors: TakhinError[] = [];
  let reported: () => void = () => {};
  const firstError = new Promise<void>((resolve) => (reported = resolve));
  client = createTakhinClient({
    url: 'ws://127.0.0.1:9/api/monitoring/ws',
    createWebSocket: factory,
    heartbeat: false,
    networkEvents: false,
    logger: { warn: () => {} },
    onError: (error) => {
      errors.push(error);
      reported();
    },
    ...options,
  });
  client.connect();
  return { c: client, factory, errors, firstError };
}

it('pollGroups: reported once, no request, the socket untouched; the next connection tries again', async () => {
  const fetchImpl = vi.fn(async () => new Response('[]')) as unknown as typeof fetch;
  const { c, factory, errors, firstError } = start({ pollGroups: 1000, fetch: fetchImpl });
  await firstError;
  expect(errors.map((e) => [e.code, e.fatal])).toEqual([['chunk_load_failed', false]]);
  expect(errors[0].message).toMatch(/^Could not load the code of pollGroups: /);
  expect(c.store.getState().connection.lastError).toBe(errors[0]);
  expect(fetchImpl).not.toHaveBeenCalled();
  expect(factory.sockets).toHaveLength(1);
  expect(c.connection.status).not.toBe('closed');
});

it('shareAcrossTabs: reported once, and the tab keeps its own socket', async () => {
  const { c, factory, errors, firstError } = start({ shareAcrossTabs: true });
  expect(factory.sockets).toHaveLength(0);
  await firstError;
  expect(errors.map((e) => e.code)).toEqual(['chunk_load_failed']);
  expect(errors[0].message).toMatch(/^Could not load the code of shareAcrossTabs: /);
  expect(factory.sockets).toHaveLength(1);
  await new Promise<void>((resolve) => {
    if (c.connection.status === 'open') return resolve();
    const stop = c.store.subscribe((state) => {
      if (state.connection.status !== 'open') return;
      stop();
      resolve();
    });
  });
  expect(c.connection.leader).toBe(true);
});

it('persistHistory: reported once, and the connection goes on', async () => {
  const storage = { getItem: () => null, setItem: () => {}, removeItem: () => {} };
  const { c, factory, errors, firstError } = start({ persistHistory: { storage } });
  await firstError;
  expect(errors.map((e) => e.code)).toEqual(['chunk_load_failed']);
  expect(errors[0].message).toMatch(/^Could not load the code of persistHistory: /);
  expect(factory.sockets).toHaveLength(1);
  c.close();
  c.connect();
  expect(factory.sockets).toHaveLength(2);
  expect(errors).toHaveLength(1);
});
