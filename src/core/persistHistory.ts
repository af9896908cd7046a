/**
 * History that survives a reload (`persistHistory`): the samples and the recent events are written to
 * sessionStorage (or a given Storage) as versioned JSON, bounded in bytes, under a key made from the
 * server address without its query, so no token is ever stored. Framework-free; loaded only when the
 * option is on.
 */
import type { StoreApi } from 'zustand/vanilla';
import { appendBounded } from './history.js';
import type { GroupEvent, MetricsSample, TakhinState, TopicEvent } from './state.js';

/** The parts of the Web Storage API persistence uses (sessionStorage, localStorage, or a test double). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Options of `persistHistory` when given as an object. */
export interface PersistHistoryOptions {
  /**
   * Where the history is kept: `'session'` (the tab's sessionStorage: it survives a reload, not the tab)
   * or any object with `getItem`/`setItem`/`removeItem`, such as `localStorage`.
   * @default 'session'
   */
  storage?: 'session' | StorageLike;
  /**
   * Largest stored text in UTF-8 bytes; the oldest samples and events are left out to stay below it.
   * @default 1048576 (1 MiB)
   */
  maxBytes?: number;
}

/** Format name and version written with every record; anything else is ignored on load. */
export const PERSIST_FORMAT = 'takhin-react/history';
/** 2: samples carry the topics' produce rates (`topicRate`). */
export const PERSIST_VERSION = 2;
export const PERSIST_DEFAULT_MAX_BYTES = 1024 * 1024;
/** Longest time between two writes while data keeps coming (a write also happens on `pagehide`). */
export const PERSIST_WRITE_INTERVAL_MS = 5_000;

/** What a record restores. */
export interface PersistedHistory {
  /** Client time of the write, ms since the epoch. */
  savedAt: number;
  history: MetricsSample[];
  topicEvents: TopicEvent[];
  groupEvents: GroupEvent[];
}

type SampleRow = [
  time: number,
  throughput: [number, number, number, number],
  latency: [number, number, number, number, number, number],
  ratesKnown: 0 | 1,
  totalLag: number | null,
  groupKeys: number,
  groupValues: (number | null)[],
  topicKeys: number,
  topicValues: (number | null)[],
  gap: 0 | 1,
  /** -1 for a sample without `topicRate`. */
  rateKeys: number,
  rateValues: (number | null)[],
];

interface Record1 {
  format: typeof PERSIST_FORMAT;
  version: typeof PERSIST_VERSION;
  key: string;
  savedAt: number;
  keys: string[][];
  samples: SampleRow[];
  topicEvents: TopicEvent[];
  groupEvents: GroupEvent[];
}

const THROUGHPUT = ['produceRate', 'fetchRate', 'produceBytes', 'fetchBytes'] as const;
const LATENCY = ['produceP50', 'produceP95', 'produceP99', 'fetchP50', 'fetchP95', 'fetchP99'] as const;
const TOPIC_EVENT_TYPES = new Set(['topic_created', 'topic_deleted', 'topic_updated']);
const GROUP_EVENT_TYPES = new Set(['group_updated', 'group_created', 'group_deleted']);

/** Byte length of `text` in UTF-8. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

function encodeSamples(history: readonly MetricsSample[]): Pick<Record1, 'keys' | 'samples'> {
  const keys: string[][] = [];
  const index = new Map<readonly string[], number>();
  const keyIndex = (list: readonly string[]) => {
    let found = index.get(list);
    if (found === undefined) {
      found = keys.push([...list]) - 1;
      index.set(list, found);
    }
    return found;
  };
  const samples = history.map((s): SampleRow => [
    s.time,
    THROUGHPUT.map((k) => s.throughput[k]) as SampleRow[1],
    LATENCY.map((k) => s.latency[k]) as SampleRow[2],
    s.ratesKnown ? 1 : 0,
    finite(s.totalLag),
    keyIndex(s.groupLag.keys),
    Array.from(s.groupLag.values, finite),
    keyIndex(s.topicLag.keys),
    Array.from(s.topicLag.values, finite),
    s.gap ? 1 : 0,
    s.topicRate ? keyIndex(s.topicRate.keys) : -1,
    s.topicRate ? Array.from(s.topicRate.values, finite) : [],
  ]);
  return { keys, samples };
}

/**
 * The stored text for `data`, at most `maxBytes` long: when the whole does not fit, the oldest half of
 * the samples and events is left out, again and again. Null when not even an empty record fits.
 */
export function encodeHistory(key: string, data: PersistedHistory, maxBytes: number): string | null {
  let { history, topicEvents, groupEvents } = data;
  for (;;) {
    const record: Record1 = {
      format: PERSIST_FORMAT,
      version: PERSIST_VERSION,
      key,
      savedAt: data.savedAt,
      ...encodeSamples(history),
      topicEvents,
      groupEvents,
    };
    const text = JSON.stringify(record);
    if (utf8Length(text) <= maxBytes) return text;
    if (history.length === 0 && topicEvents.length === 0 && groupEvents.length === 0) return null;
    history = history.slice(Math.ceil(history.length / 2));
    topicEvents = topicEvents.slice(Math.ceil(topicEvents.length / 2));
    groupEvents = groupEvents.slice(Math.ceil(groupEvents.length / 2));
  }
}

/** Why a stored record was ignored. */
export class PersistFormatError extends Error {}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const orNaN = (value: unknown): number => (isNumber(value) ? value : Number.NaN);

function check(condition: boolean, what: string): asserts condition {
  if (!condition) throw new PersistFormatError(what);
}

function decodeValues(values: unknown, length: number): Float64Array {
  check(Array.isArray(values) && values.length === length, 'lag values do not match their keys');
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    check(values[i] === null || isNumber(values[i]), 'a lag value is not a number');
    out[i] = orNaN(values[i]);
  }
  return out;
}

function decodeSample(row: unknown, keys: readonly (readonly string[])[]): MetricsSample {
  check(Array.isArray(row) && row.length === 12, 'a sample is malformed');
  const [time, throughput, latency, ratesKnown, totalLag, gk, gv, tk, tv, gap, rk, rv] = row as unknown[];
  check(isNumber(time), 'a sample has no time');
  check(Array.isArray(throughput) && throughput.length === 4 && throughput.every(isNumber), 'bad throughput');
  check(Array.isArray(latency) && latency.length === 6 && latency.every(isNumber), 'bad latency');
  check(totalLag === null || isNumber(totalLag), 'bad total lag');
  check(typeof gk === 'number' && keys[gk] !== undefined, 'unknown group keys');
  check(typeof tk === 'number' && keys[tk] !== undefined, 'unknown topic keys');
  check(rk === -1 || (typeof rk === 'number' && keys[rk] !== undefined), 'unknown rate keys');
  const sample: MetricsSample = {
    time,
    throughput: Object.fromEntries(
      THROUGHPUT.map((k, i) => [k, throughput[i]]),
    ) as unknown as MetricsSample['throughput'],
    latency: Object.fromEntries(
      LATENCY.map((k, i) => [k, latency[i]]),
    ) as unknown as MetricsSample['latency'],
    ratesKnown: ratesKnown === 1,
    totalLag: orNaN(totalLag),
    groupLag: { keys: keys[gk], values: decodeValues(gv, keys[gk].length) },
    topicLag: { keys: keys[tk], values: decodeValues(tv, keys[tk].length) },
  };
  if (typeof rk === 'number' && rk >= 0)
    sample.topicRate = { keys: keys[rk], values: decodeValues(rv, keys[rk].length) };
  if (gap === 1) sample.gap = true;
  return sample;
}

function checkEvent(event: unknown, types: ReadonlySet<string>, idField: 'name' | 'groupId'): void {
  const e = event as Record<string, unknown> | null;
  check(typeof e === 'object' && e !== null, 'an event is not an object');
  check(typeof e.type === 'string' && types.has(e.type), 'an event has an unknown type');
  check(typeof e[idField] === 'string', 'an event has no name');
  check(isNumber(e.seq) && isNumber(e.receivedAt), 'an event has no number or time');
}

/**
 * Reads a stored record for `key`. Throws a `PersistFormatError` saying why when the text is not JSON,
 * is another format or version, belongs to another address, or is malformed anywhere.
 */
export function decodeHistory(text: string, key: string): PersistedHistory {
  let record: Partial<Record1>;
  try {
    record = JSON.parse(text) as Partial<Record1>;
  } catch {
    throw new PersistFormatError('not JSON');
  }
  check(typeof record === 'object' && record !== null && record.format === PERSIST_FORMAT, 'another format');
  check(record.version === PERSIST_VERSION, `version ${String(record.version)}, not ${PERSIST_VERSION}`);
  check(record.key === key, 'stored for another address');
  check(isNumber(record.savedAt), 'no time of writing');
  const { keys, samples, topicEvents, groupEvents } = record;
  check(
    Array.isArray(keys) && keys.every((k) => Array.isArray(k) && k.every((s) => typeof s === 'string')),
    'bad keys',
  );
  check(Array.isArray(samples) && Array.isArray(topicEvents) && Array.isArray(groupEvents), 'missing lists');
  const history = samples.map((row) => decodeSample(row, keys));
  for (let i = 1; i < history.length; i++)
    check(history[i].time >= history[i - 1].time, 'samples out of order');
  for (const event of topicEvents) checkEvent(event, TOPIC_EVENT_TYPES, 'name');
  for (const event of groupEvents) checkEvent(event, GROUP_EVENT_TYPES, 'groupId');
  return { savedAt: record.savedAt, history, topicEvents, groupEvents };
}

/** A sample standing for a time without data (the page was away): no line is drawn across it. */
export function gapSample(time: number): MetricsSample {
  const none = { keys: [] as string[], values: new Float64Array(0) };
  return {
    time,
    throughput: { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 },
    latency: { produceP50: 0, produceP95: 0, produceP99: 0, fetchP50: 0, fetchP95: 0, fetchP99: 0 },
    ratesKnown: false,
    totalLag: Number.NaN,
    groupLag: none,
    topicLag: none,
    gap: true,
  };
}

/** What `startPersistence` needs besides the store. */
export interface PersistenceHooks {
  /** Restore the stored record into the store (false after the client's first life). */
  restore: boolean;
  /** A record could not be read or written; it is ignored, never fatal. */
  warn(message: string): void;
}

/**
 * `state` with the restored history and events in front of what it holds, and a gap sample at `gapAt`
 * between them. Restored events keep their numbers and are not announced again; events the store
 * numbered already move past them.
 */
export function restoredState(state: TakhinState, data: PersistedHistory, gapAt: number): TakhinState {
  const older = data.history.filter((sample) => sample.time < gapAt);
  const history =
    older.length === 0
      ? state.history
      : appendBounded([...older, gapSample(gapAt)], state.history, state.historySize);
  const current = [...state.topicEvents, ...state.groupEvents];
  let maxRestored = 0;
  for (const event of [...data.topicEvents, ...data.groupEvents])
    maxRestored = Math.max(maxRestored, event.seq);
  const firstCurrent = current.reduce((min, event) => Math.min(min, event.seq), state.nextSeq);
  const shift = Math.max(0, maxRestored + 1 - firstCurrent);
  const merge = <E extends { seq: number }>(restored: E[], events: E[]) => {
    const moved = shift === 0 ? events : events.map((event) => ({ ...event, seq: event.seq + shift }));
    return restored.length === 0 ? moved : appendBounded(restored, moved, state.eventBufferSize);
  };
  return {
    ...state,
    history,
    topicEvents: merge(data.topicEvents, state.topicEvents),
    groupEvents: merge(data.groupEvents, state.groupEvents),
    nextSeq: state.nextSeq + shift,
  };
}

function sessionStorageOrNull(): StorageLike | null {
  try {
    return (globalThis as { sessionStorage?: StorageLike }).sessionStorage ?? null;
  } catch {
    // Reading sessionStorage throws where storage is blocked (sandboxed frames, some privacy modes).
    return null;
  }
}

/**
 * Restores the stored record of `key` into the host, then writes the history back at most every
 * `PERSIST_WRITE_INTERVAL_MS` while it changes, on `pagehide`, and on `stop()`. Does nothing (and
 * returns a no-op) where there is no storage.
 */
export function startPersistence(
  key: string,
  option: true | PersistHistoryOptions,
  store: StoreApi<TakhinState>,
  host: PersistenceHooks,
): () => void {
  const options = option === true ? {} : option;
  const storage =
    options.storage === undefined || options.storage === 'session' ? sessionStorageOrNull() : options.storage;
  if (storage === null) return () => undefined;
  const maxBytes = options.maxBytes ?? PERSIST_DEFAULT_MAX_BYTES;

  let text: string | null = null;
  try {
    text = storage.getItem(key);
  } catch {
    text = null;
  }
  if (text !== null && host.restore) {
    try {
      const data = decodeHistory(text, key);
      store.setState(restoredState(store.getState(), data, Date.now()), true);
    } catch (error) {
      const reason = error instanceof PersistFormatError ? error.message : 'unreadable';
      host.warn(`ignored the stored history (${reason}).`);
      try {
        storage.removeItem(key);
      } catch {
        // Nothing more to do about a storage that refuses.
      }
    }
  }

  let timer: ReturnType<typeof setTimeout> | null = null;
  let warned = false;
  const write = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const { history, topicEvents, groupEvents } = store.getState();
    const encoded = encodeHistory(key, { savedAt: Date.now(), history, topicEvents, groupEvents }, maxBytes);
    try {
      if (encoded === null) storage.removeItem(key);
      else storage.setItem(key, encoded);
    } catch {
      if (!warned) host.warn('could not store the history (storage full or blocked).');
      warned = true;
    }
  };
  const unsubscribe = store.subscribe((state, previous) => {
    const changed =
      state.history !== previous.history ||
      state.topicEvents !== previous.topicEvents ||
      state.groupEvents !== previous.groupEvents;
    if (changed && timer === null) timer = setTimeout(write, PERSIST_WRITE_INTERVAL_MS);
  });
  const scope = globalThis as {
    addEventListener?: (type: string, listener: () => void) => void;
    removeEventListener?: (type: string, listener: () => void) => void;
  };
  scope.addEventListener?.('pagehide', write);
  return () => {
    unsubscribe();
    scope.removeEventListener?.('pagehide', write);
    write();
  };
}
