import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { DEFAULTS } from './defaults.js';
import { brief, TakhinError } from './errors.js';
import type { TakhinErrorCode } from './errors.js';
import { normalizeMetrics } from './dialect.js';
import { reconcileGroups, reconcileTopics } from './reconcile.js';
import { editEntry, finishEdits, replaceRecord, startEdits } from './recordEdits.js';
import type { RecordEdits } from './recordEdits.js';
import { EventLog } from './events.js';
import type { BatchEvents } from './events.js';
import { inferGroupChanges, inferTopicChanges } from './inferEvents.js';
import type { PolledGroup } from './groupPoller.js';
import { appendBounded, sampleFromMetrics } from './history.js';
import type { Dialect, MonitoringMetrics, ServerMessage } from './protocol.js';
import type {
  ConnectionState,
  Counters,
  GroupEvent,
  GroupInfo,
  Metrics,
  MetricsSample,
  RateBaseline,
  TakhinState,
  TopicEvent,
  TopicInfo,
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
    throw new TakhinError(
      'invalid_option',
      process.env.NODE_ENV !== 'production'
        ? `Unknown dialect; use 'takhin' or 'spec'.`
        : brief('invalid_option', 'dialect'),
      { fatal: true },
    );
  }
  return {
    dialect: options.dialect === 'spec' || options.dialect === 'takhin' ? options.dialect : DEFAULTS.dialect,
    metrics: null,
    history: [],
    historySize: sizeOption(options.historySize, DEFAULTS.historySize),
    topicLagPairs: sizeOption(options.topicLagPairs, DEFAULTS.topicLagPairs),
    trackedGroups: emptyRecord(),
    topicEvents: [],
    groupEvents: [],
    eventBufferSize: sizeOption(options.eventBufferSize, DEFAULTS.eventBufferSize),
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

/** What one batch changes, built message by message and published once by {@link publishBatch}. */
interface BatchDraft {
  readonly state: TakhinState;
  readonly receivedAt: number;
  readonly log: EventLog;
  readonly topics: RecordEdits<TopicInfo>;
  readonly groups: RecordEdits<GroupInfo>;
  readonly samples: MetricsSample[];
  metrics: Metrics | null;
  baseline: RateBaseline | null;
  fresh: boolean;
}

/** Applies one batch; see {@link takhinReducer}. */
function ingest(state: TakhinState, action: Extract<TakhinAction, { type: 'ingest' }>): Ingested {
  const { messages, receivedAt } = action;
  const counters = countBatch(state.counters, action);
  const connection = patchConnection(state.connection, {
    lastMessageAt: messages.length > 0 ? receivedAt : undefined,
    lastError: action.errors.length > 0 ? action.errors[action.errors.length - 1] : undefined,
  });
  const draft: BatchDraft = {
    state,
    receivedAt,
    log: new EventLog(state.nextSeq, receivedAt),
    topics: startEdits(state.topics),
    groups: startEdits(state.groups),
    samples: [],
    metrics: state.metrics,
    baseline: state.rateBaseline,
    fresh: state.freshConnection,
  };
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    switch (message.type) {
      case 'metrics':
        applyMetrics(draft, message.data);
        break;
      case 'topic_created':
      case 'topic_deleted':
        applyTopicMessage(draft, message);
        break;
      case 'group_updated':
      case 'group_created':
      case 'group_deleted':
        applyGroupMessage(draft, message);
        break;
      default:
        break;
    }
  }
  return publishBatch(draft, counters, connection);
}

/** The counters after one batch: frames, messages, bytes and bad lines; the same object when all are 0. */
function countBatch(counters: Counters, action: Extract<TakhinAction, { type: 'ingest' }>): Counters {
  const { messages, errors } = action;
  const frames = action.frames > 0 ? action.frames : 0;
  const bytes = action.bytes > 0 ? action.bytes : 0;
  let parseErrors = action.parseErrors ?? 0;
  if (action.parseErrors === undefined) {
    for (let i = 0; i < errors.length; i++) if (PARSE_ERROR_CODES.has(errors[i].code)) parseErrors++;
  }
  if (frames === 0 && bytes === 0 && messages.length === 0 && parseErrors === 0) return counters;
  return {
    ...counters,
    frames: counters.frames + frames,
    messages: counters.messages + messages.length,
    bytes: counters.bytes + bytes,
    parseErrors: counters.parseErrors + parseErrors,
  };
}

/** One metrics message: normalized, sampled into the history, and authoritative for topics and groups. */
function applyMetrics(draft: BatchDraft, raw: MonitoringMetrics): void {
  const { state } = draft;
  const before = draft.metrics;
  const comparable = !draft.fresh && before !== null;
  const normalized = normalizeMetrics(
    raw,
    state.dialect,
    draft.baseline,
    draft.receivedAt,
    before,
    comparable,
  );
  const metrics = normalized.metrics;
  draft.baseline = normalized.baseline;
  draft.metrics = metrics;
  draft.fresh = false;
  const { samples } = draft;
  const previous = samples.length > 0 ? samples[samples.length - 1] : state.history.at(-1);
  samples.push(sampleFromMetrics(metrics, previous, state.trackedGroups, state.topicLagPairs));
  updateRecords(draft, metrics, comparable ? before : null);
}

/**
 * Rebuilds `topics` and `groups` from a metrics sample and, when `before` is a sample of the same
 * connection, infers the events for what came and went between the two.
 */
function updateRecords(draft: BatchDraft, metrics: Metrics, before: Metrics | null): void {
  const { topics, groups, log } = draft;
  const nextTopics = reconcileTopics(topics.record, metrics.topicStats);
  const nextGroups = reconcileGroups(groups.record, metrics.consumerLags);
  if (before !== null && nextTopics !== topics.record)
    inferTopicChanges(log, topics.record, metrics.topicStats, before.topicStats);
  if (before !== null && nextGroups !== groups.record)
    inferGroupChanges(log, groups.record, metrics.consumerLags, before.consumerLags);
  replaceRecord(topics, nextTopics);
  replaceRecord(groups, nextGroups);
}

/** `topic_created` / `topic_deleted`: the record changes at once, and the event is logged. */
function applyTopicMessage(
  draft: BatchDraft,
  message: Extract<ServerMessage, { type: 'topic_created' | 'topic_deleted' }>,
): void {
  const { topics, log, state } = draft;
  const { name } = message.data;
  const isEarlier = (e: TopicEvent) => e.name === name;
  if (message.type === 'topic_created') {
    const { partitions } = message.data;
    const before = topics.record[name];
    if (before === undefined || before.partitions !== partitions) {
      editEntry(topics, name, { name, partitions });
    } else if (alreadyInferred('topic_created', isEarlier, log.topicEvents, state.topicEvents)) {
      return;
    }
  } else if (topics.record[name] !== undefined) {
    editEntry(topics, name, undefined);
  } else if (alreadyInferred('topic_deleted', isEarlier, log.topicEvents, state.topicEvents)) {
    return;
  }
  log.addMessage(message);
}

/** `group_updated` / `group_created` / `group_deleted`: the record changes at once, and the event is logged. */
function applyGroupMessage(
  draft: BatchDraft,
  message: Extract<ServerMessage, { type: 'group_updated' | 'group_created' | 'group_deleted' }>,
): void {
  const { groups, log, state } = draft;
  const { groupId } = message.data;
  if (message.type === 'group_updated') {
    log.addMessage(message);
    const { state: groupState, members } = message.data;
    const before = groups.record[groupId];
    if (before !== undefined && before.state === groupState && before.members === members) return;
    const totalLag = before === undefined ? 0 : before.totalLag;
    editEntry(groups, groupId, { ...before, groupId, state: groupState, members, totalLag });
    return;
  }
  const isEarlier = (e: GroupEvent) => e.groupId === groupId;
  const known = groups.record[groupId] !== undefined;
  if (message.type === 'group_created' ? !known : known) {
    editEntry(groups, groupId, message.type === 'group_created' ? { groupId, totalLag: 0 } : undefined);
  } else if (alreadyInferred(message.type, isEarlier, log.groupEvents, state.groupEvents)) {
    return;
  }
  log.addMessage(message);
}

/** The state after the batch, or the state itself when nothing changed, with the batch's events. */
function publishBatch(draft: BatchDraft, counters: Counters, connection: ConnectionState): Ingested {
  const { state, log, metrics, samples, fresh } = draft;
  // A batch that creates and then removes the same entry leaves the previous record's identity.
  const topics = finishEdits(draft.topics);
  const groups = finishEdits(draft.groups);
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
    topics === state.topics &&
    groups === state.groups &&
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
      topics,
      groups,
      connection,
      counters,
      nextSeq: log.nextSeq,
      rateBaseline: draft.baseline,
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

/** The store's pure reducer: never mutates, never throws (rules: docs/architecture.md, "The store"). */
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
    const reason = cause instanceof Error ? cause.message : '';
    const message =
      process.env.NODE_ENV !== 'production'
        ? `the store could not apply an action${reason ? `: ${reason}` : ''}`
        : brief('invalid_message', reason);
    const error = new TakhinError('invalid_message', message, { fatal: false });
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
