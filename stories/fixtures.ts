/**
 * Deterministic data for stories and component tests: the simulator's seeded cluster model (the one
 * `startSimulator` and `createSimulatedSocketFactory` run) on a fixed start time, its metrics fed through
 * the real store, so what a story shows is what a client of that server would show. The same cluster,
 * seed and tick always give the same metrics.
 */
import type { ConnectionState, GroupEvent, Metrics, MetricsSample, TopicEvent } from '../src/core/state.js';
import { TakhinError } from '../src/core/errors.js';
import { sampleFromMetrics } from '../src/core/history.js';
import { createTakhinStore } from '../src/core/store.js';
import { ClusterModel } from '../src/sim/cluster.js';
import { metricsFor } from '../src/sim/metrics.js';
import { groupName, SIZES, topicName } from '../src/sim/presets.js';
import type { ClusterShape, Scenario } from '../src/sim/presets.js';

/** Sizes of a synthetic cluster: the simulator's {@link ClusterShape}. */
export type FixtureShape = ClusterShape;

/** The simulator's presets (`huge`: 1,000 topics × 12 partitions, 200 groups × 5 topics). */
export const SHAPES = { empty: SIZES.empty, small: SIZES.small, huge: SIZES.huge } as const;

/** 2025-01-15 12:00:00 UTC: fixed so fixtures never depend on the clock. */
export const BASE_TIME = Date.UTC(2025, 0, 15, 12, 0, 0);
export const INTERVAL_MS = 2000;

/** What a fixture series is made from: the simulator's cluster options. */
export interface FixtureCluster {
  shape: FixtureShape;
  seed: number;
  scenario: Scenario;
}

export function makeCluster(shape: FixtureShape, seed = 1, scenario: Scenario = 'steady'): FixtureCluster {
  return { shape, seed, scenario };
}

/** How fixture metrics are made. */
export interface FixtureOptions {
  /** Latency percentiles flagged as estimates, as the `takhin` dialect reports them; false: as measured. Default true. */
  estimated?: boolean;
  /**
   * Metrics as the real Takhin Console gives them: the server's counters and latency all 0, so the store
   * derives rates from offsets (`throughputSource: 'offsets'`, fetch bytes unknown, a `consumeRate` on
   * every group, topic and partition), `latencyReported: false`; tick 0 has no rates yet. Default false.
   */
  offsets?: boolean;
}

type Series = ReturnType<typeof runSeries>;
const made = new Map<string, Series>();

/** Normalized metrics of `cluster` at `tick` (one tick = one 2 s metrics interval). */
export function makeMetrics(cluster: FixtureCluster, tick: number, options: FixtureOptions = {}): Metrics {
  return makeSeries(cluster, tick + 1, options).all[tick];
}

/** The history sample a store would keep for `metrics` (every group × topic pair: the clusters are small). */
export function sampleOf(metrics: Metrics): MetricsSample {
  return sampleFromMetrics(metrics);
}

/** Metrics at ticks 0…`ticks - 1` and their history, oldest first; `metrics` is the newest. */
export function makeSeries(cluster: FixtureCluster, ticks: number, options: FixtureOptions = {}) {
  // A longer series starts like a shorter one: keep the longest made and cut it.
  const key = JSON.stringify([cluster, options.offsets === true, options.estimated ?? true]);
  let series = made.get(key);
  if (!series || series.all.length < ticks) made.set(key, (series = runSeries(cluster, ticks, options)));
  const all = series.all.slice(0, ticks);
  return { metrics: all[all.length - 1] ?? null, history: series.history.slice(0, ticks), all };
}

/**
 * Runs the simulator's model for `ticks` metrics intervals and feeds each tick's metrics to a store, as a
 * client of a `takhin` server would see them: instrumented (counters and latency move), or, with
 * `offsets`, as the real Console sends them. Instrumented, the store has seen one tick before tick 0, so
 * that every tick has rates.
 */
function runSeries(cluster: FixtureCluster, ticks: number, options: FixtureOptions) {
  const warmUp = options.offsets ? 0 : 1;
  const model = new ClusterModel({
    seed: cluster.seed,
    size: cluster.shape,
    scenario: cluster.scenario,
    startTime: BASE_TIME - (warmUp + 1) * INTERVAL_MS,
  });
  const store = createTakhinStore({ dialect: 'takhin', historySize: Math.max(1, ticks) });
  const all: Metrics[] = [];
  for (let tick = -warmUp; tick < ticks; tick++) {
    model.advance(INTERVAL_MS);
    const data = metricsFor(model, 'takhin', model.shuffleRandom, !options.offsets);
    const message = { type: 'metrics' as const, data, timestamp: model.nowSeconds };
    const receivedAt = BASE_TIME + tick * INTERVAL_MS;
    store.dispatch({ type: 'ingest', messages: [message], errors: [], frames: 1, bytes: 0, receivedAt });
    const metrics = store.getState().metrics!;
    if (tick >= 0) all.push(options.estimated === false ? { ...metrics, latencyEstimated: false } : metrics);
  }
  return { all, history: all.map(sampleOf) };
}

export const smallCluster = makeCluster(SHAPES.small);
export const emptyCluster = makeCluster(SHAPES.empty);

let huge: ReturnType<typeof makeSeries> | undefined;
/** 1,000 topics × 12 partitions, 200 groups × 5 topics × 12 partitions; built once, on first use. */
export function hugeSeries() {
  huge ??= makeSeries(makeCluster(SHAPES.huge, 7), 30);
  return huge;
}

/** A topic name that would run script if anything rendered it as HTML. */
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

export function makeEvents(count = 8): { topicEvents: TopicEvent[]; groupEvents: GroupEvent[] } {
  const topicEvents: TopicEvent[] = [];
  const groupEvents: GroupEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const receivedAt = BASE_TIME + i * 7000;
    if (i % 3 === 2) {
      groupEvents.push({
        seq: i,
        type: 'group_updated',
        groupId: groupName(i % SHAPES.small.groups),
        state: 'Stable',
        members: 1 + (i % 4),
        receivedAt,
      });
    } else {
      const name = i === 1 ? HOSTILE_NAME : topicName(i % SHAPES.small.topics);
      topicEvents.push(
        i % 3 === 0
          ? { seq: i, type: 'topic_created', name, partitions: 6, receivedAt }
          : { seq: i, type: 'topic_deleted', name, receivedAt },
      );
    }
  }
  return { topicEvents, groupEvents };
}

/**
 * Events as a client of the real Console logs them: most changes seen in the metrics (`inferred`), a
 * partition count that grew (`topic_updated`), and one topic created through the REST API, announced.
 */
export function makeInferredEvents(): { topicEvents: TopicEvent[]; groupEvents: GroupEvent[] } {
  const at = (i: number) => BASE_TIME + i * 9000;
  return {
    topicEvents: [
      { seq: 0, type: 'topic_created', name: 'orders.events', partitions: 3, receivedAt: at(0) },
      {
        seq: 2,
        type: 'topic_created',
        name: 'clicks.events',
        partitions: 6,
        inferred: true,
        receivedAt: at(2),
      },
      {
        seq: 3,
        type: 'topic_updated',
        name: 'orders.events',
        partitions: 6,
        previousPartitions: 3,
        inferred: true,
        receivedAt: at(3),
      },
      { seq: 5, type: 'topic_deleted', name: HOSTILE_NAME, inferred: true, receivedAt: at(5) },
    ],
    groupEvents: [
      { seq: 1, type: 'group_created', groupId: 'indexer-consumer', inferred: true, receivedAt: at(1) },
      { seq: 4, type: 'group_deleted', groupId: 'mailer-consumer', inferred: true, receivedAt: at(4) },
    ],
  };
}

const IDLE: ConnectionState = {
  status: 'idle',
  attempt: 0,
  nextRetryAt: null,
  lastMessageAt: null,
  openedAt: null,
  lastCloseCode: null,
  lastError: null,
};

/** Connection states for every status; `reconnecting` counts down from `retryInMs` after creation. */
export const connections = {
  live: (): ConnectionState => ({
    ...IDLE,
    status: 'open',
    openedAt: Date.now() - 60_000,
    lastMessageAt: Date.now(),
  }),
  /** Open, but nothing has come through the socket yet. */
  waiting: (): ConnectionState => ({ ...IDLE, status: 'open', openedAt: Date.now() - 1000 }),
  /** Open, but the last message is `ageMs` old (a stalled server). */
  stale: (ageMs = 45_000): ConnectionState => ({
    ...IDLE,
    status: 'open',
    openedAt: Date.now() - 120_000,
    lastMessageAt: Date.now() - ageMs,
  }),
  connecting: (): ConnectionState => ({ ...IDLE, status: 'connecting' }),
  reconnecting: (retryInMs = 8000): ConnectionState => ({
    ...IDLE,
    status: 'reconnecting',
    attempt: 3,
    nextRetryAt: Date.now() + retryInMs,
    lastCloseCode: 1006,
    lastError: new TakhinError('connection_lost', 'The connection closed unexpectedly (code 1006).', {
      closeCode: 1006,
    }),
  }),
  offline: (): ConnectionState => ({ ...IDLE, status: 'closed', lastCloseCode: 1000 }),
  error: (): ConnectionState => ({
    ...IDLE,
    status: 'closed',
    attempt: 10,
    lastError: new TakhinError(
      'max_retries',
      'Gave up after 10 attempts: the server refused the connection.',
      {
        fatal: true,
      },
    ),
  }),
};
