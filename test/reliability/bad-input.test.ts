/**
 * Whatever the server (or a proxy, or a bit flip) sends, the parse → store path never throws, reports
 * each bad line as exactly one typed TakhinError, applies the good lines of the same frame, and keeps
 * the store's invariants after every step. Property-based (fast-check) plus hand-picked extremes.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createTakhinClient, TakhinError, type TakhinClient, type TakhinState } from '../../src/index.js';
import { createInitialState, parseFrame, parseLine, takhinReducer } from '../../src/core/index.js';
import { makeMetrics } from '../core/fixtures.js';
import {
  frameArb,
  frameText,
  goodMessageArb,
  metricsArb,
  noiseLineArb,
  type LabelledLine,
} from './arbitraries.js';
import { assertInvariants, handSocketFactory, whenStatus } from './helpers.js';

/** What the parser skips as a blank line: JSON's whitespace, vertical tab, form feed and BOMs only. */
const BLANK_LINE = /^[ \t\r\v\f\ufeff]*$/;
const PARSE_CODES = new Set(['invalid_json', 'invalid_message', 'unknown_type', 'server_error']);
/** Bad lines of a frame that get an error each; the rest share one `more_bad_lines` summary. */
const PER_FRAME = 10;
const HISTORY = 5;
const EVENTS = 7;

/** What the topic and group sets must be: the latest metrics, then the events after it. */
class Membership {
  topics = new Set<string>();
  groups = new Set<string>();

  apply(message: { type: string; data: unknown }): void {
    const data = message.data as Record<string, unknown>;
    switch (message.type) {
      case 'metrics': {
        const m = data as { topicStats: { name: string }[]; consumerLags: { groupId: string }[] };
        this.topics = new Set(m.topicStats.map((t) => t.name));
        this.groups = new Set(m.consumerLags.map((g) => g.groupId));
        break;
      }
      case 'topic_created':
        this.topics.add(data.name as string);
        break;
      case 'topic_deleted':
        this.topics.delete(data.name as string);
        break;
      case 'group_updated':
      case 'group_created':
        this.groups.add(data.groupId as string);
        break;
      case 'group_deleted':
        this.groups.delete(data.groupId as string);
        break;
    }
  }

  check(state: TakhinState): void {
    expect(Object.keys(state.topics).sort()).toEqual([...this.topics].sort());
    expect(Object.keys(state.groups).sort()).toEqual([...this.groups].sort());
  }
}

/**
 * The parser's duty for one frame: one message per good line (in order), one error per bad line
 * (with its index) for the first ten bad lines and one summary (at the eleventh) for any after them,
 * nothing for blank lines, and an exact count of the bad lines that are not server errors. Noise is
 * classified line by line with `parseLine`. Returns the messages the store must see, in order.
 */
function expectedOf(lines: readonly LabelledLine[]): {
  messages: { type: string; data: unknown }[];
  errorLines: number[];
  parseErrors: number;
} {
  const messages: { type: string; data: unknown }[] = [];
  const badLines: number[] = [];
  let parseErrors = 0;
  lines.forEach((line, index) => {
    if (line.kind === 'good') messages.push(line.message);
    else if (line.kind === 'bad' || line.kind === 'noise') {
      if (line.kind === 'noise' && BLANK_LINE.test(line.text)) return;
      const result = parseLine(line.text, index);
      if (!(result instanceof TakhinError)) {
        expect(line.kind, `a bad line was accepted: ${line.text.slice(0, 200)}`).toBe('noise');
        messages.push(result);
        return;
      }
      badLines.push(index);
      if (result.code !== 'server_error') parseErrors++;
    }
  });
  return { messages, errorLines: badLines.slice(0, PER_FRAME + 1), parseErrors };
}

function checkParsed(lines: readonly LabelledLine[]): ReturnType<typeof parseFrame> {
  const parsed = parseFrame(frameText(lines));
  const expected = expectedOf(lines);
  expect(parsed.messages.map((m) => m.type)).toEqual(expected.messages.map((m) => m.type));
  expect(parsed.errors.map((e) => e.line)).toEqual(expected.errorLines);
  expect(parsed.parseErrors).toBe(expected.parseErrors);
  parsed.errors.forEach((error, i) => {
    expect(error).toBeInstanceOf(TakhinError);
    if (i === PER_FRAME) expect(error.code).toBe('more_bad_lines');
    else expect(PARSE_CODES.has(error.code)).toBe(true);
    expect(error.fatal).toBe(false);
    // Errors stay small whatever the line: an excerpt, never the whole input.
    expect((error.excerpt ?? '').length).toBeLessThanOrEqual(201);
    expect(error.message.length).toBeLessThan(1000);
  });
  return parsed;
}

describe('parse → store, property-based', () => {
  it('never throws, one error per bad line (ten per frame, then one summary), good lines applied, invariants after every frame', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(frameArb, fc.integer({ min: 0, max: 4000 })), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('takhin' as const, 'spec' as const),
        (frames, dialect) => {
          let state = createInitialState({ dialect, historySize: HISTORY, eventBufferSize: EVENTS });
          const membership = new Membership();
          let now = 1_700_000_000_000;
          let parseErrors = 0;
          for (const [lines, gap] of frames) {
            const parsed = checkParsed(lines);
            now += gap;
            state = takhinReducer(state, {
              type: 'ingest',
              messages: parsed.messages,
              errors: parsed.errors,
              parseErrors: parsed.parseErrors,
              frames: 1,
              bytes: frameText(lines).length,
              receivedAt: now,
            });
            const expected = expectedOf(lines);
            for (const message of expected.messages) membership.apply(message);
            parseErrors += expected.parseErrors;
            assertInvariants(state);
            membership.check(state);
            expect(state.counters.parseErrors).toBe(parseErrors);
            if (parsed.errors.length > 0) expect(state.connection.lastError).toBe(parsed.errors.at(-1));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the store keeps its invariants for any sequence of valid messages, whatever the dialect', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(goodMessageArb, { minLength: 1, maxLength: 4 }), fc.nat(3000)), {
          maxLength: 30,
        }),
        fc.constantFrom('takhin' as const, 'spec' as const),
        (batches, dialect) => {
          let state = createInitialState({ dialect, historySize: HISTORY, eventBufferSize: EVENTS });
          const membership = new Membership();
          let now = 1_700_000_000_000;
          for (const [messages, gap] of batches) {
            now += gap;
            const parsed = parseFrame(messages.map((m) => JSON.stringify(m)).join('\n'));
            expect(parsed.errors).toEqual([]);
            state = takhinReducer(state, {
              type: 'ingest',
              messages: parsed.messages,
              errors: [],
              frames: 1,
              bytes: 0,
              receivedAt: now,
            });
            for (const m of messages) membership.apply(m);
            assertInvariants(state);
            membership.check(state);
          }
          const metricsCount = batches.flatMap(([m]) => m).filter((m) => m.type === 'metrics').length;
          expect(state.history.length).toBe(Math.min(HISTORY, metricsCount));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parse → store through a real client (hand-driven socket)', () => {
  let client: TakhinClient | null = null;
  afterEach(() => {
    client?.close();
    client = null;
  });

  async function openClient() {
    const factory = handSocketFactory();
    const errors: TakhinError[] = [];
    const c = createTakhinClient({
      url: 'ws://127.0.0.1:9/api/monitoring/ws',
      createWebSocket: factory,
      heartbeat: false,
      batch: 'sync',
      historySize: HISTORY,
      eventBufferSize: EVENTS,
      onError: (error) => errors.push(error),
      // Random numbers contradict any dialect now and then; the development hint is not under test here.
      logger: { warn: () => {} },
    });
    client = c;
    c.connect();
    await whenStatus(c, 'open');
    return { c, socket: factory.last(), errors };
  }

  it('text frames: onError once per bad line up to ten per frame, then once for the rest; good lines applied, still open', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 10 }), async (frames) => {
        const { c, socket, errors } = await openClient();
        const membership = new Membership();
        let expectedErrors = 0;
        let parseErrors = 0;
        for (const lines of frames) {
          socket.receive(frameText(lines));
          const expected = expectedOf(lines);
          expectedErrors += expected.errorLines.length;
          parseErrors += expected.parseErrors;
          for (const m of expected.messages) membership.apply(m);
          expect(errors).toHaveLength(expectedErrors);
          expect(c.store.getState().counters.parseErrors).toBe(parseErrors);
          assertInvariants(c.store.getState());
          membership.check(c.store.getState());
        }
        expect(c.connection.status).toBe('open');
        c.close();
      }),
      { numRuns: 150 },
    );
  });

  it('binary frames of random bytes (Uint8Array, ArrayBuffer, Blob) never throw and keep the connection', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('view', 'buffer', 'blob')), {
          maxLength: 8,
        }),
        async (frames) => {
          const { c, socket, errors } = await openClient();
          for (const [bytes, form] of frames) {
            const data =
              form === 'view'
                ? bytes
                : form === 'buffer'
                  ? bytes.slice().buffer
                  : new Blob([bytes.slice().buffer as ArrayBuffer]);
            const before = errors.length;
            expect(() => socket.receive(data)).not.toThrow();
            const text = form === 'blob' ? String(data) : new TextDecoder().decode(bytes);
            const lines = text.split('\n').filter((l) => l.replace(/[\s\ufeff]/g, '') !== '');
            // Every non-blank line is accounted for: a message or exactly one error.
            expect(errors.length - before).toBeLessThanOrEqual(lines.length);
            for (const error of errors.slice(before)) expect(error).toBeInstanceOf(TakhinError);
            assertInvariants(c.store.getState());
          }
          expect(c.connection.status).toBe('open');
          c.close();
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('hand-picked extremes', () => {
  const metricsLine = (data: unknown) => JSON.stringify({ type: 'metrics', data, timestamp: 1 });
  const event = (name: string) => JSON.stringify({ type: 'topic_created', data: { name, partitions: 1 } });
  const DEPTH = 100_000;

  function ingestAll(
    text: string,
    state = createInitialState({ historySize: HISTORY, eventBufferSize: EVENTS }),
  ) {
    const parsed = parseFrame(text);
    const next = takhinReducer(state, {
      type: 'ingest',
      messages: parsed.messages,
      errors: parsed.errors,
      parseErrors: parsed.parseErrors,
      frames: 1,
      bytes: text.length,
      receivedAt: Date.now(),
    });
    assertInvariants(next);
    return { parsed, state: next };
  }

  const cases: { name: string; frame: () => string; messages: number; errors: string[] }[] = [
    {
      name: '100k nested arrays',
      frame: () => '['.repeat(DEPTH) + ']'.repeat(DEPTH),
      messages: 0,
      errors: ['invalid_message'],
    },
    { name: '100k unclosed arrays', frame: () => '['.repeat(DEPTH), messages: 0, errors: ['invalid_json'] },
    {
      name: 'metrics of 100k nested objects',
      frame: () => `{"type":"metrics","data":${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}}`,
      messages: 0,
      errors: ['invalid_message'],
    },
    {
      name: 'pong data of 100k nested arrays',
      frame: () => `{"type":"pong","data":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`,
      messages: 1,
      errors: [],
    },
    {
      name: 'error data of 100k nested arrays',
      frame: () => `{"type":"error","data":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`,
      messages: 0,
      errors: ['server_error'],
    },
    {
      name: 'a 10 MB line of garbage',
      frame: () => 'x'.repeat(10 * 1024 * 1024),
      messages: 0,
      errors: ['invalid_json'],
    },
    {
      name: 'a 10 MB name in an event (names are bounded)',
      frame: () => event('t'.repeat(10 * 1024 * 1024)),
      messages: 0,
      errors: ['invalid_message'],
    },
    {
      name: 'a 10 MB string inside a valid event (an extra field)',
      frame: () =>
        JSON.stringify({
          type: 'topic_created',
          data: { name: 'a', partitions: 1, note: 't'.repeat(10 * 1024 * 1024) },
        }),
      messages: 1,
      errors: [],
    },
    {
      name: 'NaN-ish strings, 1e999 literal',
      frame: () =>
        [
          metricsLine({ ...makeMetrics(), throughput: { ...makeMetrics().throughput, produceRate: 'NaN' } }),
          metricsLine({ ...makeMetrics(), latency: { ...makeMetrics().latency, produceP99: 'Infinity' } }),
          metricsLine(makeMetrics()).replace('"timestamp":1704225600', '"timestamp":1e999'),
          '{"type":"topic_created","data":{"name":"x","partitions":-Infinity}}',
          'NaN',
        ].join('\n'),
      messages: 0,
      errors: ['invalid_message', 'invalid_message', 'invalid_message', 'invalid_json', 'invalid_json'],
    },
    {
      name: 'blank lines (CR, tab, BOM)',
      frame: () => '\n\r\n\t\n\ufeff\n \n',
      messages: 0,
      errors: [],
    },
    {
      // JSON's whitespace is only space, tab, CR and LF: a line of other Unicode spaces is garbage to report.
      name: 'lines of other Unicode spaces (no-break space, line separator, ideographic space)',
      frame: () => ['\u00a0', '\u2028', '\u3000 ', event('a')].join('\n'),
      messages: 1,
      errors: ['invalid_json', 'invalid_json', 'invalid_json'],
    },
    {
      name: 'CRLF-separated messages',
      frame: () => [event('a'), event('b'), JSON.stringify({ type: 'pong', data: null })].join('\r\n'),
      messages: 3,
      errors: [],
    },
  ];

  it.each(cases)('$name', ({ frame, messages, errors }) => {
    const text = frame();
    let result: ReturnType<typeof ingestAll> | undefined;
    expect(() => (result = ingestAll(text))).not.toThrow();
    expect(result!.parsed.messages).toHaveLength(messages);
    expect(result!.parsed.errors.map((e) => e.code)).toEqual(errors);
    for (const error of result!.parsed.errors) {
      expect(error).toBeInstanceOf(TakhinError);
      expect((error.excerpt ?? '').length).toBeLessThanOrEqual(201);
      expect(error.message.length).toBeLessThan(1000);
    }
  });

  it('a 10 MB metrics message is applied, with a bad line beside it', () => {
    const topicStats = Array.from({ length: 90_000 }, (_, i) => ({
      name: `topic-${String(i).padStart(6, '0')}`,
      partitions: 12,
      totalMessages: i,
      totalBytes: i * 100,
      produceRate: i,
      fetchRate: i,
    }));
    const big = metricsLine(makeMetrics({ topicStats: topicStats.reverse() }));
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const { parsed, state } = ingestAll(`${big}\n{"type":"metrics"`);
    expect(parsed.errors.map((e) => e.code)).toEqual(['invalid_json']);
    expect(state.metrics!.topicStats).toHaveLength(90_000);
    expect(state.metrics!.topicStats[0].name).toBe('topic-000000');
    expect(Object.keys(state.topics)).toHaveLength(90_000);
  });

  it('thousands of lines in one frame: every good line applied, ten bad ones reported, the rest summed up, all counted', () => {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      lines.push(i % 2 === 0 ? event(`t${i}`) : `{"type":"topic_created","data":{"name":"t${i}"`);
    }
    lines.push(metricsLine(makeMetrics()));
    const { parsed, state } = ingestAll(lines.join('\n'));
    expect(parsed.messages).toHaveLength(2501);
    expect(parsed.errors).toHaveLength(11);
    expect(parsed.errors.map((e) => e.line)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21]);
    expect(parsed.errors[10].message).toBe('…and 2490 more bad lines in this frame');
    expect(state.counters.parseErrors).toBe(2500);
    expect(state.topicEvents).toHaveLength(EVENTS);
    expect(state.topicEvents.at(-1)!.name).toBe('t4998');
    // Metrics came last: the topic set is what it lists (none), not the 2,500 created before it.
    expect(Object.keys(state.topics)).toEqual([]);
  });

  it('negative lags and rates are clamped, lag falls back to the offsets, nothing goes below zero', () => {
    const data = makeMetrics({
      throughput: { produceRate: -5, fetchRate: -1e18, produceBytes: -0, fetchBytes: 3 },
      latency: { produceP50: -1, produceP99: -1e10 },
      topicStats: [
        { name: 'a', partitions: 1, totalMessages: 1, totalBytes: 1, produceRate: -9, fetchRate: -9 },
      ],
      consumerLags: [
        {
          groupId: 'g',
          totalLag: -100,
          topicLags: [
            {
              topic: 'a',
              totalLag: -100,
              partitionLags: [
                { partition: 1, currentOffset: 10, logEndOffset: 4, lag: -6 },
                { partition: 0, currentOffset: 4, logEndOffset: 10, lag: -6 },
              ],
            },
          ],
        },
        { groupId: 'empty', totalLag: -3, topicLags: [] },
      ],
    });
    for (const dialect of ['spec', 'takhin'] as const) {
      let state = createInitialState({ dialect });
      for (let i = 0; i < 3; i++) {
        state = takhinReducer(state, {
          type: 'ingest',
          messages: parseFrame(metricsLine(data)).messages,
          errors: [],
          frames: 1,
          bytes: 0,
          receivedAt: 1000 * (i + 1),
        });
        assertInvariants(state);
      }
      const lag = state.metrics!.consumerLags.find((g) => g.groupId === 'g')!;
      expect(lag.topicLags[0].partitionLags.map((p) => p.lag)).toEqual([6, 0]);
      expect(state.metrics!.totalLag).toBe(6);
    }
  });

  it('names that are prototype keys become ordinary topics and groups', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const { state } = ingestAll(
      [
        ...names.map(event),
        ...names.map((groupId) =>
          JSON.stringify({ type: 'group_updated', data: { groupId, state: 'Stable', members: 1 } }),
        ),
      ].join('\n'),
    );
    expect(Object.keys(state.topics).sort()).toEqual([...names].sort());
    expect(Object.keys(state.groups).sort()).toEqual([...names].sort());
    expect(({} as Record<string, unknown>).partitions).toBeUndefined();
  });

  it('random noise interleaved with a stream of valid metrics never loses a valid sample', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(metricsArb, noiseLineArb), { minLength: 1, maxLength: 20 }), (pairs) => {
        let state = createInitialState({ dialect: 'spec', historySize: 50 });
        let samples = 0;
        for (const [data, noise] of pairs) {
          const frame = `${noise}\n${metricsLine(data)}\n${noise}`;
          const parsed = parseFrame(frame);
          state = takhinReducer(state, {
            type: 'ingest',
            messages: parsed.messages,
            errors: parsed.errors,
            frames: 1,
            bytes: frame.length,
            receivedAt: ++samples * 2000,
          });
          assertInvariants(state);
        }
        expect(state.history.length).toBeGreaterThanOrEqual(Math.min(50, pairs.length));
      }),
      { numRuns: 200 },
    );
  });

  it('a metrics line with values near 1e308 (beyond int64) does not throw or go negative', () => {
    const huge = 1.7e308;
    const data = makeMetrics({
      throughput: { produceRate: huge, fetchRate: huge, produceBytes: huge, fetchBytes: huge },
      consumerLags: [
        {
          groupId: 'g',
          totalLag: huge,
          topicLags: [
            {
              topic: 't',
              totalLag: huge,
              partitionLags: [
                { partition: 0, currentOffset: -huge, logEndOffset: huge, lag: -1 },
                { partition: 1, currentOffset: 0, logEndOffset: huge, lag: huge },
              ],
            },
          ],
        },
      ],
    });
    let state = createInitialState({ dialect: 'takhin' });
    for (let i = 0; i < 2; i++) {
      expect(() => {
        state = takhinReducer(state, {
          type: 'ingest',
          messages: parseFrame(metricsLine(data)).messages,
          errors: [],
          frames: 1,
          bytes: 0,
          receivedAt: 1 + i,
        });
      }).not.toThrow();
    }
    const m = state.metrics!;
    for (const value of [m.totalLag, ...Object.values(m.throughput), m.consumerLags[0].totalLag]) {
      expect(value >= 0).toBe(true);
      expect(Number.isNaN(value)).toBe(false);
    }
  });

  // Inputs far beyond int64 cannot come from a real server, but sums and unit conversions of them must
  // saturate rather than overflow to Infinity, which the components would print.
  it('derived values stay finite even for inputs near 1e308 (beyond the int64 wire range)', () => {
    const huge = 1.7e308;
    const data = makeMetrics({
      latency: { produceP50: huge },
      consumerLags: [
        {
          groupId: 'g',
          totalLag: 0,
          topicLags: [
            {
              topic: 't',
              totalLag: 0,
              partitionLags: [
                { partition: 0, currentOffset: 0, logEndOffset: huge, lag: huge },
                { partition: 1, currentOffset: 0, logEndOffset: huge, lag: huge },
              ],
            },
          ],
        },
      ],
    });
    const { state } = ingestAll(metricsLine(data));
    expect(Number.isFinite(state.metrics!.totalLag)).toBe(true);
    expect(Number.isFinite(state.metrics!.latency.produceP50)).toBe(true);
  });
});
