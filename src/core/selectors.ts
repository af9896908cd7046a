import { lagKey } from './state.js';
import { rowWithKey } from './dialect.js';
import { sampleLag } from './lagValues.js';
import type {
  ConnectionState,
  Counters,
  GroupEvent,
  GroupInfo,
  Metrics,
  MetricsSample,
  TakhinState,
  TopicEvent,
  TopicInfo,
} from './state.js';
import type { ConsumerLag, TopicStat } from './protocol.js';

/** The latest normalized metrics, or null before the first sample. */
export const selectMetrics = (state: TakhinState): Metrics | null => state.metrics;
/** The bounded metrics history, oldest first. */
export const selectHistory = (state: TakhinState): MetricsSample[] => state.history;
/** Recent topic events, newest last. */
export const selectTopicEvents = (state: TakhinState): TopicEvent[] => state.topicEvents;
/** Recent group events, newest last. */
export const selectGroupEvents = (state: TakhinState): GroupEvent[] => state.groupEvents;
/** The connection slice. */
export const selectConnection = (state: TakhinState): ConnectionState => state.connection;
/** Frame, message, byte and error counters. */
export const selectCounters = (state: TakhinState): Counters => state.counters;

/**
 * The selectors the components read the store with, by slice; module-level, so their identity never
 * changes and a view re-renders only when its slice does.
 */
export const select = {
  metrics: selectMetrics,
  history: selectHistory,
  topicEvents: selectTopicEvents,
  groupEvents: selectGroupEvents,
  connection: selectConnection,
  clusterHealth: (s: TakhinState) => s.metrics?.clusterHealth ?? null,
  topicStats: (s: TakhinState) => s.metrics?.topicStats ?? null,
  consumerLags: (s: TakhinState) => s.metrics?.consumerLags ?? null,
  ratesKnown: (s: TakhinState) => s.metrics?.ratesKnown,
  latencyEstimated: (s: TakhinState) => s.metrics?.latencyEstimated,
  throughputSource: (s: TakhinState) => s.metrics?.throughputSource,
  throughputKnown: (s: TakhinState) => s.metrics?.throughputKnown,
  latencyReported: (s: TakhinState) => s.metrics?.latencyReported,
  connectionsReported: (s: TakhinState) => s.metrics?.connectionsReported,
};

/** Sum of every consumer group's lag in the latest metrics; 0 before the first sample. */
export function selectTotalLag(state: TakhinState): number {
  return state.metrics === null ? 0 : state.metrics.totalLag;
}

const topicLists = new WeakMap<object, TopicInfo[]>();
const groupLists = new WeakMap<object, GroupInfo[]>();

/** Current topics sorted by name; the same array for as long as `state.topics` is unchanged. */
export function selectTopicList(state: TakhinState): TopicInfo[] {
  let list = topicLists.get(state.topics);
  if (list === undefined) {
    const names = Object.keys(state.topics).sort();
    list = names.map((name) => state.topics[name]);
    topicLists.set(state.topics, list);
  }
  return list;
}

/** Current consumer groups sorted by id; the same array for as long as `state.groups` is unchanged. */
export function selectGroupList(state: TakhinState): GroupInfo[] {
  let list = groupLists.get(state.groups);
  if (list === undefined) {
    const ids = Object.keys(state.groups).sort();
    list = ids.map((id) => state.groups[id]);
    groupLists.set(state.groups, list);
  }
  return list;
}

/** One current topic by name, or undefined. */
export function selectTopic(state: TakhinState, name: string): TopicInfo | undefined {
  return state.topics[name];
}

/** One current consumer group by id, or undefined. */
export function selectGroup(state: TakhinState, groupId: string): GroupInfo | undefined {
  return state.groups[groupId];
}

const statName = (s: TopicStat): string => s.name;
const lagGroupId = (g: ConsumerLag): string => g.groupId;

/** A topic's row of the latest `topicStats` (binary search on the sorted array), or undefined. */
export function selectTopicStat(state: TakhinState, name: string): TopicStat | undefined {
  return state.metrics === null ? undefined : rowWithKey(state.metrics.topicStats, 0, name, statName);
}

/** A group's row of the latest `consumerLags` (binary search on the sorted array), or undefined. */
export function selectConsumerLag(state: TakhinState, groupId: string): ConsumerLag | undefined {
  return state.metrics === null ? undefined : rowWithKey(state.metrics.consumerLags, 0, groupId, lagGroupId);
}

/** Which way a lag is going over the sampled window. */
export type LagDirection = 'growing' | 'shrinking' | 'steady' | 'unknown';

export interface LagTrend {
  /** Least-squares slope of the lag, messages per second (negative when shrinking); 0 when unknown. */
  slopePerSec: number;
  direction: LagDirection;
  /** Number of samples the trend rests on. */
  samples: number;
  /**
   * The fitted lag at the newest sample: what the line says the lag is now, steadier than the last
   * sample alone (catch-up estimates divide it by the slope). Absent when the trend is unknown.
   */
  fitted?: number;
}

export interface LagTrendOptions {
  /**
   * How many of the newest history samples to fit (30 = one minute at one sample every 2 s).
   * @default 30
   */
  samples?: number;
  /**
   * The lag counts as `steady` while its fitted change over the window stays within this fraction of
   * its mean (and always within 1 message).
   * @default 0.05
   */
  tolerance?: number;
}

const trends = new WeakMap<readonly MetricsSample[], Map<string, LagTrend>>();
const UNKNOWN_TREND: LagTrend = Object.freeze({
  slopePerSec: 0,
  direction: 'unknown',
  samples: 0,
}) as LagTrend;

function computeTrend(
  history: readonly MetricsSample[],
  groupId: string,
  topic: string | undefined,
  count: number,
  tolerance: number,
): LagTrend {
  const key = topic === undefined ? groupId : lagKey(groupId, topic);
  const times: number[] = [];
  const lags: number[] = [];
  for (let i = Math.max(0, history.length - count); i < history.length; i++) {
    const sample = history[i];
    const lag = sampleLag(topic === undefined ? sample.groupLag : sample.topicLag, key);
    if (lag === undefined) continue;
    times.push(sample.time / 1000);
    lags.push(lag);
  }
  const n = times.length;
  if (n < 2) return { ...UNKNOWN_TREND, samples: n };
  const origin = times[0];
  let meanT = 0;
  let meanLag = 0;
  for (let i = 0; i < n; i++) {
    meanT += times[i] - origin;
    meanLag += lags[i];
  }
  meanT /= n;
  meanLag /= n;
  let covariance = 0;
  let variance = 0;
  for (let i = 0; i < n; i++) {
    const dt = times[i] - origin - meanT;
    covariance += dt * (lags[i] - meanLag);
    variance += dt * dt;
  }
  if (!(variance > 0)) return { ...UNKNOWN_TREND, samples: n };
  const slopePerSec = covariance / variance;
  const span = times[n - 1] - origin;
  const change = slopePerSec * span;
  const allowed = Math.max(1, tolerance * meanLag);
  const direction: LagDirection =
    Math.abs(change) <= allowed ? 'steady' : change > 0 ? 'growing' : 'shrinking';
  const fitted = Math.max(0, meanLag + slopePerSec * (times[n - 1] - origin - meanT));
  return { slopePerSec, direction, samples: n, fitted };
}

/**
 * Trend of one group's lag (or of its lag on one topic) over the newest samples of `history`, by a
 * least-squares fit. Samples where the group or topic is absent are skipped (a topic's lag is kept
 * only while its group is tracked or the pair is among the highest lags); fewer than two usable
 * samples give `unknown`. Memoised per history array, so repeated calls return the same object.
 */
export function lagTrend(
  history: readonly MetricsSample[],
  groupId: string,
  topic?: string,
  options: LagTrendOptions = {},
): LagTrend {
  const count = options.samples !== undefined && options.samples >= 2 ? Math.floor(options.samples) : 30;
  const tolerance = options.tolerance !== undefined && options.tolerance >= 0 ? options.tolerance : 0.05;
  const memoKey = JSON.stringify([count, tolerance, groupId, topic ?? null]);
  let cache = trends.get(history);
  if (cache === undefined) {
    cache = new Map();
    trends.set(history, cache);
  }
  let trend = cache.get(memoKey);
  if (trend === undefined) {
    trend = computeTrend(history, groupId, topic, count, tolerance);
    cache.set(memoKey, trend);
  }
  return trend;
}

/**
 * Seconds until a lag reaches 0 at the given slope: 0 when there is no lag, null when the lag is not
 * shrinking (a slope ≥ 0 or not finite).
 */
export function estimateCatchUpSeconds(lag: number, slopePerSec: number): number | null {
  if (!(lag > 0)) return 0;
  if (!(slopePerSec < 0) || !Number.isFinite(slopePerSec)) return null;
  return lag / -slopePerSec;
}
