import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  decodeHistory,
  encodeHistory,
  PERSIST_FORMAT,
  PERSIST_VERSION,
  PERSIST_WRITE_INTERVAL_MS,
  PersistFormatError,
  restoredState,
  startPersistence,
} from '../../src/core/persistHistory.js';
import type { PersistedHistory, StorageLike } from '../../src/core/persistHistory.js';
import { createTakhinStore } from '../../src/core/store.js';
import type { TakhinStore } from '../../src/core/store.js';
import { makeConsumerLag, makeMetrics, makeTopicStat, metricsMessage, topicCreated } from './fixtures.js';
import type { ServerMessage } from '../../src/core/protocol.js';

const KEY = 'takhin-react:history:ws://127.0.0.1:8080/api/monitoring/ws';

/** A store fed `ticks` metrics, one every 2 s, with a topic event in between. */
function fedStore(ticks: number, start = 1_000_000): TakhinStore {
  const store = createTakhinStore({ dialect: 'spec' });
  for (let i = 0; i < ticks; i++) {
    const data = makeMetrics({
      timestamp: 1_700_000_000 + i * 2,
      topicStats: [makeTopicStat('orders', { totalMessages: 100 * i })],
      consumerLags: [makeConsumerLag('billing', { orders: [i, 2 * i] })],
    });
    const messages = [metricsMessage(data)] as ServerMessage[];
    if (i === 1) messages.push(topicCreated(`t${i}`, 3) as ServerMessage);
    store.dispatch({
      type: 'ingest',
      messages,
      errors: [],
      frames: 1,
      bytes: 10,
      receivedAt: start + i * 2000,
    });
  }
  return store;
}

function snapshot(store: TakhinStore, savedAt = 2_000_000): PersistedHistory {
  const { history, topicEvents, groupEvents } = store.getState();
  return { savedAt, history, topicEvents, groupEvents };
}

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
  removeItem = (key: string) => void this.items.delete(key);
}

describe('the persisted history codec', () => {
  it('gives back the samples and events it stored, lag columns included', () => {
    const data = snapshot(fedStore(5));
    const text = encodeHistory(KEY, data, 1_000_000)!;
    expect(text).not.toBeNull();
    const back = decodeHistory(text, KEY);
    expect(back.savedAt).toBe(data.savedAt);
    expect(back.topicEvents).toEqual(data.topicEvents);
    expect(back.history).toHaveLength(5);
    for (let i = 0; i < 5; i++) {
      const [a, b] = [back.history[i], data.history[i]];
      expect({ ...a, groupLag: undefined, topicLag: undefined }).toEqual({
        ...b,
        groupLag: undefined,
        topicLag: undefined,
      });
      expect([...a.groupLag.keys]).toEqual([...b.groupLag.keys]);
      expect([...a.groupLag.values]).toEqual([...b.groupLag.values]);
      expect([...a.topicLag.values]).toEqual([...b.topicLag.values]);
    }
    // Samples that shared one keys array still do, so the restored history is as compact as the live one.
    expect(back.history[4].groupLag.keys).toBe(back.history[3].groupLag.keys);
  });

  it('stays within maxBytes by leaving out the oldest samples and events', () => {
    const data = snapshot(fedStore(40));
    const whole = encodeHistory(KEY, data, Infinity)!;
    const bounded = encodeHistory(KEY, data, Math.floor(whole.length / 3))!;
    expect(bounded.length).toBeLessThanOrEqual(whole.length / 3);
    const back = decodeHistory(bounded, KEY);
    expect(back.history.length).toBeGreaterThan(0);
    expect(back.history.length).toBeLessThan(40);
    expect(back.history.at(-1)!.time).toBe(data.history.at(-1)!.time);
    expect(encodeHistory(KEY, data, 10)).toBeNull();
  });

  it('keeps a NaN (unknown) value unknown, and a gap sample a gap', () => {
    const store = fedStore(2);
    store.setState(restoredState(store.getState(), snapshot(fedStore(2, 1)), 500_000), true);
    const data = snapshot(store);
    expect(data.history.some((sample) => sample.gap)).toBe(true);
    const back = decodeHistory(encodeHistory(KEY, data, Infinity)!, KEY);
    const gap = back.history.find((sample) => sample.gap)!;
    expect(gap.totalLag).toBeNaN();
    expect(gap.ratesKnown).toBe(false);
  });

  const valid = () =>
    JSON.parse(encodeHistory(KEY, snapshot(fedStore(3)), Infinity)!) as Record<string, unknown>;
  it.each<[string, () => string]>([
    ['text that is not JSON', () => '{"format":'],
    ['JSON of another kind', () => JSON.stringify({ hello: 'world' })],
    ['null', () => 'null'],
    ['an older version', () => JSON.stringify({ ...valid(), version: PERSIST_VERSION - 1 })],
    ['a newer version', () => JSON.stringify({ ...valid(), version: PERSIST_VERSION + 1 })],
    ['another address', () => JSON.stringify({ ...valid(), key: 'takhin-react:history:ws://other/x' })],
    [
      'a sample with a string time',
      () => {
        const record = valid();
        (record.samples as unknown[][])[0][0] = 'soon';
        return JSON.stringify(record);
      },
    ],
    [
      'lag values that do not match their keys',
      () => {
        const record = valid();
        (record.samples as unknown[][])[1][6] = [1, 2, 3, 4, 5, 6, 7];
        return JSON.stringify(record);
      },
    ],
    [
      'a key table index out of range',
      () => {
        const record = valid();
        (record.samples as unknown[][])[0][5] = 99;
        return JSON.stringify(record);
      },
    ],
    [
      'an event of an unknown type',
      () => {
        const record = valid();
        (record.topicEvents as object[]).push({ seq: 9, type: 'topic_exploded', name: 'x', receivedAt: 1 });
        return JSON.stringify(record);
      },
    ],
  ])('refuses %s with a PersistFormatError', (_what, make) => {
    expect(() => decodeHistory(make(), KEY)).toThrow(PersistFormatError);
  });

  it('names its format in the record', () => {
    expect(valid()).toMatchObject({ format: PERSIST_FORMAT, version: PERSIST_VERSION, key: KEY });
  });
});

describe('startPersistence', () => {
  beforeEach(() => vi.useFakeTimers({ now: 3_000_000 }));
  afterEach(() => vi.useRealTimers());

  const hooks = (warnings: string[]) => ({
    restore: true,
    warn: (message: string) => warnings.push(message),
  });

  it('restores what an earlier page stored, with a gap for the time away, then stores again', async () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, encodeHistory(KEY, snapshot(fedStore(4)), Infinity)!);
    const store = createTakhinStore({ dialect: 'spec' });
    const warnings: string[] = [];
    const stop = startPersistence(KEY, { storage }, store, hooks(warnings));
    const { history, topicEvents, nextSeq } = store.getState();
    expect(warnings).toEqual([]);
    expect(history).toHaveLength(5);
    expect(history.at(-1)).toMatchObject({ gap: true, time: 3_000_000 });
    expect(topicEvents.map((event) => event.name)).toEqual(['t1']);
    expect(nextSeq).toBeGreaterThan(topicEvents[0].seq);

    // New data is written within the write interval, and on stop.
    const fresh = fedStore(1, 3_001_000).getState().history;
    store.setState({ history: [...store.getState().history, ...fresh] });
    await vi.advanceTimersByTimeAsync(PERSIST_WRITE_INTERVAL_MS);
    expect(decodeHistory(storage.getItem(KEY)!, KEY).history).toHaveLength(6);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores a corrupt record with a warning, removes it, and keeps working', () => {
    const storage = new MemoryStorage();
    storage.setItem(KEY, `{"format":"takhin-react/history","version":${PERSIST_VERSION},"key":`);
    const store = createTakhinStore();
    const warnings: string[] = [];
    const stop = startPersistence(KEY, { storage }, store, hooks(warnings));
    expect(warnings).toEqual(['ignored the stored history (not JSON).']);
    expect(store.getState().history).toEqual([]);
    expect(storage.getItem(KEY)).toBeNull();
    stop();
    expect(decodeHistory(storage.getItem(KEY)!, KEY).history).toEqual([]);
  });

  it('warns once when the storage refuses to write, and never throws', () => {
    const storage: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const warnings: string[] = [];
    const stop = startPersistence(KEY, { storage }, fedStore(2), hooks(warnings));
    expect(() => stop()).not.toThrow();
    expect(warnings).toEqual(['could not store the history (storage full or blocked).']);
  });

  it('does nothing where there is no sessionStorage (Node)', () => {
    const store = fedStore(1);
    const stop = startPersistence(KEY, true, store, hooks([]));
    stop();
    expect(store.getState().history).toHaveLength(1);
  });
});

describe('restoredState', () => {
  it('puts the restored samples and events before the live ones, with a gap, and keeps event numbers unique', () => {
    const live = fedStore(3, 5_000_000);
    const before = live.getState();
    const stored = snapshot(fedStore(3, 1_000_000));
    const next = restoredState(before, stored, 4_000_000);
    expect(next.history.map((sample) => sample.gap === true)).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
    expect(next.history[3].time).toBe(4_000_000);
    const seqs = next.topicEvents.map((event) => event.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(next.nextSeq).toBeGreaterThan(Math.max(...seqs));
    // Samples from after the moment of restoring (a clock that went back) are left out.
    expect(restoredState(before, stored, 1_000_001).history).toHaveLength(5);
  });
});
