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

/**
 * Least-squares trends of `size` lags at once: `columns[j][k]` is lag k at `times[j]` (seconds), NaN
 * where a sample lacks it. Two passes over typed arrays (means, then covariance and variance).
 */
function fitColumns(
  columns: ReadonlyArray<ArrayLike<number>>,
  times: readonly number[],
  size: number,
  tolerance: number,
): LagTrend[] {
  const n = new Float64Array(size);
  const origin = new Float64Array(size);
  const last = new Float64Array(size);
  const meanT = new Float64Array(size);
  const meanLag = new Float64Array(size);
  const covariance = new Float64Array(size);
  const variance = new Float64Array(size);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < columns.length; j++) {
      const values = columns[j];
      const t = times[j];
      for (let k = 0; k < size; k++) {
        const lag = values[k];
        if (Number.isNaN(lag)) continue;
        if (pass === 1) {
          const dt = t - origin[k] - meanT[k];
          covariance[k] += dt * (lag - meanLag[k]);
          variance[k] += dt * dt;
          continue;
        }
        if (n[k] === 0) origin[k] = t;
        n[k]++;
        last[k] = t;
        meanT[k] += t - origin[k];
        meanLag[k] += lag;
      }
    }
    if (pass === 0)
      for (let k = 0; k < size; k++) {
        meanT[k] /= n[k];
        meanLag[k] /= n[k];
      }
  }
  const out: LagTrend[] = [];
  for (let k = 0; k < size; k++) {
    const samples = n[k];
    if (samples < 2 || !(variance[k] > 0)) {
      out.push({ ...UNKNOWN_TREND, samples });
      continue;
    }
    const slopePerSec = covariance[k] / variance[k];
    const change = slopePerSec * (last[k] - origin[k]);
    const allowed = Math.max(1, tolerance * meanLag[k]);
    const direction: LagDirection =
      Math.abs(change) <= allowed ? 'steady' : change > 0 ? 'growing' : 'shrinking';
    const fitted = Math.max(0, meanLag[k] + slopePerSec * (last[k] - origin[k] - meanT[k]));
    out.push({ slopePerSec, direction, samples, fitted });
  }
  return out;
}

/** Every group's trend of one history, by window settings (`count|tolerance`), keyed by group id. */
const groupTrends = new WeakMap<readonly MetricsSample[], Map<string, Map<string, LagTrend>>>();

/**
 * The trends of every group of the newest sample at once. Successive samples share their `keys` array
 * while the groups are the same, so a group's values sit at one index in every sample and the fit runs
 * column-wise over typed arrays, not one lookup per group and sample (10,000 groups × 30 samples).
 */
function allGroupTrends(history: readonly MetricsSample[], count: number, tolerance: number) {
  const settings = `${count}|${tolerance}`;
  let bySettings = groupTrends.get(history);
  if (bySettings === undefined) {
    bySettings = new Map();
    groupTrends.set(history, bySettings);
  }
  let found = bySettings.get(settings);
  if (found !== undefined) return found;
  found = new Map();
  bySettings.set(settings, found);
  const keys = history[history.length - 1]?.groupLag.keys ?? [];
  const window = history.slice(Math.max(0, history.length - count));
  const columns = window.map(({ groupLag: column }) =>
    column.keys === keys ? column.values : Float64Array.from(keys, (key) => sampleLag(column, key) ?? NaN),
  );
  const trends = fitColumns(
    columns,
    window.map((sample) => sample.time / 1000),
    keys.length,
    tolerance,
  );
  for (let k = 0; k < keys.length; k++) found.set(keys[k], trends[k]);
  return found;
}

/** One lag's trend (a group absent from the newest sample, or a group's topic). */
function computeTrend(
  history: readonly MetricsSample[],
  groupId: string,
  topic: string | undefined,
  count: number,
  tolerance: number,
): LagTrend {
  const key = topic === undefined ? groupId : lagKey(groupId, topic);
  const window = history.slice(Math.max(0, history.length - count));
  const columns = window.map((sample) => [
    sampleLag(topic === undefined ? sample.groupLag : sample.topicLag, key) ?? NaN,
  ]);
  return fitColumns(
    columns,
    window.map((sample) => sample.time / 1000),
    1,
    tolerance,
  )[0];
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
  if (topic === undefined) {
    const trend = allGroupTrends(history, count, tolerance).get(groupId);
    if (trend !== undefined) return trend;
  }
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
