import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TakhinError } from '../../src/core/errors.js';
import { parseFrame, parseLine, validateMetrics } from '../../src/core/parse.js';
import { normalizeMetrics } from '../../src/core/dialect.js';
import type { MonitoringMetrics, ServerMessage } from '../../src/core/protocol.js';
import {
  BASE_TIMESTAMP,
  envelope,
  frame,
  groupUpdated,
  makeBigClusterMetrics,
  makeConsumerLag,
  makeMetrics,
  makeTopicStat,
  metricsMessage,
  pong,
  topicCreated,
  topicDeleted,
} from './fixtures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests poke into decoded JSON at will
type RawJson = any;

const someMetrics = () =>
  makeMetrics({
    topicStats: ['a', 'b', 'c', 'd'].map((name) => makeTopicStat(name)),
    consumerLags: [makeConsumerLag('g1', { a: [1, 2] }), makeConsumerLag('g2', { b: [3, 4, 5] })],
  });

function metricsLineWith(mutate: (data: Record<string, unknown>) => void): string {
  const data = JSON.parse(JSON.stringify(someMetrics())) as Record<string, unknown>;
  mutate(data);
  return JSON.stringify(metricsMessage(data as unknown as MonitoringMetrics));
}

function onlyError(text: string): TakhinError {
  const { messages, errors } = parseFrame(text);
  expect(messages).toEqual([]);
  expect(errors).toHaveLength(1);
  return errors[0];
}

describe('parseFrame — framing', () => {
  it('returns every message of a multi-message frame, in order', () => {
    const data = someMetrics();
    const { messages, errors } = parseFrame(
      frame(topicCreated('a', 3), metricsMessage(data), topicDeleted('a')),
    );
    expect(errors).toEqual([]);
    expect(messages.map((m) => m.type)).toEqual(['topic_created', 'metrics', 'topic_deleted']);
    expect(messages[1].data).toEqual(data);
  });

  it('skips empty and whitespace-only lines, accepts CRLF and a trailing newline', () => {
    const text = `\n${JSON.stringify(pong())}\r\n   \n\t\n${JSON.stringify(topicDeleted('x'))}\n`;
    const { messages, errors } = parseFrame(text);
    expect(errors).toEqual([]);
    expect(messages.map((m) => m.type)).toEqual(['pong', 'topic_deleted']);
    expect(parseFrame('')).toEqual({ messages: [], errors: [], parseErrors: 0 });
    expect(parseFrame('\n\n \n')).toEqual({ messages: [], errors: [], parseErrors: 0 });
  });

  it('keeps the good lines around a bad one and reports the bad line with its index and excerpt', () => {
    const text = frame(topicCreated('a', 1), '{"type":"topic_deleted", oops', topicCreated('b', 2));
    const { messages, errors } = parseFrame(text);
    expect(messages).toEqual([
      { type: 'topic_created', data: { name: 'a', partitions: 1 } },
      { type: 'topic_created', data: { name: 'b', partitions: 2 } },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(TakhinError);
    expect(errors[0].code).toBe('invalid_json');
    expect(errors[0].line).toBe(1);
    expect(errors[0].excerpt).toBe('{"type":"topic_deleted", oops');
    expect(errors[0].fatal).toBe(false);
  });

  it('counts line indexes over blank lines too', () => {
    const { errors } = parseFrame(`${JSON.stringify(pong())}\n\nnot json`);
    expect(errors[0].line).toBe(2);
  });

  it('caps the excerpt of a long bad line', () => {
    const error = onlyError(`x${'y'.repeat(10_000)}`);
    expect(error.excerpt!.length).toBeLessThanOrEqual(201);
    expect(error.message.length).toBeLessThan(1000);
  });

  it('reports a frame that is not text instead of throwing', () => {
    const { messages, errors } = parseFrame(new ArrayBuffer(8) as unknown as string);
    expect(messages).toEqual([]);
    expect(errors[0].code).toBe('invalid_message');
  });
});

describe('parseFrame — message types', () => {
  it('accepts pong with data null and normalizes any other pong data to null', () => {
    expect(parseFrame(frame(pong(123)))).toEqual({
      messages: [{ type: 'pong', data: null, timestamp: 123 }],
      errors: [],
      parseErrors: 0,
    });
    expect(parseFrame(frame(envelope('pong', { hello: 1 }, undefined))).messages).toEqual([
      { type: 'pong', data: null },
    ]);
  });

  it('accepts quick-reference events without timestamp and leaves the key out', () => {
    const { messages } = parseFrame(
      frame(
        topicCreated('t', 5),
        topicDeleted('t'),
        groupUpdated('g', 'Stable', 3),
        envelope('group_created', { groupId: 'h' }, undefined),
      ),
    );
    expect(messages).toEqual([
      { type: 'topic_created', data: { name: 't', partitions: 5 } },
      { type: 'topic_deleted', data: { name: 't' } },
      { type: 'group_updated', data: { groupId: 'g', state: 'Stable', members: 3 } },
      { type: 'group_created', data: { groupId: 'h' } },
    ]);
    for (const message of messages) expect('timestamp' in message).toBe(false);
  });

  it('keeps the server timestamp and drops unknown fields of event payloads', () => {
    const line = JSON.stringify({
      type: 'topic_created',
      data: { name: 'a', partitions: 2, extra: true },
      timestamp: 7,
      x: 1,
    });
    expect(parseLine(line)).toEqual({
      type: 'topic_created',
      data: { name: 'a', partitions: 2 },
      timestamp: 7,
    });
  });

  it('accepts every group state, including Dead, and rejects others', () => {
    for (const state of ['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead'] as const) {
      expect(parseFrame(frame(groupUpdated('g', state, 0))).errors).toEqual([]);
    }
    const error = onlyError(
      frame(envelope('group_updated', { groupId: 'g', state: 'Zombie', members: 1 }, 1)),
    );
    expect(error.code).toBe('invalid_message');
    expect(error.message).toContain('group_updated.state');
  });

  it('reports an unknown type with its name, never fatal', () => {
    const error = onlyError(frame(envelope('partition_moved', {}, 1)));
    expect(error.code).toBe('unknown_type');
    expect(error.messageType).toBe('partition_moved');
    expect(error.fatal).toBe(false);
  });

  it('returns a server error message as a server_error only', () => {
    const { messages, errors } = parseFrame(
      frame(envelope('error', { message: 'quota exceeded' }, 1), envelope('error', 'plain text', 1), pong()),
    );
    expect(messages.map((m) => m.type)).toEqual(['pong']);
    expect(errors.map((e) => e.code)).toEqual(['server_error', 'server_error']);
    expect(errors[0].message).toContain('quota exceeded');
    expect(errors[1].message).toContain('plain text');
    expect(errors[1].line).toBe(1);
  });

  it('rejects JSON that is not an envelope', () => {
    for (const text of ['42', '"metrics"', 'null', '[]', '[{"type":"pong"}]', 'true']) {
      const error = onlyError(text);
      expect(error.code).toBe('invalid_message');
    }
    expect(onlyError('{"data":null}').message).toBe('type must be a string');
    expect(onlyError('{"type":7}').message).toBe('type must be a string');
  });

  it('accepts a missing timestamp but rejects one that is not a finite number', () => {
    expect(parseFrame('{"type":"pong","data":null}').errors).toEqual([]);
    expect(onlyError('{"type":"pong","data":null,"timestamp":"1704225600"}').code).toBe('invalid_message');
    expect(onlyError('{"type":"pong","data":null,"timestamp":null}').code).toBe('invalid_message');
    expect(onlyError('{"type":"pong","data":null,"timestamp":1e400}').message).toContain('timestamp');
  });

  it('rejects events whose payload is missing or of the wrong shape', () => {
    expect(onlyError(frame(envelope('topic_created', null, 1))).message).toBe(
      'topic_created.data must be an object',
    );
    expect(onlyError(frame(envelope('topic_created', { name: 'a' }, 1))).message).toBe(
      'topic_created.partitions must be a whole number ≥ 0',
    );
    expect(onlyError(frame(envelope('topic_deleted', { name: 3 }, 1))).message).toBe(
      'topic_deleted.name must be a string of at most 1024 characters',
    );
    expect(onlyError(frame(envelope('group_updated', { groupId: 'g', state: 'Stable' }, 1))).message).toBe(
      'group_updated.members must be a whole number ≥ 0',
    );
    expect(onlyError(frame(envelope('group_deleted', {}, 1))).message).toBe(
      'group_deleted.groupId must be a string of at most 1024 characters',
    );
  });
});

describe('parseFrame — metrics validation', () => {
  it('accepts a full metrics message and an empty cluster', () => {
    const { messages, errors } = parseFrame(
      frame(metricsMessage(someMetrics()), metricsMessage(makeMetrics())),
    );
    expect(errors).toEqual([]);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toEqual({ type: 'metrics', data: someMetrics(), timestamp: BASE_TIMESTAMP });
  });

  it.each([
    [
      'a missing section',
      (d: Record<string, unknown>) => delete d.latency,
      'metrics.latency must be an object',
    ],
    [
      'a string number',
      (d: RawJson) => (d.throughput.fetchRate = '12'),
      'metrics.throughput.fetchRate must be a finite number',
    ],
    [
      'a topic name',
      (d: RawJson) => (d.topicStats[3].name = null),
      'metrics.topicStats[3].name must be a string of at most 1024 characters',
    ],
    ['a topic row', (d: RawJson) => (d.topicStats[1] = 'a'), 'metrics.topicStats[1] must be an object'],
    [
      'a missing rate',
      (d: RawJson) => delete d.topicStats[0].fetchRate,
      'metrics.topicStats[0].fetchRate must be a finite number',
    ],
    ['topicStats not an array', (d: RawJson) => (d.topicStats = {}), 'metrics.topicStats must be an array'],
    ['consumerLags null', (d: RawJson) => (d.consumerLags = null), 'metrics.consumerLags must be an array'],
    [
      'a group id',
      (d: RawJson) => (d.consumerLags[1].groupId = 5),
      'metrics.consumerLags[1].groupId must be a string of at most 1024 characters',
    ],
    [
      'a topic lag',
      (d: RawJson) => (d.consumerLags[0].topicLags[0].topic = {}),
      'metrics.consumerLags[0].topicLags[0].topic must be a string of at most 1024 characters',
    ],
    [
      'a partition lag',
      (d: RawJson) => (d.consumerLags[1].topicLags[0].partitionLags[2].lag = true),
      'metrics.consumerLags[1].topicLags[0].partitionLags[2].lag must be a finite number',
    ],
    [
      'partitionLags missing',
      (d: RawJson) => delete d.consumerLags[1].topicLags[0].partitionLags,
      'metrics.consumerLags[1].topicLags[0].partitionLags must be an array',
    ],
    [
      'a health field',
      (d: RawJson) => delete d.clusterHealth.goroutineCount,
      'metrics.clusterHealth.goroutineCount must be a finite number',
    ],
    ['the data timestamp', (d: RawJson) => delete d.timestamp, 'metrics.timestamp must be a finite number'],
  ])('names the bad field: %s', (_label, mutate, expected) => {
    const error = onlyError(metricsLineWith(mutate as (d: Record<string, unknown>) => void));
    expect(error.code).toBe('invalid_message');
    expect(error.message).toBe(expected);
    expect(error.messageType).toBe('metrics');
    expect(error.line).toBe(0);
  });

  it('rejects numbers JSON turns into Infinity', () => {
    const line = metricsLineWith(() => {}).replace('"produceRate":0', '"produceRate":1e999');
    expect(onlyError(line).message).toBe('metrics.throughput.produceRate must be a finite number');
  });

  it('lets negative counts through validation', () => {
    const line = metricsLineWith((d: RawJson) => {
      d.throughput.produceRate = -5;
      d.consumerLags[0].topicLags[0].partitionLags[0].lag = -3;
    });
    expect(parseFrame(line).errors).toEqual([]);
  });

  it('validates a bare REST metrics object', () => {
    expect(validateMetrics(someMetrics())).toBeNull();
    expect(validateMetrics({ ...someMetrics(), topicStats: [{}] })).toBe(
      'metrics.topicStats[0].name must be a string of at most 1024 characters',
    );
    expect(validateMetrics(null, 'body')).toBe('body must be an object');
  });
});

describe('parseFrame — never throws', () => {
  it('survives random strings, random bytes and arbitrary JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.json(),
          fc.uint8Array().map((b) => String.fromCharCode(...b)),
        ),
        (text) => {
          const result = parseFrame(text);
          expect(Array.isArray(result.messages)).toBe(true);
          for (const error of result.errors) expect(error).toBeInstanceOf(TakhinError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives envelopes of every known type carrying arbitrary data', () => {
    const types = [
      'metrics',
      'topic_created',
      'topic_deleted',
      'group_updated',
      'group_created',
      'group_deleted',
      'error',
      'pong',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.jsonValue(),
        fc.option(fc.jsonValue()),
        (type, data, timestamp) => {
          const line = JSON.stringify(timestamp === null ? { type, data } : { type, data, timestamp });
          const result = parseFrame(`${line}\n${line}`);
          expect(result.messages.length + result.errors.length).toBe(2);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('survives deep nesting, a 10 MB line and huge numbers', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(onlyError(deep).code).toBe('invalid_message');
    const deepObject = `{"type":"metrics","data":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    expect(onlyError(deepObject).code).toBe('invalid_message');
    const huge = `{"type":"pong","data":"${'x'.repeat(10 * 1024 * 1024)}"}`;
    expect(parseFrame(huge).messages).toEqual([{ type: 'pong', data: null }]);
    const hugeBad = `{"type":"pong","data":"${'x'.repeat(10 * 1024 * 1024)}`;
    expect(onlyError(hugeBad).code).toBe('invalid_json');
    const bigNumber = `{"type":"topic_created","data":{"name":"a","partitions":${'9'.repeat(400)}}}`;
    expect(onlyError(bigNumber).message).toBe('topic_created.partitions must be a whole number ≥ 0');
    const hugeType = `{"type":"${'t'.repeat(1_000_000)}","data":null}`;
    expect(onlyError(hugeType).messageType!.length).toBeLessThanOrEqual(201);
  });
});

describe('parseLine', () => {
  it('returns a message or an error for one line', () => {
    expect(parseLine(JSON.stringify(pong(5)))).toEqual({ type: 'pong', data: null, timestamp: 5 });
    const error = parseLine('{', 4);
    expect(error).toBeInstanceOf(TakhinError);
    expect((error as TakhinError).line).toBe(4);
  });
});

describe('big cluster', () => {
  it('accepts and normalizes a 1,000-topic, 200-group metrics line (timings live in bench/)', () => {
    const line = JSON.stringify(metricsMessage(makeBigClusterMetrics()));
    expect(line.length).toBeGreaterThan(1_000_000);
    const message = parseLine(line) as ServerMessage & { type: 'metrics' };
    expect(message.type).toBe('metrics');
    const { metrics } = normalizeMetrics(message.data, 'takhin', null, 0);
    expect(metrics.topicStats).toHaveLength(1_000);
    expect(metrics.consumerLags).toHaveLength(200);
    const names = metrics.topicStats.map((topic) => topic.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe('parseFrame — ranges of event fields and names', () => {
  const LONGEST = 'n'.repeat(1024);
  const TOO_LONG = 'n'.repeat(1025);
  const codes = (text: string) => parseFrame(text).errors.map((e) => e.code);

  it.each([
    ['partitions -5', { type: 'topic_created', data: { name: 't', partitions: -5 } }],
    ['partitions 0.5', { type: 'topic_created', data: { name: 't', partitions: 0.5 } }],
    ['partitions 2^53', { type: 'topic_created', data: { name: 't', partitions: 2 ** 53 } }],
    ['members -1', { type: 'group_updated', data: { groupId: 'g', state: 'Stable', members: -1 } }],
    ['members 2.5', { type: 'group_updated', data: { groupId: 'g', state: 'Stable', members: 2.5 } }],
    ['a 1,025-character topic name', { type: 'topic_created', data: { name: TOO_LONG, partitions: 1 } }],
    ['a 1,025-character deleted topic', { type: 'topic_deleted', data: { name: TOO_LONG } }],
    [
      'a 1,025-character group id',
      { type: 'group_updated', data: { groupId: TOO_LONG, state: 'Stable', members: 1 } },
    ],
    ['a 1,025-character created group', { type: 'group_created', data: { groupId: TOO_LONG } }],
    ['a 10 MB name', { type: 'topic_created', data: { name: 'x'.repeat(10 * 1024 * 1024), partitions: 1 } }],
  ])('rejects an event with %s as invalid_message, excerpted', (_what, message) => {
    const { messages, errors } = parseFrame(JSON.stringify(message));
    expect(messages).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual(['invalid_message']);
    expect(errors[0].message.length).toBeLessThan(200);
    expect((errors[0].excerpt ?? '').length).toBeLessThanOrEqual(201);
  });

  it('accepts 0 and whole numbers, and names of exactly 1,024 characters', () => {
    const { messages, errors } = parseFrame(
      [
        JSON.stringify({ type: 'topic_created', data: { name: LONGEST, partitions: 0 } }),
        JSON.stringify({ type: 'group_updated', data: { groupId: LONGEST, state: 'Empty', members: 0 } }),
        JSON.stringify({ type: 'topic_created', data: { name: '', partitions: 12 } }),
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(messages).toHaveLength(3);
  });

  it('reports one error per bad line', () => {
    const bad = (partitions: number) =>
      JSON.stringify({ type: 'topic_created', data: { name: 't', partitions } });
    expect(codes([bad(-1), bad(1), bad(0.5), bad(-0.5)].join('\n'))).toEqual([
      'invalid_message',
      'invalid_message',
      'invalid_message',
    ]);
  });

  it.each([
    ['topicStats[].name', () => makeMetrics({ topicStats: [makeTopicStat(TOO_LONG)] })],
    ['consumerLags[].groupId', () => makeMetrics({ consumerLags: [makeConsumerLag(TOO_LONG, { t: [1] })] })],
    ['topicLags[].topic', () => makeMetrics({ consumerLags: [makeConsumerLag('g', { [TOO_LONG]: [1] })] })],
  ])('rejects metrics whose %s is longer than 1,024 characters', (field, data) => {
    const { messages, errors } = parseFrame(JSON.stringify({ type: 'metrics', data: data(), timestamp: 1 }));
    expect(messages).toEqual([]);
    expect(errors.map((e) => e.code)).toEqual(['invalid_message']);
    expect(errors[0].message).toContain(field.split('[].')[1]);
    const longest = JSON.stringify({
      type: 'metrics',
      data: makeMetrics({
        topicStats: [makeTopicStat(LONGEST)],
        consumerLags: [makeConsumerLag(LONGEST, { [LONGEST]: [1] })],
      }),
    });
    expect(parseFrame(longest).errors).toEqual([]);
  });
});

describe('parseFrame — many bad lines in one frame', () => {
  const bad = (i: number) => `{"type":"topic_created","data":{"name":"t${i}"`;
  const good = (i: number) =>
    JSON.stringify({ type: 'topic_created', data: { name: `g${i}`, partitions: 1 } });

  it('reports the first 10 bad lines one by one, then one summary, and counts every bad line', () => {
    const lines: string[] = [];
    for (let i = 0; i < 25; i++) lines.push(bad(i), good(i));
    lines.push(JSON.stringify({ type: 'error', data: 'not a parse error' }));
    const { messages, errors, parseErrors } = parseFrame(lines.join('\n'));
    expect(messages).toHaveLength(25);
    expect(errors).toHaveLength(11);
    expect(errors.slice(0, 10).map((e) => [e.code, e.line])).toEqual(
      Array.from({ length: 10 }, (_, i) => ['invalid_json', 2 * i]),
    );
    const summary = errors[10];
    expect(summary).toBeInstanceOf(TakhinError);
    expect(summary.code).toBe('more_bad_lines');
    expect(summary.message).toBe('…and 16 more bad lines in this frame');
    expect(summary.line).toBe(20);
    expect(summary.fatal).toBe(false);
    expect(parseErrors).toBe(25);
  });

  it('exactly 10 bad lines need no summary', () => {
    const { errors, parseErrors } = parseFrame(Array.from({ length: 10 }, (_, i) => bad(i)).join('\n'));
    expect(errors.map((e) => e.code)).toEqual(Array(10).fill('invalid_json'));
    expect(parseErrors).toBe(10);
  });

  it('100,000 bad lines cost 11 errors and an exact count', () => {
    const { errors, parseErrors } = parseFrame(Array.from({ length: 100_000 }, (_, i) => bad(i)).join('\n'));
    expect(errors).toHaveLength(11);
    expect(errors[10].message).toBe('…and 99990 more bad lines in this frame');
    expect(parseErrors).toBe(100_000);
  });
});
