import { brief, TakhinError, excerptOf } from './errors.js';
import { GROUP_STATES, SERVER_MESSAGE_TYPES } from './protocol.js';
import type { GroupState, MonitoringMetrics, ServerMessage, ServerMessageType } from './protocol.js';

/**
 * What one WebSocket text frame held: the valid messages in order, one error per bad line up to
 * {@link MAX_ERRORS_PER_FRAME} and then one summary, and the exact number of bad lines.
 */
export interface ParsedFrame {
  messages: ServerMessage[];
  errors: TakhinError[];
  /** Lines that were not valid messages (`invalid_json`, `invalid_message`, `unknown_type`), all of them. */
  parseErrors: number;
}

/**
 * What an event field must hold: a name (a string of at most {@link MAX_NAME_LENGTH} characters), a
 * count (a whole number ≥ 0), or one of {@link GROUP_STATES}.
 */
export type FieldKind = 'name' | 'count' | 'state';

/**
 * Longest topic or group name accepted, in UTF-16 code units. Kafka allows 249 characters for topics;
 * the margin covers other servers, while a 10 MB name cannot reach the store and every view.
 */
export const MAX_NAME_LENGTH = 1024;

/**
 * The fields of each topic and group event payload, in the order they are checked, copied into the
 * message and copied into the event.
 */
export const EVENT_FIELDS: Readonly<Record<string, ReadonlyArray<readonly [string, FieldKind]>>> = {
  topic_created: [
    ['name', 'name'],
    ['partitions', 'count'],
  ],
  topic_deleted: [['name', 'name']],
  group_updated: [
    ['groupId', 'name'],
    ['state', 'state'],
    ['members', 'count'],
  ],
  group_created: [['groupId', 'name']],
  group_deleted: [['groupId', 'name']],
};

// `v - v === 0` is false for NaN and ±Infinity (JSON.parse turns 1e400 into Infinity).
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && value - value === 0;
}

export function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_NAME_LENGTH;
}

export function hasKind(value: unknown, kind: FieldKind): boolean {
  if (kind === 'name') return isName(value);
  if (kind === 'count') return Number.isSafeInteger(value) && (value as number) >= 0;
  return GROUP_STATES.includes(value as GroupState);
}

export function describeKind(kind: FieldKind): string {
  if (kind === 'name') return NAME_RULE;
  if (kind === 'count') return 'a whole number ≥ 0';
  return `one of ${GROUP_STATES.join(', ')}`;
}

export const NAME_RULE = `a string of at most ${MAX_NAME_LENGTH} characters`;

// The rule a bad field broke is spelled out in development only: a production build names the field.
const OBJECT = () => (process.env.NODE_ENV !== 'production' ? ' must be an object' : '');
const ARRAY = () => (process.env.NODE_ENV !== 'production' ? ' must be an array' : '');
const NUMBER = () => (process.env.NODE_ENV !== 'production' ? ' must be a finite number' : '');
const NAME = () => (process.env.NODE_ENV !== 'production' ? ` must be ${NAME_RULE}` : '');

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const THROUGHPUT_KEYS = ['produceRate', 'fetchRate', 'produceBytes', 'fetchBytes'];
const LATENCY_KEYS = ['produceP50', 'produceP95', 'produceP99', 'fetchP50', 'fetchP95', 'fetchP99'];
const CLUSTER_HEALTH_KEYS = [
  'activeConnections',
  'totalTopics',
  'totalPartitions',
  'totalConsumers',
  'diskUsageBytes',
  'memoryUsageBytes',
  'goroutineCount',
];

const KNOWN_TYPES: ReadonlySet<string> = new Set<ServerMessageType>(SERVER_MESSAGE_TYPES);

function firstNonNumber(obj: Obj, keys: readonly string[]): string | null {
  for (let i = 0; i < keys.length; i++) {
    if (!isFiniteNumber(obj[keys[i]])) return keys[i];
  }
  return null;
}

function checkNumberRecord(value: unknown, keys: readonly string[], path: string): string | null {
  if (!isObject(value)) return `${path}${OBJECT()}`;
  const bad = firstNonNumber(value, keys);
  return bad === null ? null : `${path}.${bad}${NUMBER()}`;
}

// The loops below read fields by name, not through a list of keys: on 10⁴ rows a lookup by computed key
// costs several times more. Field paths are only spelled out once a row is found to be bad.

function badTopicStatField(stat: Obj): string | null {
  if (!isName(stat.name)) return `name${NAME()}`;
  if (!isFiniteNumber(stat.partitions)) return `partitions${NUMBER()}`;
  if (!isFiniteNumber(stat.totalMessages)) return `totalMessages${NUMBER()}`;
  if (!isFiniteNumber(stat.totalBytes)) return `totalBytes${NUMBER()}`;
  if (!isFiniteNumber(stat.produceRate)) return `produceRate${NUMBER()}`;
  if (!isFiniteNumber(stat.fetchRate)) return `fetchRate${NUMBER()}`;
  return null;
}

function checkTopicStats(list: unknown, path: string): string | null {
  if (!Array.isArray(list)) return `${path}${ARRAY()}`;
  for (let i = 0; i < list.length; i++) {
    const stat: unknown = list[i];
    if (!isObject(stat)) return `${path}[${i}]${OBJECT()}`;
    const bad = badTopicStatField(stat);
    if (bad !== null) return `${path}[${i}].${bad}`;
  }
  return null;
}

/** The first field of a partition row that is not a finite number; '' when the row is not an object. */
function badPartitionField(part: unknown): string | null {
  if (!isObject(part)) return '';
  if (!isFiniteNumber(part.partition)) return 'partition';
  if (!isFiniteNumber(part.currentOffset)) return 'currentOffset';
  if (!isFiniteNumber(part.logEndOffset)) return 'logEndOffset';
  if (!isFiniteNumber(part.lag)) return 'lag';
  return null;
}

/** What is wrong with a list of partition rows, as a path relative to the list; null when nothing is. */
function partitionLagsProblem(list: unknown): string | null {
  if (!Array.isArray(list)) return ARRAY();
  for (let i = 0; i < list.length; i++) {
    const bad = badPartitionField(list[i]);
    if (bad === '') return `[${i}]${OBJECT()}`;
    if (bad !== null) return `[${i}].${bad}${NUMBER()}`;
  }
  return null;
}

function checkConsumerLags(list: unknown, path: string): string | null {
  if (!Array.isArray(list)) return `${path}${ARRAY()}`;
  for (let i = 0; i < list.length; i++) {
    const group: unknown = list[i];
    if (!isObject(group)) return `${path}[${i}]${OBJECT()}`;
    if (!isName(group.groupId)) return `${path}[${i}].groupId${NAME()}`;
    if (!isFiniteNumber(group.totalLag)) return `${path}[${i}].totalLag${NUMBER()}`;
    const topics = group.topicLags;
    if (!Array.isArray(topics)) return `${path}[${i}].topicLags${ARRAY()}`;
    for (let j = 0; j < topics.length; j++) {
      const topic: unknown = topics[j];
      if (!isObject(topic)) return `${path}[${i}].topicLags[${j}]${OBJECT()}`;
      if (!isName(topic.topic)) return `${path}[${i}].topicLags[${j}].topic${NAME()}`;
      if (!isFiniteNumber(topic.totalLag)) return `${path}[${i}].topicLags[${j}].totalLag${NUMBER()}`;
      // The path is spelled out only for a bad row: 10⁴ lists are checked per tick.
      const problem = partitionLagsProblem(topic.partitionLags);
      if (problem !== null) return `${path}[${i}].topicLags[${j}].partitionLags${problem}`;
    }
  }
  return null;
}

/**
 * Checks that `value` has the shape of {@link MonitoringMetrics}: every field present, numbers finite,
 * arrays arrays, names strings. Extra fields are ignored. Usable on the bare object of the REST twin.
 *
 * @param path Prefix of the field path in the returned description.
 * @returns null when valid, else a description of the first bad field such as
 *   `"metrics.topicStats[3].name must be a string"` (in a production build, its path only).
 */
export function validateMetrics(value: unknown, path = 'metrics'): string | null {
  if (!isObject(value)) return `${path}${OBJECT()}`;
  return (
    checkNumberRecord(value.throughput, THROUGHPUT_KEYS, `${path}.throughput`) ??
    checkNumberRecord(value.latency, LATENCY_KEYS, `${path}.latency`) ??
    checkTopicStats(value.topicStats, `${path}.topicStats`) ??
    checkConsumerLags(value.consumerLags, `${path}.consumerLags`) ??
    checkNumberRecord(value.clusterHealth, CLUSTER_HEALTH_KEYS, `${path}.clusterHealth`) ??
    (isFiniteNumber(value.timestamp) ? null : `${path}.timestamp${NUMBER()}`)
  );
}

function describeServerError(data: unknown): string {
  if (typeof data === 'string') return excerptOf(data);
  if (isObject(data)) {
    if (typeof data.message === 'string') return excerptOf(data.message);
    if (typeof data.error === 'string') return excerptOf(data.error);
  }
  return 'no details';
}

type LineErrorCode = 'invalid_json' | 'invalid_message' | 'unknown_type' | 'server_error';

/**
 * What is wrong with one line, without the cost of an Error (a stack trace) until it is reported: the
 * lines of a frame past the reporting limit are only counted.
 */
class Problem {
  constructor(
    readonly code: LineErrorCode,
    readonly message: string,
    readonly type?: string,
  ) {}

  toError(line: number, source: string | undefined): TakhinError {
    const message = process.env.NODE_ENV !== 'production' ? this.message : brief(this.code, this.message);
    return new TakhinError(this.code, message, {
      line,
      excerpt: source === undefined ? undefined : excerptOf(source),
      messageType: this.type,
      fatal: false,
    });
  }
}

function checkMessage(value: unknown): ServerMessage | Problem {
  const fail = (code: LineErrorCode, message: string, type?: string) => new Problem(code, message, type);

  if (!isObject(value)) {
    return fail(
      'invalid_message',
      process.env.NODE_ENV !== 'production' ? 'message must be a JSON object' : 'message',
    );
  }
  const type = value.type;
  if (typeof type !== 'string') {
    return fail('invalid_message', process.env.NODE_ENV !== 'production' ? 'type must be a string' : 'type');
  }
  if (!KNOWN_TYPES.has(type)) {
    const shown = excerptOf(type);
    return fail(
      'unknown_type',
      process.env.NODE_ENV !== 'production' ? `unknown message type "${shown}"` : shown,
      shown,
    );
  }
  const timestamp = value.timestamp;
  if (timestamp !== undefined && !isFiniteNumber(timestamp)) {
    const rule = process.env.NODE_ENV !== 'production' ? ' must be a finite number when present' : '';
    return fail('invalid_message', `${type}.timestamp${rule}`, type);
  }
  const data = value.data;
  const base = timestamp === undefined ? {} : { timestamp };

  if (type === 'error') {
    const said = describeServerError(data);
    return fail('server_error', process.env.NODE_ENV !== 'production' ? `server error: ${said}` : said, type);
  }
  if (type === 'pong') return { type: 'pong', data: null, ...base };
  if (type === 'metrics') {
    const problem = validateMetrics(data, 'metrics');
    if (problem !== null) return fail('invalid_message', problem, type);
    return { type: 'metrics', data: data as MonitoringMetrics, ...base };
  }
  if (!isObject(data)) return fail('invalid_message', `${type}.data${OBJECT()}`, type);
  const payload: Obj = {};
  for (const [field, kind] of EVENT_FIELDS[type]) {
    if (!hasKind(data[field], kind)) {
      const rule = process.env.NODE_ENV !== 'production' ? ` must be ${describeKind(kind)}` : '';
      return fail('invalid_message', `${type}.${field}${rule}`, type);
    }
    payload[field] = data[field];
  }
  return { type, data: payload, ...base } as ServerMessage;
}

/**
 * Validates one already-decoded message and rebuilds it as a typed {@link ServerMessage}.
 *
 * A server `error` message comes back as a `server_error` {@link TakhinError}, never as a message.
 * `pong` accepts any `data` and yields `null`. Event payloads are copied field by field (extra fields
 * dropped); the `metrics` payload is passed on as decoded, since `normalizeMetrics` rebuilds it anyway.
 *
 * @param line 0-based index of the line inside its frame, reported on errors.
 * @param source The raw line, used for the error excerpt.
 */
export function validateMessage(value: unknown, line = 0, source?: string): ServerMessage | TakhinError {
  const result = checkMessage(value);
  return result instanceof Problem ? result.toError(line, source) : result;
}

function checkLine(line: string, index: number): ServerMessage | Problem {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (cause) {
    if (process.env.NODE_ENV !== 'production') {
      const reason = cause instanceof Error ? `: ${excerptOf(cause.message)}` : '';
      return new Problem('invalid_json', `line ${index} is not valid JSON${reason}`);
    }
    return new Problem('invalid_json', `line ${index}`);
  }
  try {
    return checkMessage(value);
  } catch {
    return new Problem(
      'invalid_message',
      process.env.NODE_ENV !== 'production' ? `line ${index} could not be validated` : `line ${index}`,
    );
  }
}

/**
 * Parses one line of a frame (a single JSON message).
 *
 * @param index 0-based index of the line inside its frame, reported on errors.
 * @returns the message, or a {@link TakhinError} (`invalid_json`, `invalid_message`, `unknown_type`,
 *   `server_error`). Never throws.
 */
export function parseLine(line: string, index = 0): ServerMessage | TakhinError {
  const result = checkLine(line, index);
  return result instanceof Problem ? result.toError(index, line) : result;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    // space, tab, CR, LF, and the other characters JSON treats as whitespace or editors leave behind
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 0xfeff && c !== 11 && c !== 12) return false;
  }
  return true;
}

/** Bad lines of one frame reported one by one; the rest of them are summed up in one error. */
export const MAX_ERRORS_PER_FRAME = 10;

/** Parses one text frame line by line into messages and errors; never throws (docs/architecture.md). */
export function parseFrame(frame: string): ParsedFrame {
  const messages: ServerMessage[] = [];
  const errors: TakhinError[] = [];
  let parseErrors = 0;
  if (typeof frame !== 'string') {
    const message =
      process.env.NODE_ENV !== 'production' ? 'frame is not text' : brief('invalid_message', 'frame');
    errors.push(new TakhinError('invalid_message', message, { line: 0, fatal: false }));
    return { messages, errors, parseErrors: 1 };
  }
  // Most frames hold one message: skip the split and its array.
  const lines = frame.indexOf('\n') === -1 ? [frame] : frame.split('\n');
  let omitted = 0;
  let firstOmitted = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line)) continue;
    const result = checkLine(line, i);
    if (!(result instanceof Problem)) {
      messages.push(result);
      continue;
    }
    if (result.code !== 'server_error') parseErrors++;
    if (errors.length < MAX_ERRORS_PER_FRAME) errors.push(result.toError(i, line));
    else if (omitted++ === 0) firstOmitted = i;
  }
  if (omitted > 0) {
    errors.push(
      new TakhinError(
        'more_bad_lines',
        process.env.NODE_ENV !== 'production'
          ? `…and ${omitted} more bad lines in this frame`
          : brief('more_bad_lines', omitted),
        { line: firstOmitted, fatal: false },
      ),
    );
  }
  return { messages, errors, parseErrors };
}

/** Everything received since the last store update, applied together as one `ingest`. */
export interface IncomingBatch {
  messages: ServerMessage[];
  errors: TakhinError[];
  /** Bad lines, counted exactly though only some of them have their own error. */
  parseErrors: number;
  frames: number;
  bytes: number;
  receivedAt: number;
}

export function emptyBatch(): IncomingBatch {
  return { messages: [], errors: [], parseErrors: 0, frames: 0, bytes: 0, receivedAt: 0 };
}

const decoder = new TextDecoder();

/**
 * Text of a frame: a string, or UTF-8 bytes (ArrayBuffer, typed array, Node Buffer). Anything else
 * is never converted, so no custom object's `toString` runs. A Blob could only be read
 * asynchronously, after later frames, so it is refused rather than applied out of order.
 */
function frameText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return decoder.decode(data);
  const blob = typeof Blob === 'function' && data instanceof Blob;
  throw new TakhinError(
    'invalid_message',
    process.env.NODE_ENV !== 'production'
      ? `frame is ${blob ? "a Blob (binaryType isn't 'arraybuffer')" : 'not text or bytes'}`
      : brief('invalid_message', blob ? 'Blob frame' : 'frame'),
    { line: 0 },
  );
}

/** Parses one frame (several `\n`-joined messages) of a message event into the batch. Never throws. */
export function addFrame(batch: IncomingBatch, event: { data: unknown }, receivedAt: number): void {
  batch.frames += 1;
  batch.receivedAt = receivedAt;
  let text: string;
  try {
    text = frameText(event.data);
  } catch (cause) {
    batch.errors.push(
      cause instanceof TakhinError
        ? cause
        : new TakhinError(
            'invalid_message',
            process.env.NODE_ENV !== 'production' ? 'frame unreadable' : brief('invalid_message', 'frame'),
            { line: 0 },
          ),
    );
    batch.parseErrors += 1;
    return;
  }
  const parsed = parseFrame(text);
  batch.bytes += text.length;
  batch.parseErrors += parsed.parseErrors;
  for (const message of parsed.messages) batch.messages.push(message);
  for (const error of parsed.errors) batch.errors.push(error);
}
