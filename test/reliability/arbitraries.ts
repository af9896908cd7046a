/**
 * fast-check generators of server frames: valid messages (with hostile but legal content), lines that
 * are certainly bad (truncated JSON, wrong shapes, NaN-ish values), noise of unknown validity, and
 * blank lines. Every line is labelled so that a test knows what the parser owes it.
 */
import fc from 'fast-check';
import { GROUP_STATES } from '../../src/core/protocol.js';

/** Names that collide often, plus hostile ones: markup, prototype keys, lone surrogates, empty. */
export const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '<img src=x onerror="globalThis.__pwned=1">',
  '</script><script>globalThis.__pwned=1</script>',
  '\ud800',
  '',
  'a\u0000b',
  '${secret}',
] as const;

export const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('orders', 'payments', 'a', 'b', 'c', 'logs.app') },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
);

/** int64 offsets and counters, as the real server sends them, plus negative values it should never send. */
export const int64Arb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1000, max: 1_000_000 }),
  fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, 2 ** 63 - 1, -(2 ** 63)),
  fc.double({ min: -(2 ** 63), max: 2 ** 63, noNaN: true }),
);

const count = fc.oneof(fc.integer({ min: 0, max: 64 }), int64Arb);
/** Counts an event may carry: whole numbers from 0 to 2^53 − 1; anything else is a bad line. */
const eventCount = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.constantFrom(0, Number.MAX_SAFE_INTEGER));
/** Counts no event may carry: negative, fractional, or beyond exact integers. */
const badEventCount = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: -1 }),
  fc.double({ min: -(2 ** 63), max: 2 ** 63, noNaN: true }).filter((n) => !Number.isSafeInteger(n) || n < 0),
  fc.constantFrom(0.5, -5e-324, 5e-324, 2 ** 53, 2 ** 63 - 1),
);

const throughputArb = fc.record({
  produceRate: int64Arb,
  fetchRate: int64Arb,
  produceBytes: int64Arb,
  fetchBytes: int64Arb,
});
const latencyArb = fc.record({
  produceP50: int64Arb,
  produceP95: int64Arb,
  produceP99: int64Arb,
  fetchP50: int64Arb,
  fetchP95: int64Arb,
  fetchP99: int64Arb,
});
const healthArb = fc.record({
  activeConnections: count,
  totalTopics: count,
  totalPartitions: count,
  totalConsumers: count,
  diskUsageBytes: count,
  memoryUsageBytes: count,
  goroutineCount: count,
});

/** A valid metrics payload: arrays in any order, duplicated keys, negative lags and rates. */
export const metricsArb = fc.record({
  throughput: throughputArb,
  latency: latencyArb,
  topicStats: fc.array(
    fc.record({
      name: nameArb,
      partitions: count,
      totalMessages: int64Arb,
      totalBytes: int64Arb,
      produceRate: int64Arb,
      fetchRate: int64Arb,
    }),
    { maxLength: 8 },
  ),
  consumerLags: fc.array(
    fc.record({
      groupId: nameArb,
      totalLag: int64Arb,
      topicLags: fc.array(
        fc.record({
          topic: nameArb,
          totalLag: int64Arb,
          partitionLags: fc.array(
            fc.record({
              partition: fc.integer({ min: -2, max: 24 }),
              currentOffset: int64Arb,
              logEndOffset: int64Arb,
              lag: int64Arb,
            }),
            { maxLength: 6 },
          ),
        }),
        { maxLength: 3 },
      ),
    }),
    { maxLength: 4 },
  ),
  clusterHealth: healthArb,
  timestamp: fc.integer({ min: 0, max: 2 ** 40 }),
});

export type GoodMessage = { type: string; data: unknown; timestamp?: number };

const timestampArb = fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: undefined });

function withTimestamp(arb: fc.Arbitrary<{ type: string; data: unknown }>): fc.Arbitrary<GoodMessage> {
  return fc
    .tuple(arb, timestampArb)
    .map(([message, timestamp]) => (timestamp === undefined ? message : { ...message, timestamp }));
}

export const goodMessageArb: fc.Arbitrary<GoodMessage> = withTimestamp(
  fc.oneof(
    { weight: 3, arbitrary: metricsArb.map((data) => ({ type: 'metrics', data })) },
    {
      weight: 3,
      arbitrary: fc
        .record({ name: nameArb, partitions: eventCount })
        .map((data) => ({ type: 'topic_created', data })),
    },
    { weight: 2, arbitrary: fc.record({ name: nameArb }).map((data) => ({ type: 'topic_deleted', data })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ groupId: nameArb, state: fc.constantFrom(...GROUP_STATES), members: eventCount })
        .map((data) => ({ type: 'group_updated', data })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('group_created', 'group_deleted'), nameArb)
        .map(([type, groupId]) => ({ type, data: { groupId } })),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((data) => ({ type: 'pong', data })) },
  ),
);

const KNOWN_TYPES = new Set([
  'metrics',
  'topic_created',
  'topic_deleted',
  'group_updated',
  'group_created',
  'group_deleted',
  'error',
  'pong',
]);

const isPlainObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A numeric field of a metrics payload given a value that is not a finite number. */
const poisonedMetricsArb = fc
  .tuple(
    metricsArb,
    fc.constantFrom('throughput', 'latency', 'clusterHealth'),
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '1', null, true, [], {}),
  )
  .map(([data, section, value]) => {
    const copy = structuredClone(data) as unknown as Record<string, Record<string, unknown>>;
    const key = Object.keys(copy[section])[0];
    copy[section][key] = value;
    return JSON.stringify({ type: 'metrics', data: copy });
  });

/** Lines no parser may accept. */
export const badLineArb: fc.Arbitrary<string> = fc.oneof(
  // Truncated JSON (an unclosed object is never valid).
  goodMessageArb
    .map((m) => JSON.stringify(m))
    .chain((text) => fc.integer({ min: 1, max: text.length - 1 }).map((n) => text.slice(0, n))),
  // Valid JSON that is not an object.
  fc
    .jsonValue({ maxDepth: 3 })
    .filter((v) => !isPlainObject(v))
    .map((v) => JSON.stringify(v)),
  // An object without a usable type, or of an unknown type.
  fc
    .record({
      type: fc.oneof(
        fc.string().filter((t) => !KNOWN_TYPES.has(t)),
        fc.integer(),
        fc.constant(null),
      ),
    })
    .map((v) => JSON.stringify({ ...v, data: 1 })),
  // Known types with wrong payloads.
  fc
    .jsonValue({ maxDepth: 3 })
    .filter((v) => !isPlainObject(v) || !('throughput' in (v as object)))
    .map((data) => JSON.stringify({ type: 'metrics', data })),
  fc
    .oneof(fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }))
    .map((name) => JSON.stringify({ type: 'topic_created', data: { name, partitions: 1 } })),
  fc
    .string()
    .filter((s) => !(GROUP_STATES as readonly string[]).includes(s))
    .map((state) => JSON.stringify({ type: 'group_updated', data: { groupId: 'g', state, members: 1 } })),
  // Counts out of range, and names longer than 1,024 characters.
  badEventCount.map((partitions) =>
    JSON.stringify({ type: 'topic_created', data: { name: 'a', partitions } }),
  ),
  badEventCount.map((members) =>
    JSON.stringify({ type: 'group_updated', data: { groupId: 'g', state: 'Stable', members } }),
  ),
  fc
    .tuple(
      fc.constantFrom('topic_created', 'topic_deleted', 'group_created'),
      fc.integer({ min: 1025, max: 5000 }),
    )
    .map(([type, length]) => {
      const name = 'n'.repeat(length);
      const data = type === 'group_created' ? { groupId: name } : { name, partitions: 1 };
      return JSON.stringify({ type, data });
    }),
  // NaN-ish values where numbers belong, as strings and as an overflowing literal.
  poisonedMetricsArb,
  metricsArb.map((data) =>
    JSON.stringify({ type: 'metrics', data: { ...data, timestamp: 7 } }).replace(
      '"timestamp":7',
      '"timestamp":1e999',
    ),
  ),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', 'undefined', '{"type":"pong","timestamp":"NaN"}'),
  // A server `error` message is reported as one error too.
  fc.jsonValue({ maxDepth: 2 }).map((data) => JSON.stringify({ type: 'error', data })),
);

/** Text of unknown validity without line breaks: random strings and random bytes read as UTF-8. */
export const noiseLineArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.uint8Array({ maxLength: 60 }).map((bytes) => new TextDecoder().decode(bytes)),
  )
  .map((s) => s.replace(/\n/g, ' '));

export const blankLineArb = fc.constantFrom('', ' ', '\t', '\r', '\ufeff', ' \t \r');

export type LabelledLine =
  | { kind: 'good'; text: string; message: GoodMessage }
  | { kind: 'bad'; text: string }
  | { kind: 'noise'; text: string }
  | { kind: 'blank'; text: string };

export const lineArb: fc.Arbitrary<LabelledLine> = fc.oneof(
  {
    weight: 5,
    arbitrary: goodMessageArb.map((message) => ({
      kind: 'good' as const,
      text: JSON.stringify(message),
      message,
    })),
  },
  { weight: 4, arbitrary: badLineArb.map((text) => ({ kind: 'bad' as const, text })) },
  { weight: 1, arbitrary: noiseLineArb.map((text) => ({ kind: 'noise' as const, text })) },
  { weight: 1, arbitrary: blankLineArb.map((text) => ({ kind: 'blank' as const, text })) },
);

/** One frame: up to 12 labelled lines joined with `\n`. */
export const frameArb = fc.array(lineArb, { minLength: 1, maxLength: 12 });

export const frameText = (lines: readonly LabelledLine[]) => lines.map((l) => l.text).join('\n');
