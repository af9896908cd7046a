import { describe, expect, it } from 'vitest';
import { createTakhinStore } from '../../src/index.js';
import type { ServerMessage } from '../../src/core/protocol.js';
import { BASE_TIMESTAMP, makeConsumerLag, makeMetrics, makeTopicStat } from './fixtures.js';

// Topics made by Kafka clients and groups that come and go are announced by no message on the real
// Console: they only appear in (or vanish from) the metrics. Each such change gives one inferred event.

function metrics(topics: Record<string, number>, groups: string[] = []): ServerMessage {
  return {
    type: 'metrics',
    data: makeMetrics({
      topicStats: Object.entries(topics).map(([name, partitions]) => makeTopicStat(name, { partitions })),
      consumerLags: groups.map((id) => makeConsumerLag(id, { [Object.keys(topics)[0] ?? 't']: [1] })),
      timestamp: BASE_TIMESTAMP,
    }),
    timestamp: BASE_TIMESTAMP,
  };
}

const created = (name: string, partitions: number): ServerMessage => ({
  type: 'topic_created',
  data: { name, partitions },
});
const deleted = (name: string): ServerMessage => ({ type: 'topic_deleted', data: { name } });

function storeWith(...first: ServerMessage[]) {
  const store = createTakhinStore({ dialect: 'takhin' });
  let now = 1_000_000;
  const ingest = (...messages: ServerMessage[]) => {
    now += 2000;
    return store.dispatch({ type: 'ingest', messages, errors: [], frames: 1, bytes: 1, receivedAt: now });
  };
  ingest(...first);
  return { store, ingest };
}

const describeTopic = (e: { type: string; name: string; inferred?: true; partitions?: number }) =>
  `${e.type} ${e.name}${e.partitions === undefined ? '' : `/${e.partitions}`}${e.inferred ? ' inferred' : ''}`;

describe('events inferred from the metrics', () => {
  it('infers nothing from the first sample: everything would look new', () => {
    const { store } = storeWith(metrics({ a: 1, b: 2 }, ['g']));
    expect(store.getState().topicEvents).toEqual([]);
    expect(store.getState().groupEvents).toEqual([]);
  });

  it('gives one inferred event per silent create, delete and partition change, to the store and the caller', () => {
    const { store, ingest } = storeWith(metrics({ a: 1, b: 2 }, ['g1']));
    const events = ingest(metrics({ b: 4, c: 3 }, ['g2']));
    expect(events.topicEvents.map(describeTopic)).toEqual([
      'topic_updated b/4 inferred',
      'topic_created c/3 inferred',
      'topic_deleted a inferred',
    ]);
    expect(events.topicEvents[0].previousPartitions).toBe(2);
    expect(events.groupEvents.map((e) => `${e.type} ${e.groupId} ${String(e.inferred)}`)).toEqual([
      'group_created g2 true',
      'group_deleted g1 true',
    ]);
    expect(store.getState().topicEvents).toEqual(events.topicEvents);
    // the same metrics again: nothing new
    expect(ingest(metrics({ b: 4, c: 3 }, ['g2'])).topicEvents).toEqual([]);
  });

  it('gives one entry when a real event comes first and the metrics then reflect it', () => {
    const { store, ingest } = storeWith(metrics({ a: 1 }));
    ingest(created('n', 3));
    ingest(metrics({ a: 1, n: 3 }));
    ingest(deleted('n'));
    ingest(metrics({ a: 1 }));
    expect(store.getState().topicEvents.map(describeTopic)).toEqual(['topic_created n/3', 'topic_deleted n']);
  });

  it('gives one entry when the metrics come first and the real event follows, also within one batch', () => {
    const { store, ingest } = storeWith(metrics({ a: 1 }));
    const inferred = ingest(metrics({ a: 1, n: 3 }));
    const late = ingest(created('n', 3));
    expect(inferred.topicEvents).toHaveLength(1);
    expect(late.topicEvents).toEqual([]);
    ingest(metrics({ a: 1 }), deleted('n'));
    expect(store.getState().topicEvents.map(describeTopic)).toEqual([
      'topic_created n/3 inferred',
      'topic_deleted n inferred',
    ]);
  });

  it('keeps a repeated real event that no inference explains', () => {
    const { store, ingest } = storeWith(metrics({ a: 1 }));
    ingest(created('a', 1));
    expect(store.getState().topicEvents.map(describeTopic)).toEqual(['topic_created a/1']);
  });

  it('infers nothing from the first sample after a reconnect', () => {
    const { store, ingest } = storeWith(metrics({ a: 1 }, ['g']));
    store.dispatch({ type: 'connection', patch: { status: 'reconnecting' } });
    store.dispatch({ type: 'connection', patch: { status: 'open' } });
    // missed during the outage: reconciled silently, as before
    expect(ingest(metrics({ b: 1 }, ['h'])).topicEvents).toEqual([]);
    expect(Object.keys(store.getState().topics)).toEqual(['b']);
    expect(ingest(metrics({ b: 1, c: 1 }, ['h'])).topicEvents.map(describeTopic)).toEqual([
      'topic_created c/1 inferred',
    ]);
  });

  it('does not infer a deletion for a topic or group that only an event ever mentioned', () => {
    const { store, ingest } = storeWith(metrics({ a: 1 }));
    ingest({ type: 'group_updated', data: { groupId: 'idle', state: 'Empty', members: 0 } });
    ingest(metrics({ a: 1 }));
    expect(store.getState().groupEvents.map((e) => `${e.type} ${e.groupId}`)).toEqual(['group_updated idle']);
  });
});
