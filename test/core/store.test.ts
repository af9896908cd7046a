import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { TakhinError } from '../../src/core/errors.js';
import { parseFrame } from '../../src/core/parse.js';
import { lagEntries } from '../../src/core/lagValues.js';
import { DEFAULTS } from '../../src/core/defaults.js';
import { createInitialState, createTakhinStore, takhinReducer } from '../../src/core/store.js';
import type { TakhinAction } from '../../src/core/store.js';
import type { GroupState, MonitoringMetrics, ServerMessage } from '../../src/core/protocol.js';
import type { TakhinState } from '../../src/core/state.js';
import {
  BASE_TIMESTAMP,
  envelope,
  frame,
  groupUpdated,
  makeConsumerLag,
  makeMetrics,
  makeTopicStat,
  metricsMessage,
  pong,
  shuffled,
  storeInvariantViolations,
  topicCreated,
  topicDeleted,
} from './fixtures.js';

function ingestAction(frames: string[], receivedAt: number): TakhinAction {
  const messages: ServerMessage[] = [];
  const errors: TakhinError[] = [];
  let bytes = 0;
  for (const text of frames) {
    const parsed = parseFrame(text);
    messages.push(...parsed.messages);
    errors.push(...parsed.errors);
    bytes += text.length;
  }
  return { type: 'ingest', messages, errors, frames: frames.length, bytes, receivedAt };
}

/** Applies frames (one batch) and checks the invariants. */
function apply(state: TakhinState, frames: string[], receivedAt = 1000): TakhinState {
  const next = takhinReducer(state, ingestAction(frames, receivedAt));
  expect(storeInvariantViolations(next)).toEqual([]);
  return next;
}

const topicsOf = (state: TakhinState) =>
  Object.values(state.topics)
    .map((t) => `${t.name}:${t.partitions}`)
    .sort();
const groupIdsOf = (state: TakhinState) => Object.keys(state.groups).sort();

const cluster = (
  topics: string[],
  groups: Record<string, Record<string, number[]>> = {},
  timestamp = BASE_TIMESTAMP,
) =>
  makeMetrics({
    topicStats: topics.map((name) => makeTopicStat(name, { partitions: 3 })),
    consumerLags: Object.entries(groups).map(([id, lags]) => makeConsumerLag(id, lags)),
    timestamp,
  });

/** Freezes everything but typed arrays, which cannot be frozen (callers compare them by a JSON snapshot). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

describe('createInitialState', () => {
  it('uses the documented defaults', () => {
    expect(DEFAULTS).toMatchObject({
      dialect: 'takhin',
      historySize: 300,
      topicLagPairs: 100,
      eventBufferSize: 200,
    });
    const state = createInitialState();
    expect(state).toMatchObject({
      dialect: 'takhin',
      historySize: 300,
      topicLagPairs: 100,
      trackedGroups: {},
      eventBufferSize: 200,
      metrics: null,
      history: [],
      topicEvents: [],
      groupEvents: [],
      nextSeq: 1,
      rateBaseline: null,
      counters: { frames: 0, messages: 0, bytes: 0, parseErrors: 0, reconnects: 0 },
      connection: { status: 'idle', attempt: 0, lastMessageAt: null, lastError: null },
    });
  });

  it('takes options, ignores invalid sizes and refuses an unknown dialect', () => {
    expect(createInitialState({ dialect: 'spec', historySize: 10.7, eventBufferSize: 0 })).toMatchObject({
      dialect: 'spec',
      historySize: 10,
      eventBufferSize: 0,
    });
    const odd = createInitialState({ historySize: -1, eventBufferSize: NaN });
    expect(odd).toMatchObject({ dialect: 'takhin', historySize: 300, eventBufferSize: 200 });
    expect(() => createInitialState({ dialect: 'Takhin' as never })).toThrow(/Unknown dialect/);
  });
});

describe('takhinReducer — ingest', () => {
  it('applies a metrics message: metrics, history, topics, groups, counters, lastMessageAt', () => {
    const text = frame(metricsMessage(cluster(['b', 'a'], { g: { a: [2, 3] } })));
    const state = apply(createInitialState({ dialect: 'spec' }), [text], 5000);
    expect(state.metrics!.topicStats.map((t) => t.name)).toEqual(['a', 'b']);
    expect(state.metrics!.totalLag).toBe(5);
    expect(state.history).toHaveLength(1);
    expect(state.history[0]).toMatchObject({ time: 5000, totalLag: 5 });
    expect(lagEntries(state.history[0].groupLag)).toEqual([['g', 5]]);
    expect(topicsOf(state)).toEqual(['a:3', 'b:3']);
    expect(state.groups.g).toEqual({ groupId: 'g', totalLag: 5, consumeRate: null });
    expect(state.counters).toEqual({
      frames: 1,
      messages: 1,
      bytes: text.length,
      parseErrors: 0,
      reconnects: 0,
    });
    expect(state.connection.lastMessageAt).toBe(5000);
  });

  it('applies a whole batch from many frames in one store update', () => {
    const store = createTakhinStore({ dialect: 'spec' });
    const listener = vi.fn();
    store.subscribe(listener);
    const frames = [
      frame(topicCreated('x', 1), metricsMessage(cluster(['a']))),
      frame(pong(), topicCreated('y', 2)),
      'garbage',
      frame(metricsMessage(cluster(['a', 'b'], {}, BASE_TIMESTAMP + 2))),
    ];
    store.dispatch(ingestAction(frames, 7000));
    expect(listener).toHaveBeenCalledTimes(1);
    const state = store.getState();
    expect(state.counters).toMatchObject({ frames: 4, messages: 5, parseErrors: 1 });
    expect(state.history).toHaveLength(2);
    // the last metrics is authoritative; y came before it and is not in it
    expect(topicsOf(state)).toEqual(['a:3', 'b:3']);
    // b appeared in the second sample without an event: inferred (x and y were never in a sample)
    expect(state.topicEvents.map((e) => `${e.name}${e.inferred ? ' (inferred)' : ''}`)).toEqual([
      'x',
      'y',
      'b (inferred)',
    ]);
    expect(state.connection.lastError!.code).toBe('invalid_json');
  });

  it('keeps the good messages of a frame with a bad line and records one typed error', () => {
    const text = frame(topicCreated('a', 1), '{nope', topicCreated('b', 2));
    const state = apply(createInitialState(), [text]);
    expect(topicsOf(state)).toEqual(['a:1', 'b:2']);
    expect(state.counters.parseErrors).toBe(1);
    expect(state.connection.lastError).toMatchObject({ code: 'invalid_json', line: 1 });
  });

  it('counts unknown types as parse errors but a server error only as lastError', () => {
    let state = apply(createInitialState(), [frame(envelope('mystery', {}, 1))]);
    expect(state.counters.parseErrors).toBe(1);
    expect(state.connection.lastError!.code).toBe('unknown_type');
    state = apply(state, [frame(envelope('error', 'boom', 1))]);
    expect(state.counters.parseErrors).toBe(1);
    expect(state.connection.lastError!.code).toBe('server_error');
    expect(state.connection.lastMessageAt).toBeNull();
  });

  it('counts pong as a message and changes nothing else', () => {
    const before = apply(createInitialState(), [frame(metricsMessage(cluster(['a'])), topicCreated('b', 1))]);
    const after = apply(before, [frame(pong())], 9000);
    expect(after.counters.messages).toBe(before.counters.messages + 1);
    expect(after.connection.lastMessageAt).toBe(9000);
    for (const key of [
      'metrics',
      'history',
      'topics',
      'groups',
      'topicEvents',
      'groupEvents',
      'rateBaseline',
    ] as const) {
      expect(after[key]).toBe(before[key]);
    }
  });

  it('returns the same state for an empty batch', () => {
    const state = createInitialState();
    expect(
      takhinReducer(state, { type: 'ingest', messages: [], errors: [], frames: 0, bytes: 0, receivedAt: 1 }),
    ).toBe(state);
  });

  it('leaves nothing behind after a batch create followed by its rollback deletes', () => {
    const start = apply(createInitialState(), [frame(metricsMessage(cluster(['keep'])))]);
    const created = apply(start, [frame(topicCreated('t1', 3), topicCreated('t2', 3))]);
    expect(topicsOf(created)).toEqual(['keep:3', 't1:3', 't2:3']);
    const rolledBack = apply(created, [frame(topicDeleted('t1'), topicDeleted('t2'))]);
    expect(topicsOf(rolledBack)).toEqual(['keep:3']);
    // the same within one batch: the topics record keeps its identity
    const oneBatch = apply(start, [
      frame(topicCreated('t1', 3), topicCreated('t2', 3), topicDeleted('t1'), topicDeleted('t2')),
    ]);
    expect(oneBatch.topics).toBe(start.topics);
    expect(oneBatch.topicEvents.map((e) => `${e.type}:${e.name}`)).toEqual([
      'topic_created:t1',
      'topic_created:t2',
      'topic_deleted:t1',
      'topic_deleted:t2',
    ]);
  });

  it('keeps the records when metrics in the same batch undo what events changed', () => {
    // Two samples, so that the consume rates derived from offsets are steady (0) from here on.
    const start = apply(createInitialState(), [
      frame(metricsMessage(cluster(['keep'], { g: { keep: [1] } }))),
      frame(metricsMessage(cluster(['keep'], { g: { keep: [1] } }, BASE_TIMESTAMP + 1))),
    ]);
    const undone = apply(start, [
      frame(
        topicCreated('gone', 2),
        envelope('group_created', { groupId: 'ghost' }, 1),
        metricsMessage(cluster(['keep'], { g: { keep: [1] } }, BASE_TIMESTAMP + 2)),
      ),
    ]);
    expect(undone.topics).toBe(start.topics);
    expect(undone.groups).toBe(start.groups);
    const changed = apply(start, [frame(topicCreated('new', 2), topicDeleted('keep'))]);
    expect(topicsOf(changed)).toEqual(['new:2']);
    expect(changed.topics).not.toBe(start.topics);
  });

  it('reconciles topics and groups from metrics after missed events', () => {
    let state = apply(createInitialState(), [
      frame(metricsMessage(cluster(['a', 'b'], { g1: { a: [1] }, g2: { b: [2] } }))),
    ]);
    // while disconnected: a and g1 were deleted, c and g3 created; no event arrived
    state = apply(
      state,
      [frame(metricsMessage(cluster(['b', 'c'], { g2: { b: [2] }, g3: { c: [4] } })))],
      3000,
    );
    expect(topicsOf(state)).toEqual(['b:3', 'c:3']);
    expect(groupIdsOf(state)).toEqual(['g2', 'g3']);
    expect(state.groups.g3.totalLag).toBe(4);
  });

  it('applies topic events at once and lets the next metrics correct them', () => {
    let state = apply(createInitialState(), [frame(metricsMessage(cluster(['a'])))]);
    state = apply(state, [frame(topicCreated('b', 8))]);
    expect(state.topics.b).toEqual({ name: 'b', partitions: 8 });
    state = apply(state, [frame(topicCreated('b', 9))]);
    expect(state.topics.b.partitions).toBe(9);
    state = apply(state, [frame(metricsMessage(cluster(['a', 'b'])))]);
    expect(state.topics.b.partitions).toBe(3);
    state = apply(state, [frame(topicDeleted('a'), topicDeleted('never-existed'))]);
    expect(topicsOf(state)).toEqual(['b:3']);
  });

  it('keeps group state learnt from events for listed groups, and event-only groups until the next metrics', () => {
    let state = apply(createInitialState(), [frame(metricsMessage(cluster(['t'], { g1: { t: [5] } })))]);
    state = apply(state, [
      frame(groupUpdated('g1', 'Stable', 3), groupUpdated('fresh', 'PreparingRebalance', 1)),
    ]);
    expect(state.groups.g1).toEqual({
      groupId: 'g1',
      state: 'Stable',
      members: 3,
      totalLag: 5,
      consumeRate: null,
    });
    expect(state.groups.fresh).toEqual({
      groupId: 'fresh',
      state: 'PreparingRebalance',
      members: 1,
      totalLag: 0,
    });
    state = apply(state, [frame(metricsMessage(cluster(['t'], { g1: { t: [7] } }, BASE_TIMESTAMP + 2)))]);
    expect(state.groups.g1).toMatchObject({ groupId: 'g1', state: 'Stable', members: 3, totalLag: 7 });
    expect(state.groups.fresh).toBeUndefined();
  });

  it('keeps a Dead group as reported and removes a deleted one', () => {
    let state = apply(createInitialState(), [
      frame(metricsMessage(cluster(['t'], { g1: { t: [1] }, g2: { t: [1] } }))),
    ]);
    state = apply(state, [
      frame(groupUpdated('g1', 'Dead', 0), envelope('group_deleted', { groupId: 'g2' }, 1)),
    ]);
    expect(state.groups.g1.state).toBe('Dead');
    expect(groupIdsOf(state)).toEqual(['g1']);
    state = apply(state, [frame(envelope('group_created', { groupId: 'g3' }, 1))]);
    expect(state.groups.g3).toEqual({ groupId: 'g3', totalLag: 0 });
    expect(state.groupEvents.map((e) => e.type)).toEqual(['group_updated', 'group_deleted', 'group_created']);
  });

  it('handles topic and group names that collide with Object.prototype', () => {
    let state = apply(createInitialState(), [
      frame(topicCreated('constructor', 1), topicCreated('__proto__', 2)),
    ]);
    expect(topicsOf(state)).toEqual(['__proto__:2', 'constructor:1']);
    state = apply(state, [frame(topicDeleted('toString'), groupUpdated('hasOwnProperty', 'Empty', 0))]);
    expect(topicsOf(state)).toEqual(['__proto__:2', 'constructor:1']);
    expect(groupIdsOf(state)).toEqual(['hasOwnProperty']);
    state = apply(state, [
      frame(metricsMessage(cluster(['__proto__'], { constructor: { ['__proto__']: [3] } }))),
    ]);
    expect(topicsOf(state)).toEqual(['__proto__:3']);
    expect(state.groups.constructor).toEqual({ groupId: 'constructor', totalLag: 3, consumeRate: null });
  });

  it('bounds history and the event buffers, newest last', () => {
    let state = createInitialState({ dialect: 'spec', historySize: 3, eventBufferSize: 4 });
    for (let i = 0; i < 6; i++) {
      state = apply(state, [frame(metricsMessage(cluster(['a'], {}, BASE_TIMESTAMP + 2 * i)))], 1000 + i);
    }
    expect(state.history.map((s) => s.time)).toEqual([1003, 1004, 1005]);
    const created = Array.from({ length: 7 }, (_, i) => topicCreated(`t${i}`, 1));
    state = apply(state, [frame(...created)]);
    expect(state.topicEvents.map((e) => e.name)).toEqual(['t3', 't4', 't5', 't6']);
    expect(state.topicEvents.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    expect(state.nextSeq).toBe(8);
  });

  it('numbers events exactly as eventsFromMessages does from nextSeq', async () => {
    const { eventsFromMessages } = await import('../../src/core/events.js');
    const state = apply(createInitialState(), [frame(topicCreated('a', 1))]);
    const action = ingestAction([frame(groupUpdated('g', 'Stable', 1), topicDeleted('a'))], 4242);
    const expected = eventsFromMessages(
      (action as { messages: ServerMessage[] }).messages,
      state.nextSeq,
      4242,
    );
    const next = takhinReducer(state, action);
    expect(next.topicEvents.slice(-1)).toEqual(expected.topicEvents);
    expect(next.groupEvents).toEqual(expected.groupEvents);
    expect(next.nextSeq).toBe(expected.nextSeq);
  });

  it('derives takhin rates through the store, with no negative rate across a server restart', () => {
    const counters = (n: number, timestamp: number) =>
      makeMetrics({
        throughput: { produceRate: n, fetchRate: n, produceBytes: n * 10, fetchBytes: n * 10 },
        topicStats: [makeTopicStat('a', { produceRate: n, fetchRate: n })],
        latency: { produceP50: 0.01 },
        timestamp,
      });
    let state = createInitialState();
    const seen: Array<[boolean, number]> = [];
    [100, 300, 700, 20, 60].forEach((n, i) => {
      state = apply(state, [frame(metricsMessage(counters(n, BASE_TIMESTAMP + 2 * i)))], 10_000 + 2000 * i);
      seen.push([state.metrics!.ratesKnown, state.metrics!.throughput.produceRate]);
    });
    expect(seen).toEqual([
      [false, 0],
      [true, 100],
      [true, 200],
      [false, 0],
      [true, 20],
    ]);
    expect(state.metrics!.latency.produceP50).toBeCloseTo(10, 10);
    expect(state.history.map((s) => s.ratesKnown)).toEqual([false, true, true, false, true]);
  });

  it('derives rates between two samples delivered in the same batch from the server clock', () => {
    const sample = (n: number, timestamp: number) =>
      metricsMessage(
        makeMetrics({
          throughput: { produceRate: n, fetchRate: 0, produceBytes: 0, fetchBytes: 0 },
          timestamp,
        }),
      );
    const state = apply(createInitialState(), [frame(sample(100, 1000)), frame(sample(500, 1002))], 9000);
    expect(state.metrics!.ratesKnown).toBe(true);
    expect(state.metrics!.throughput.produceRate).toBe(200);
  });
});

describe('takhinReducer — structural sharing', () => {
  const base = () => cluster(['a', 'b', 'c'], { g1: { a: [1, 2] }, g2: { b: [3] } });

  it('an event batch keeps metrics and history, a metrics tick keeps the event arrays', () => {
    const first = apply(createInitialState({ dialect: 'spec' }), [
      frame(metricsMessage(base()), topicCreated('z', 1), groupUpdated('g1', 'Stable', 1)),
    ]);
    const afterEvent = apply(first, [frame(topicCreated('y', 1))]);
    expect(afterEvent.metrics).toBe(first.metrics);
    expect(afterEvent.history).toBe(first.history);
    expect(afterEvent.groups).toBe(first.groups);
    expect(afterEvent.groupEvents).toBe(first.groupEvents);
    expect(afterEvent.topicEvents).not.toBe(first.topicEvents);
    const afterTick = apply(afterEvent, [frame(metricsMessage(base()))], 3000);
    expect(afterTick.topicEvents).toBe(afterEvent.topicEvents);
    expect(afterTick.groupEvents).toBe(afterEvent.groupEvents);
    expect(afterTick.connection).not.toBe(afterEvent.connection); // lastMessageAt moved
  });

  it('an identical metrics tick with shuffled arrays keeps every slice that did not change', () => {
    // Two samples first: the second is the first whose rates can be derived (from offsets here).
    const warm = apply(createInitialState({ dialect: 'spec' }), [frame(metricsMessage(base()))]);
    const first = apply(warm, [frame(metricsMessage(base()))], 2000);
    const raw = base();
    const again: MonitoringMetrics = {
      ...raw,
      topicStats: shuffled(raw.topicStats, 3),
      consumerLags: shuffled(raw.consumerLags, 4),
    };
    const second = apply(first, [frame(metricsMessage(again))], 3000);
    expect(second.metrics).not.toBe(first.metrics);
    expect(second.metrics!.topicStats).toBe(first.metrics!.topicStats);
    expect(second.metrics!.consumerLags).toBe(first.metrics!.consumerLags);
    expect(second.metrics!.clusterHealth).toBe(first.metrics!.clusterHealth);
    expect(second.metrics!.throughput).toBe(first.metrics!.throughput);
    expect(second.topics).toBe(first.topics);
    expect(second.groups).toBe(first.groups);
    expect(second.history[2].throughput).toBe(second.history[1].throughput);
  });

  it('a lag change replaces only that group, in metrics and in groups', () => {
    const first = apply(createInitialState({ dialect: 'spec' }), [frame(metricsMessage(base()))]);
    const second = apply(first, [
      frame(metricsMessage(cluster(['a', 'b', 'c'], { g1: { a: [1, 9] }, g2: { b: [3] } }))),
    ]);
    expect(second.groups).not.toBe(first.groups);
    expect(second.groups.g2).toBe(first.groups.g2);
    expect(second.groups.g1.totalLag).toBe(10);
    expect(second.metrics!.consumerLags[1]).toBe(first.metrics!.consumerLags[1]);
    expect(second.metrics!.topicStats).toBe(first.metrics!.topicStats);
    expect(second.topics).toBe(first.topics);
  });

  it('never mutates the state it is given', () => {
    const state = apply(createInitialState({ historySize: 2, eventBufferSize: 2 }), [
      frame(metricsMessage(base()), topicCreated('q', 1), groupUpdated('g9', 'Empty', 0)),
    ]);
    const snapshot = JSON.stringify(state);
    deepFreeze(state);
    const frames = [
      frame(
        metricsMessage(cluster(['a', 'x'], { g1: { a: [4] } }, BASE_TIMESTAMP + 2)),
        topicDeleted('a'),
        topicCreated('w', 1),
      ),
      frame(groupUpdated('g1', 'Stable', 2), envelope('group_deleted', { groupId: 'g9' }, 1), 'bad'),
    ];
    const next = takhinReducer(state, ingestAction(frames, 3000));
    expect(next.connection.lastError!.message).not.toMatch(/could not apply/);
    expect(topicsOf(next)).toEqual(['w:1', 'x:3']);
    expect(JSON.stringify(state)).toBe(snapshot);
    for (const action of [
      { type: 'reset' },
      { type: 'connection', patch: { status: 'open' } },
      { type: 'error', error: new TakhinError('stale', 'x') },
      { type: 'trackGroupLag', groupId: 'g1', delta: 1 },
    ] as TakhinAction[]) {
      expect(takhinReducer(state, action).connection.lastError?.message ?? '').not.toMatch(/could not apply/);
    }
  });
});

describe('takhinReducer — connection, error, reset', () => {
  it('merges a connection patch and returns the same state when nothing changes', () => {
    const state = createInitialState();
    expect(takhinReducer(state, { type: 'connection', patch: { status: 'idle', attempt: 0 } })).toBe(state);
    expect(takhinReducer(state, { type: 'connection', patch: {} })).toBe(state);
    expect(takhinReducer(state, { type: 'connection', patch: { nextRetryAt: undefined } })).toBe(state);
    const open = takhinReducer(state, { type: 'connection', patch: { status: 'open', openedAt: 5 } });
    expect(open.connection).toMatchObject({ status: 'open', openedAt: 5, attempt: 0 });
    expect(open.counters).toBe(state.counters);
    expect(takhinReducer(open, { type: 'connection', patch: { status: 'open' } })).toBe(open);
  });

  it('records an error as lastError without counting it as a parse error', () => {
    const state = createInitialState();
    const error = new TakhinError('connection_lost', 'closed', { closeCode: 1006 });
    const next = takhinReducer(state, { type: 'error', error });
    expect(next.connection.lastError).toBe(error);
    expect(next.counters.parseErrors).toBe(0);
    expect(takhinReducer(next, { type: 'error', error })).toBe(next);
  });

  it('reset clears data but keeps options, connection, counters and the sequence', () => {
    let state = createInitialState({ dialect: 'spec', historySize: 7 });
    state = takhinReducer(state, { type: 'connection', patch: { status: 'open' } });
    state = apply(state, [
      frame(
        metricsMessage(cluster(['a'], { g: { a: [1] } })),
        topicCreated('b', 1),
        groupUpdated('g', 'Stable', 1),
      ),
    ]);
    const reset = takhinReducer(state, { type: 'reset' });
    expect(reset).toMatchObject({
      dialect: 'spec',
      historySize: 7,
      metrics: null,
      history: [],
      topicEvents: [],
      groupEvents: [],
      rateBaseline: null,
    });
    expect(Object.keys(reset.topics)).toEqual([]);
    expect(Object.keys(reset.groups)).toEqual([]);
    expect(reset.connection).toBe(state.connection);
    expect(reset.counters).toBe(state.counters);
    expect(reset.nextSeq).toBe(state.nextSeq);
    expect(takhinReducer(reset, { type: 'reset' })).toBe(reset);
  });

  it('ignores unknown actions and survives hand-built garbage without throwing', () => {
    const state = createInitialState();
    expect(takhinReducer(state, { type: 'nope' } as unknown as TakhinAction)).toBe(state);
    const garbage = {
      type: 'ingest',
      messages: [{ type: 'metrics', data: null }],
      errors: [],
      frames: 1,
      bytes: 1,
      receivedAt: 1,
    };
    const next = takhinReducer(state, garbage as unknown as TakhinAction);
    expect(next.connection.lastError!.code).toBe('invalid_message');
    expect(next.metrics).toBeNull();
  });
});

describe('createTakhinStore', () => {
  it('is a zustand vanilla store whose dispatch notifies only on change', () => {
    const store = createTakhinStore({ historySize: 5 });
    expect(store.getState().historySize).toBe(5);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.dispatch({ type: 'connection', patch: { status: 'idle' } });
    store.dispatch({ type: 'reset' });
    expect(listener).not.toHaveBeenCalled();
    store.dispatch({ type: 'connection', patch: { status: 'connecting' } });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState().connection.status).toBe('connecting');
    unsubscribe();
  });
});

describe('property: arbitrary input never breaks the store', () => {
  const name = fc.constantFrom('a', 'b', 'c', 'd', 'constructor', '__proto__');
  const num = fc.oneof(
    fc.integer({ min: -1000, max: 1_000_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  );
  const partition = fc.record({
    partition: fc.integer({ min: 0, max: 5 }),
    currentOffset: num,
    logEndOffset: num,
    lag: num,
  });
  const topicLag = fc.record({
    topic: name,
    totalLag: num,
    partitionLags: fc.array(partition, { maxLength: 4 }),
  });
  const consumerLag = fc.record({
    groupId: name,
    totalLag: num,
    topicLags: fc.array(topicLag, { maxLength: 3 }),
  });
  const topicStat = fc.record({
    name,
    partitions: num,
    totalMessages: num,
    totalBytes: num,
    produceRate: num,
    fetchRate: num,
  });
  const numbers = <K extends string>(keys: K[]) =>
    fc.record(Object.fromEntries(keys.map((k) => [k, num])) as Record<K, typeof num>);
  const metrics = fc.record({
    throughput: numbers(['produceRate', 'fetchRate', 'produceBytes', 'fetchBytes']),
    latency: numbers(['produceP50', 'produceP95', 'produceP99', 'fetchP50', 'fetchP95', 'fetchP99']),
    topicStats: fc.array(topicStat, { maxLength: 6 }),
    consumerLags: fc.array(consumerLag, { maxLength: 4 }),
    clusterHealth: numbers([
      'activeConnections',
      'totalTopics',
      'totalPartitions',
      'totalConsumers',
      'diskUsageBytes',
      'memoryUsageBytes',
      'goroutineCount',
    ]),
    timestamp: fc.integer({ min: 0, max: 2e9 }),
  });
  const states: GroupState[] = ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'];
  const line = fc.oneof(
    metrics.map((m) => JSON.stringify(metricsMessage(m as MonitoringMetrics))),
    fc.tuple(name, num).map(([n, p]) => JSON.stringify(topicCreated(n, p))),
    name.map((n) => JSON.stringify(topicDeleted(n, 5))),
    fc.tuple(name, fc.constantFrom(...states), num).map(([g, s, m]) => JSON.stringify(groupUpdated(g, s, m))),
    fc
      .tuple(fc.constantFrom('group_created', 'group_deleted'), name)
      .map(([t, g]) => JSON.stringify(envelope(t, { groupId: g }, 1))),
    fc.constant(JSON.stringify(pong())),
    fc.string(),
    fc.json(),
    fc
      .tuple(fc.constantFrom('metrics', 'topic_created', 'group_updated', 'error', 'pong'), fc.jsonValue())
      .map(([type, data]) => JSON.stringify({ type, data })),
  );
  const batch = fc.record({
    frames: fc.array(
      fc.array(line, { maxLength: 4 }).map((lines) => lines.join('\n')),
      { maxLength: 3 },
    ),
    dt: fc.integer({ min: -3000, max: 5000 }),
  });

  it('parseFrame and takhinReducer never throw, invariants hold and topics follow metrics plus later events', () => {
    let totalMetrics = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('spec', 'takhin' as const),
        fc.array(batch, { maxLength: 8 }),
        (dialect, batches) => {
          let state = createInitialState({
            dialect: dialect as 'spec' | 'takhin',
            historySize: 4,
            eventBufferSize: 5,
          });
          let now = 1_000_000;
          const model = new Map<string, number>();
          const groupModel = new Set<string>();
          let metricsSeen = 0;
          for (const { frames, dt } of batches) {
            now += dt;
            const action = ingestAction(frames, now);
            state = takhinReducer(state, action);
            expect(storeInvariantViolations(state)).toEqual([]);
            expect(state.connection.lastError?.message ?? '').not.toMatch(/could not apply/);
            for (const message of (action as { messages: ServerMessage[] }).messages) {
              if (message.type === 'metrics') {
                metricsSeen++;
                model.clear();
                groupModel.clear();
                // a duplicated name keeps its last row
                for (const t of message.data.topicStats) model.set(t.name, t.partitions);
                for (const g of message.data.consumerLags) groupModel.add(g.groupId);
              } else if (message.type === 'topic_created') {
                model.set(message.data.name, message.data.partitions);
              } else if (message.type === 'topic_deleted') {
                model.delete(message.data.name);
              } else if (message.type === 'group_updated' || message.type === 'group_created') {
                groupModel.add(message.data.groupId);
              } else if (message.type === 'group_deleted') {
                groupModel.delete(message.data.groupId);
              }
            }
            expect(topicsOf(state)).toEqual([...model].map(([n, p]) => `${n}:${p}`).sort());
            expect(groupIdsOf(state)).toEqual([...groupModel].sort());
            expect(state.history.length).toBe(Math.min(metricsSeen, state.historySize));
          }
          totalMetrics += metricsSeen;
        },
      ),
      { numRuns: 300 },
    );
    // the generator must produce valid metrics often, not only garbage
    expect(totalMetrics).toBeGreaterThan(100);
  });
});

describe('history helpers', () => {
  it('appendBounded keeps the newest cap entries without touching its inputs', async () => {
    const { appendBounded } = await import('../../src/core/history.js');
    const list = Object.freeze([1, 2, 3]) as number[];
    expect(appendBounded(list, [4, 5], 4)).toEqual([2, 3, 4, 5]);
    expect(appendBounded(list, [4, 5, 6, 7, 8], 2)).toEqual([7, 8]);
    expect(appendBounded(list, [], 5)).toBe(list);
    expect(appendBounded(list, [], 2)).toEqual([2, 3]);
    expect(appendBounded(list, [9], 0)).toEqual([]);
    expect(appendBounded(list, [9], -1)).toEqual([]);
    expect(appendBounded(list, [9], 2.9)).toEqual([3, 9]);
    expect(list).toEqual([1, 2, 3]);
  });

  it('sampleFromMetrics keys lag by group and by lagKey(group, topic)', async () => {
    const { sampleFromMetrics } = await import('../../src/core/history.js');
    const { lagKey } = await import('../../src/core/state.js');
    const state = apply(createInitialState({ dialect: 'spec' }), [
      frame(metricsMessage(cluster(['a', 'b'], { g: { a: [1, 2], b: [4] }, h: { a: [8] } }))),
    ]);
    const s = sampleFromMetrics(state.metrics!);
    expect(Object.fromEntries(lagEntries(s.groupLag))).toEqual({ g: 7, h: 8 });
    expect(Object.fromEntries(lagEntries(s.topicLag))).toEqual({
      [lagKey('g', 'a')]: 3,
      [lagKey('g', 'b')]: 4,
      [lagKey('h', 'a')]: 8,
    });
    expect(s.throughput).toBe(state.metrics!.throughput);
    expect(s.time).toBe(state.metrics!.receivedAt);
  });
});

describe('reconnect counter', () => {
  it('counts each entry into reconnecting once', () => {
    let state = createInitialState();
    for (const status of [
      'connecting',
      'open',
      'reconnecting',
      'reconnecting',
      'connecting',
      'reconnecting',
    ] as const) {
      state = takhinReducer(state, {
        type: 'connection',
        patch: { status, attempt: state.connection.attempt + 1 },
      });
    }
    expect(state.counters.reconnects).toBe(2);
  });
});
