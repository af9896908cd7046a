import { describe, expect, it } from 'vitest';
import { lagValues } from '../../src/core/lagValues.js';
import { parseFrame } from '../../src/core/parse.js';
import {
  estimateCatchUpSeconds,
  lagTrend,
  selectConsumerLag,
  selectGroup,
  selectGroupList,
  selectTopic,
  selectTopicList,
  selectTopicStat,
  selectTotalLag,
} from '../../src/core/selectors.js';
import { createInitialState, takhinReducer } from '../../src/core/store.js';
import { lagKey } from '../../src/core/state.js';
import type { MetricsSample, TakhinState } from '../../src/core/state.js';
import {
  frame,
  groupUpdated,
  makeConsumerLag,
  makeMetrics,
  makeTopicStat,
  metricsMessage,
  topicCreated,
} from './fixtures.js';

function apply(state: TakhinState, text: string, receivedAt = 1000): TakhinState {
  const { messages, errors } = parseFrame(text);
  return takhinReducer(state, {
    type: 'ingest',
    messages,
    errors,
    frames: 1,
    bytes: text.length,
    receivedAt,
  });
}

const populated = () =>
  apply(
    createInitialState({ dialect: 'spec' }),
    frame(
      metricsMessage(
        makeMetrics({
          topicStats: ['m', 'b', 'x'].map((name) => makeTopicStat(name, { partitions: 2 })),
          consumerLags: [makeConsumerLag('g2', { m: [4] }), makeConsumerLag('g1', { b: [1, 2] })],
        }),
      ),
      topicCreated('a', 1),
      groupUpdated('g0', 'Empty', 0),
    ),
  );

function sample(
  time: number,
  groupLag: Record<string, number>,
  topicLag: Record<string, number> = {},
): MetricsSample {
  return {
    time,
    throughput: { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 },
    latency: { produceP50: 0, produceP95: 0, produceP99: 0, fetchP50: 0, fetchP95: 0, fetchP99: 0 },
    ratesKnown: true,
    totalLag: Object.values(groupLag).reduce((a, b) => a + b, 0),
    groupLag: lagValues(groupLag),
    topicLag: lagValues(topicLag),
  };
}

const series = (lags: number[], stepMs = 2000, group = 'g') =>
  lags.map((lag, i) => sample(i * stepMs, { [group]: lag }));

describe('list selectors', () => {
  it('lists topics and groups sorted, including those only known from events', () => {
    const state = populated();
    expect(selectTopicList(state).map((t) => t.name)).toEqual(['a', 'b', 'm', 'x']);
    expect(selectGroupList(state).map((g) => g.groupId)).toEqual(['g0', 'g1', 'g2']);
    expect(selectTopic(state, 'a')).toEqual({ name: 'a', partitions: 1 });
    expect(selectTopic(state, 'constructor')).toBeUndefined();
    expect(selectGroup(state, 'g0')).toEqual({ groupId: 'g0', state: 'Empty', members: 0, totalLag: 0 });
  });

  it('returns the same array while the underlying record is unchanged', () => {
    const state = populated();
    const topics = selectTopicList(state);
    const groups = selectGroupList(state);
    expect(selectTopicList(state)).toBe(topics);
    const afterGroupEvent = apply(state, frame(groupUpdated('g1', 'Stable', 2)));
    expect(selectTopicList(afterGroupEvent)).toBe(topics);
    expect(selectGroupList(afterGroupEvent)).not.toBe(groups);
    const afterTopicEvent = apply(state, frame(topicCreated('new', 1)));
    expect(selectTopicList(afterTopicEvent)).not.toBe(topics);
    expect(selectTopicList(afterTopicEvent).map((t) => t.name)).toContain('new');
  });

  it('gives empty lists and zero lag before any metrics', () => {
    const state = createInitialState();
    expect(selectTopicList(state)).toEqual([]);
    expect(selectGroupList(state)).toEqual([]);
    expect(selectTotalLag(state)).toBe(0);
    expect(selectTopicStat(state, 'a')).toBeUndefined();
    expect(selectConsumerLag(state, 'g')).toBeUndefined();
  });

  it('finds rows of the sorted metrics arrays and the total lag', () => {
    const state = populated();
    expect(selectTotalLag(state)).toBe(7);
    expect(selectTopicStat(state, 'm')!.name).toBe('m');
    expect(selectTopicStat(state, 'x')!.name).toBe('x');
    expect(selectTopicStat(state, 'a')).toBeUndefined(); // known from an event, not in metrics yet
    expect(selectConsumerLag(state, 'g1')!.totalLag).toBe(3);
    expect(selectConsumerLag(state, 'g2')!.totalLag).toBe(4);
    expect(selectConsumerLag(state, 'zz')).toBeUndefined();
  });
});

describe('lagTrend', () => {
  it('fits the slope of a growing and of a shrinking lag', () => {
    const growing = lagTrend(series([100, 120, 140, 160, 180]), 'g');
    expect(growing.direction).toBe('growing');
    expect(growing.slopePerSec).toBeCloseTo(10, 10);
    expect(growing.samples).toBe(5);
    const shrinking = lagTrend(series([1000, 900, 800, 700]), 'g');
    expect(shrinking.direction).toBe('shrinking');
    expect(shrinking.slopePerSec).toBeCloseTo(-50, 10);
  });

  it('calls small wobbles steady and unknown when there is too little data', () => {
    expect(lagTrend(series([1000, 1010, 995, 1005, 1000]), 'g').direction).toBe('steady');
    expect(lagTrend(series([0, 0, 0]), 'g')).toMatchObject({ direction: 'steady', slopePerSec: 0 });
    expect(lagTrend(series([5]), 'g')).toMatchObject({ direction: 'unknown', samples: 1 });
    expect(lagTrend([], 'g').direction).toBe('unknown');
    expect(lagTrend(series([1, 2, 3]), 'other').direction).toBe('unknown');
    expect(lagTrend([sample(0, { g: 1 }), sample(0, { g: 9 })], 'g').direction).toBe('unknown');
  });

  it('uses only the newest samples and skips samples without the group', () => {
    const history = [
      ...series([0, 1000, 2000]),
      sample(6000, {}),
      ...series([500, 400, 300], 2000).map((s, i) => ({ ...s, time: 8000 + i * 2000 })),
    ];
    const trend = lagTrend(history, 'g', undefined, { samples: 4 });
    expect(trend.samples).toBe(3);
    expect(trend.direction).toBe('shrinking');
    expect(trend.slopePerSec).toBeCloseTo(-50, 10);
  });

  it('follows one topic of a group', () => {
    const history = [0, 1, 2].map((i) =>
      sample(i * 1000, { g: 10 }, { [lagKey('g', 't1')]: 10 - i * 3, [lagKey('g', 't2')]: 5 }),
    );
    expect(lagTrend(history, 'g', 't1')).toMatchObject({ direction: 'shrinking', slopePerSec: -3 });
    expect(lagTrend(history, 'g', 't2').direction).toBe('steady');
  });

  it('is memoised per history array and arguments', () => {
    const history = series([1, 5, 9]);
    expect(lagTrend(history, 'g')).toBe(lagTrend(history, 'g'));
    expect(lagTrend(history, 'g', undefined, { samples: 2 })).not.toBe(lagTrend(history, 'g'));
    expect(lagTrend([...history], 'g')).not.toBe(lagTrend(history, 'g'));
  });
});

describe('estimateCatchUpSeconds', () => {
  it('divides the lag by the shrink rate, or says it cannot', () => {
    expect(estimateCatchUpSeconds(1000, -50)).toBe(20);
    expect(estimateCatchUpSeconds(1000, 0)).toBeNull();
    expect(estimateCatchUpSeconds(1000, 3)).toBeNull();
    expect(estimateCatchUpSeconds(1000, NaN)).toBeNull();
    expect(estimateCatchUpSeconds(1000, -Infinity)).toBeNull();
    expect(estimateCatchUpSeconds(0, -5)).toBe(0);
  });
});
