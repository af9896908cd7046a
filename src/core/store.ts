import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { TakhinError } from './errors.js';
import type { TakhinErrorCode } from './errors.js';
import { normalizeMetrics } from './dialect.js';
import { reconcileGroups, reconcileTopics } from './reconcile.js';
import { editEntry, finishEdits, replaceRecord, startEdits } from './recordEdits.js';
import { EventLog } from './events.js';
import type { BatchEvents } from './events.js';
import { inferGroupChanges, inferTopicChanges } from './inferEvents.js';
import type { PolledGroup } from './groupPoller.js';
import { appendBounded, sampleFromMetrics } from './history.js';
import type { Dialect, ServerMessage } from './protocol.js';
import type {
  ConnectionState,
  Counters,
  GroupEvent,
  Metrics,
  MetricsSample,
  TakhinState,
  TopicEvent,
} from './state.js';

/** Everything that can change the store. */
export type TakhinAction =
  /** A batch of parsed frames (possibly many), applied in one state update. */
  | {
      type: 'ingest';
      messages: ServerMessage[];
      errors: TakhinError[];
      /**
       * Bad lines in the batch, counted into `counters.parseErrors`: `ParsedFrame.parseErrors`, since a
       * frame reports only its first few bad lines one by one.
       * @default the `invalid_json`, `invalid_message` and `unknown_type` errors in `errors`
       */
      parseErrors?: number;
      /** Number of frames the batch came from. */
      frames: number;
      /** Size of those frames (UTF-16 code units or bytes, as the client measures). */
      bytes: number;
      /** Client time the batch arrived, ms since the epoch. */
      receivedAt: number;
    }
  /**
   * Group states and member counts from `GET /api/consumer-groups` (the `pollGroups` option): a change
   * for a known group gives an inferred `group_updated`; the first state learnt for a group gives none.
   */
  | { type: 'groupStates'; groups: readonly PolledGroup[]; receivedAt: number }
  | { type: 'connection'; patch: Partial<ConnectionState> }
  | { type: 'error'; error: TakhinError }
  /**
   * Counts one more (`delta: 1`) or one fewer (`delta: -1`) holder interested in every topic's lag of
   * `groupId`; while any holds it, each history sample keeps those lags. See `trackGroupLag`.
   */
  | { type: 'trackGroupLag'; groupId: string; delta: 1 | -1 }
  /**
   * Clears metrics, history, events, topics, groups and the rate baseline; keeps the options, the
   * connection, the counters, `trackedGroups` and `nextSeq` (event numbers stay unique for the client's lifetime).
   */
  | { type: 'reset' };

/** Options of {@link createTakhinStore} and {@link createInitialState}. */
export interface TakhinStoreOptions {
  /**
   * How the server fills `metrics`: `takhin` for the real upstream server (cumulative counters, latency
   * in seconds), `spec` for servers following the quick reference (rates per second, latency in ms).
   * @default 'takhin'
   */
  dialect?: Dialect;
  /**
   * Number of metrics samples kept for charts (300 = 10 minutes at one sample every 2 s).
   * @default 300
   */
  historySize?: number;
  /**
   * Number of group × topic pairs whose lag each history sample keeps because they have the highest
   * lag in it, besides every topic of the groups tracked with `trackGroupLag`. Every group's total lag
   * is always kept. Bounds the history at many groups × topics.
   * @default 100
   */
  topicLagPairs?: number;
  /**
   * Number of topic events, and separately of group events, kept in the store.
   * @default 200
   */
  eventBufferSize?: number;
}

/** Defaults of {@link TakhinStoreOptions}. */
export const STORE_DEFAULTS = Object.freeze({
  dialect: 'takhin',
  historySize: 300,
  topicLagPairs: 100,
  eventBufferSize: 200,
} as const satisfies Required<TakhinStoreOptions>);

/** Error codes `parseFrame` produces for a bad line; they count as `counters.parseErrors`. */
const PARSE_ERROR_CODES: ReadonlySet<TakhinErrorCode> = new Set<TakhinErrorCode>([
  'invalid_json',
  'invalid_message',
  'unknown_type',
]);

function sizeOption(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && value >= 0 && value !== Infinity ? Math.floor(value) : fallback;
}

function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * A fresh state. `topics` and `groups` are prototype-free records (a topic may be named `constructor`);
 * test membership with `name in topics` or `Object.hasOwn`, not `topics.hasOwnProperty`.
 */
export function createInitialState(options: TakhinStoreOptions = {}): TakhinState {
  if (options.dialect !== undefined && options.dialect !== 'spec' && options.dialect !== 'takhin') {
    throw new TakhinError('invalid_option', `Unknown dialect; use 'takhin' or 'spec'.`, { fatal: true });
  }
  return {
    dialect:
      options.dialect === 'spec' || options.dialect === 'takhin' ? options.dialect : STORE_DEFAULTS.dialect,
    metrics: null,
    history: [],
    historySize: sizeOption(options.historySize, STORE_DEFAULTS.historySize),
    topicLagPairs: sizeOption(options.topicLagPairs, STORE_DEFAULTS.topicLagPairs),
    trackedGroups: emptyRecord(),
    topicEvents: [],
    groupEvents: [],
    eventBufferSize: sizeOption(options.eventBufferSize, STORE_DEFAULTS.eventBufferSize),
    topics: emptyRecord(),
    groups: emptyRecord(),
    connection: {
      status: 'idle',
      attempt: 0,
      nextRetryAt: null,
      lastMessageAt: null,
      openedAt: null,
      lastCloseCode: null,
      lastError: null,
      leader: true,
    },
    counters: { frames: 0, messages: 0, bytes: 0, parseErrors: 0, reconnects: 0 },
    nextSeq: 1,
    rateBaseline: null,
    freshConnection: true,
  };
}

function patchConnection(connection: ConnectionState, patch: Partial<ConnectionState>): ConnectionState {
  let next: ConnectionState | null = null;
  for (const key of Object.keys(patch) as (keyof ConnectionState)[]) {
    if (!(key in connection)) continue;
    const value = patch[key];
    if (value === undefined || Object.is(connection[key], value)) continue;
    next ??= { ...connection };
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next ?? connection;
}

/**
 * Whether a real event repeats a change already inferred from the metrics: it changed nothing, and the
 * newest event about the same name is an inferred one of the same type.
 */
function alreadyInferred<E extends TopicEvent | GroupEvent>(
  type: E['type'],
  matches: (event: E) => boolean,
  batch: readonly E[],
  earlier: readonly E[],
): boolean {
  for (const list of [batch, earlier]) {
    for (let i = list.length - 1; i >= 0; i--) {
      if (matches(list[i])) return list[i].inferred === true && list[i].type === type;
    }
  }
  return false;
}

interface Ingested {
  state: TakhinState;
  events: BatchEvents;
}

/** Applies one batch; see {@link takhinReducer}. */
function ingest(state: TakhinState, action: Extract<TakhinAction, { type: 'ingest' }>): Ingested {
  const { messages, errors, receivedAt } = action;
  const frames = action.frames > 0 ? action.frames : 0;
  const bytes = action.bytes > 0 ? action.bytes : 0;
  let parseErrors = action.parseErrors ?? 0;
  if (action.parseErrors === undefined) {
    for (let i = 0; i < errors.length; i++) if (PARSE_ERROR_CODES.has(errors[i].code)) parseErrors++;
  }

  let counters: Counters = state.counters;
  if (frames > 0 || bytes > 0 || messages.length > 0 || parseErrors > 0) {
    counters = {
      ...counters,
      frames: counters.frames + frames,
      messages: counters.messages + messages.length,
      bytes: counters.bytes + bytes,
      parseErrors: counters.parseErrors + parseErrors,
    };
  }
  const connection = patchConnection(state.connection, {
    lastMessageAt: messages.length > 0 ? receivedAt : undefined,
    lastError: errors.length > 0 ? errors[errors.length - 1] : undefined,
  });

  const log = new EventLog(state.nextSeq, receivedAt);
  let metrics: Metrics | null = state.metrics;
  let baseline = state.rateBaseline;
  let fresh = state.freshConnection;
  const topics = startEdits(state.topics);
  const groups = startEdits(state.groups);
  const samples: MetricsSample[] = [];

  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    switch (message.type) {
      case 'metrics': {
        const before = metrics;
        const comparable = !fresh && before !== null;
        const normalized = normalizeMetrics(
          message.data,
          state.dialect,
          baseline,
          receivedAt,
          before,
          comparable,
        );
        baseline = normalized.baseline;
        metrics = normalized.metrics;
        fresh = false;
        const previous = samples.length > 0 ? samples[samples.length - 1] : state.history.at(-1);
        samples.push(sampleFromMetrics(metrics, previous, state.trackedGroups, state.topicLagPairs));
        const nextTopics = reconcileTopics(topics.record, metrics.topicStats);
        const nextGroups = reconcileGroups(groups.record, metrics.consumerLags);
        if (comparable && nextTopics !== topics.record)
          inferTopicChanges(log, topics.record, metrics.topicStats, before.topicStats);
        if (comparable && nextGroups !== groups.record)
          inferGroupChanges(log, groups.record, metrics.consumerLags, before.consumerLags);
        replaceRecord(topics, nextTopics);
        replaceRecord(groups, nextGroups);
        break;
      }
      case 'topic_created': {
        const { name, partitions } = message.data;
        const before = topics.record[name];
        if (before === undefined || before.partitions !== partitions) {
          editEntry(topics, name, { name, partitions });
        } else if (
          alreadyInferred('topic_created', (e) => e.name === name, log.topicEvents, state.topicEvents)
        ) {
          break;
        }
        log.addMessage(message);
        break;
      }
      case 'topic_deleted': {
        const { name } = message.data;
        if (topics.record[name] !== undefined) editEntry(topics, name, undefined);
        else if (alreadyInferred('topic_deleted', (e) => e.name === name, log.topicEvents, state.topicEvents))
          break;
        log.addMessage(message);
        break;
      }
      case 'group_updated': {
        log.addMessage(message);
        const { groupId, state: groupState, members } = message.data;
        const before = groups.record[groupId];
        if (before !== undefined && before.state === groupState && before.members === members) break;
        const totalLag = before === undefined ? 0 : before.totalLag;
        editEntry(groups, groupId, { ...before, groupId, state: groupState, members, totalLag });
        break;
      }
      case 'group_created': {
        const { groupId } = message.data;
        if (groups.record[groupId] === undefined) editEntry(groups, groupId, { groupId, totalLag: 0 });
        else if (
          alreadyInferred('group_created', (e) => e.groupId === groupId, log.groupEvents, state.groupEvents)
        )
          break;
        log.addMessage(message);
        break;
      }
      case 'group_deleted': {
        const { groupId } = message.data;
        if (groups.record[groupId] !== undefined) editEntry(groups, groupId, undefined);
        else if (
          alreadyInferred('group_deleted', (e) => e.groupId === groupId, log.groupEvents, state.groupEvents)
        )
          break;
        log.addMessage(message);
        break;
      }
      default:
        break;
    }
  }

  // A batch that creates and then removes the same entry leaves the previous record's identity.
  const nextTopics = finishEdits(topics);
  const nextGroups = finishEdits(groups);
  const history =
    samples.length > 0 ? appendBounded(state.history, samples, state.historySize) : state.history;
  const topicEvents =
    log.topicEvents.length > 0
      ? appendBounded(state.topicEvents, log.topicEvents, state.eventBufferSize)
      : state.topicEvents;
  const groupEvents =
    log.groupEvents.length > 0
      ? appendBounded(state.groupEvents, log.groupEvents, state.eventBufferSize)
      : state.groupEvents;

  if (
    counters === state.counters &&
    connection === state.connection &&
    metrics === state.metrics &&
    history === state.history &&
    nextTopics === state.topics &&
    nextGroups === state.groups &&
    topicEvents === state.topicEvents &&
    groupEvents === state.groupEvents &&
    log.nextSeq === state.nextSeq &&
    fresh === state.freshConnection
  ) {
    return { state, events: log };
  }
  return {
    state: {
      ...state,
      metrics,
      history,
      topicEvents,
      groupEvents,
      topics: nextTopics,
      groups: nextGroups,
      connection,
      counters,
      nextSeq: log.nextSeq,
      rateBaseline: baseline,
      freshConnection: fresh,
    },
    events: log,
  };
}

function countGroupTracker(state: TakhinState, groupId: string, delta: number): TakhinState {
  if (typeof groupId !== 'string' || (delta !== 1 && delta !== -1)) return state;
  const count = (state.trackedGroups[groupId] ?? 0) + delta;
  if (count < 0) return state;
  const trackedGroups: Record<string, number> = Object.assign(emptyRecord<number>(), state.trackedGroups);
  if (count === 0) delete trackedGroups[groupId];
  else trackedGroups[groupId] = count;
  return { ...state, trackedGroups };
}

function applyGroupStates(
  state: TakhinState,
  action: Extract<TakhinAction, { type: 'groupStates' }>,
): Ingested {
  const log = new EventLog(state.nextSeq, action.receivedAt);
  const groups = startEdits(state.groups);
  for (const { groupId, state: groupState, members } of action.groups) {
    const before = groups.record[groupId];
    if (before === undefined || (before.state === groupState && before.members === members)) continue;
    if (before.state !== undefined || before.members !== undefined)
      log.inferGroup('group_updated', groupId, groupState, members);
    editEntry(groups, groupId, { ...before, state: groupState, members });
  }
  const nextGroups = finishEdits(groups);
  if (nextGroups === state.groups && log.groupEvents.length === 0) return { state, events: log };
  const groupEvents =
    log.groupEvents.length > 0
      ? appendBounded(state.groupEvents, log.groupEvents, state.eventBufferSize)
      : state.groupEvents;
  return { state: { ...state, groups: nextGroups, groupEvents, nextSeq: log.nextSeq }, events: log };
}

function reset(state: TakhinState): TakhinState {
  const alreadyEmpty =
    state.metrics === null &&
    state.history.length === 0 &&
    state.topicEvents.length === 0 &&
    state.groupEvents.length === 0 &&
    Object.keys(state.topics).length === 0 &&
    Object.keys(state.groups).length === 0 &&
    state.rateBaseline === null;
  if (alreadyEmpty) return state;
  return {
    ...state,
    metrics: null,
    history: [],
    topicEvents: [],
    groupEvents: [],
    topics: emptyRecord(),
    groups: emptyRecord(),
    rateBaseline: null,
  };
}

/**
 * The store's pure reducer. Never mutates `state`, never throws, and returns `state` itself when the
 * action changes nothing, so subscribers are not woken for nothing.
 *
 * `ingest` applies a whole batch in one update, message by message in order:
 * - every message counts in `counters.messages`; `invalid_json`, `invalid_message` and `unknown_type`
 *   errors count in `counters.parseErrors`; `connection.lastMessageAt` becomes `receivedAt` when the batch
 *   held a message, `connection.lastError` the batch's last error when it held one;
 * - `metrics` is normalised for the store's dialect, appended to `history` (bounded by `historySize`)
 *   and is authoritative for `topics` (from `topicStats`) and `groups` (from `consumerLags`, keeping the
 *   `state`/`members` a `group_updated` taught for groups still listed);
 * - topic and group events update `topics`/`groups` at once and append to `topicEvents`/`groupEvents`
 *   (bounded by `eventBufferSize`, newest last, numbered from `nextSeq` as `eventsFromMessages` does);
 *   a group known only from an event stays until the next `metrics`; `Dead` is kept as reported;
 * - `pong` only counts as a message.
 *
 * Unchanged slices keep their identity: an event batch leaves `metrics` and `history` alone, a metrics
 * tick leaves the event arrays alone, and unchanged parts of metrics are shared with the previous sample.
 *
 * `error` sets `connection.lastError` (it does not count as a parse error). `connection` merges a patch
 * (undefined values are ignored). `trackGroupLag` counts holders in `trackedGroups` (never below 0);
 * `reset` keeps them, since they belong to mounted views, not to the data.
 */
export function takhinReducer(state: TakhinState, action: TakhinAction): TakhinState {
  try {
    switch (action.type) {
      case 'ingest':
        return ingest(state, action).state;
      case 'groupStates':
        return applyGroupStates(state, action).state;
      case 'connection': {
        const connection = patchConnection(state.connection, action.patch ?? {});
        if (connection === state.connection) return state;
        // Each entry into `reconnecting` is one reconnect cycle.
        const startsReconnect =
          connection.status === 'reconnecting' && state.connection.status !== 'reconnecting';
        const counters = startsReconnect
          ? { ...state.counters, reconnects: state.counters.reconnects + 1 }
          : state.counters;
        // A new socket's first sample is compared with nothing from before the gap.
        const opens = connection.status === 'open' && state.connection.status !== 'open';
        return { ...state, connection, counters, freshConnection: opens || state.freshConnection };
      }
      case 'error':
        return action.error === state.connection.lastError
          ? state
          : { ...state, connection: { ...state.connection, lastError: action.error } };
      case 'reset':
        return reset(state);
      case 'trackGroupLag':
        return countGroupTracker(state, action.groupId, action.delta);
      default:
        return state;
    }
  } catch (cause) {
    // Only a hand-built, unvalidated message can get here; report it instead of breaking the app.
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    const error = new TakhinError('invalid_message', `the store could not apply an action${reason}`, {
      fatal: false,
    });
    return { ...state, connection: { ...state.connection, lastError: error } };
  }
}

/** A zustand vanilla store of {@link TakhinState} with a `dispatch` that runs {@link takhinReducer}. */
export type TakhinStore = StoreApi<TakhinState> & {
  /**
   * Applies an action; subscribers are notified only when the state changed. Returns the topic and group
   * events an `ingest` or `groupStates` recorded (announced and inferred, even those the bounded buffers already dropped).
   */
  dispatch(action: TakhinAction): BatchEvents;
};

/** Creates the store a `TakhinClient` feeds. Framework-free: React reads it through `useSyncExternalStore`. */
export function createTakhinStore(options?: TakhinStoreOptions): TakhinStore {
  const store = createStore<TakhinState>()(() => createInitialState(options));
  const dispatch = (action: TakhinAction): BatchEvents => {
    const previous = store.getState();
    let next: TakhinState;
    let events: BatchEvents = { topicEvents: [], groupEvents: [], nextSeq: previous.nextSeq };
    if (action.type === 'ingest' || action.type === 'groupStates') {
      try {
        ({ state: next, events } =
          action.type === 'ingest' ? ingest(previous, action) : applyGroupStates(previous, action));
      } catch {
        next = takhinReducer(previous, action);
      }
    } else {
      next = takhinReducer(previous, action);
    }
    if (next !== previous) store.setState(next, true);
    return events;
  };
  return Object.assign(store, { dispatch });
}
