/**
 * Error texts in a production build: the same codes and details as in development, a short message that
 * names the code (and what varies), never the development sentence. Vitest runs with NODE_ENV=test, so
 * the other tests see the full texts; here NODE_ENV is stubbed to 'production', which is what a bundler
 * bakes into an app's production build (test/package/production-bundle.test.ts checks the bundle itself).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTakhinClient, TakhinError, type TakhinClientOptions } from '../../src/index.js';
import { brief } from '../../src/core/errors.js';
import { parseFrame, validateMetrics } from '../../src/core/parse.js';
import { encodeClientMessage } from '../../src/core/encode.js';
import { handSocketFactory } from '../reliability/helpers.js';
import { makeMetrics } from './fixtures.js';

const SHORT = /^takhin-react [a-z_]+(: .*)? \(full message in development builds\)$/;

/** Runs `run` once in development and once in production, returning both results. */
function inBothModes<T>(run: () => T): { development: T; production: T } {
  vi.stubEnv('NODE_ENV', 'development');
  const development = run();
  vi.stubEnv('NODE_ENV', 'production');
  const production = run();
  vi.unstubAllEnvs();
  return { development, production };
}

function thrown(run: () => unknown): TakhinError {
  try {
    run();
  } catch (error) {
    return error as TakhinError;
  }
  throw new Error('expected a throw');
}

/** Everything but the message and the time: what must not differ between the builds. */
function fields(error: TakhinError) {
  const { code, line, excerpt, closeCode, messageType, fatal } = error;
  return { code, line, excerpt, closeCode, messageType, fatal };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('brief', () => {
  it('names the code and the detail', () => {
    expect(brief('stale', 9000)).toBe('takhin-react stale: 9000 (full message in development builds)');
    expect(brief('stale')).toBe('takhin-react stale (full message in development builds)');
    expect(brief('stale', '')).toMatch(SHORT);
  });
});

describe('parse errors', () => {
  const bad = [
    'not json',
    '{"type":42}',
    '{"type":"nope"}',
    '{"type":"topic_created","data":{"name":"t","partitions":-1}}',
    '{"type":"error","data":{"message":"broker says no"}}',
    JSON.stringify({ type: 'metrics', data: { ...makeMetrics(), topicStats: [{ name: 7 }] } }),
  ].join('\n');

  it('keep their codes and details, with the short form in production', () => {
    const { development, production } = inBothModes(() => parseFrame(bad));
    expect(production.errors.map(fields)).toEqual(development.errors.map(fields));
    expect(production.parseErrors).toBe(development.parseErrors);
    for (const error of production.errors) expect(error.message).toMatch(SHORT);
    for (const error of development.errors) expect(error.message).not.toMatch(SHORT);
    // What varies survives: the server's words, the unknown type, the bad field's path.
    const messages = production.errors.map((error) => error.message);
    expect(messages).toContain(brief('server_error', 'broker says no'));
    expect(messages).toContain(brief('unknown_type', 'nope'));
    expect(messages).toContain(brief('invalid_message', 'metrics.topicStats[0].name'));
  });

  it('name the bad field without the rule in production', () => {
    const value = { ...makeMetrics(), timestamp: 'x' };
    const { development, production } = inBothModes(() => validateMetrics(value));
    expect(development).toBe('metrics.timestamp must be a finite number');
    expect(production).toBe('metrics.timestamp');
  });

  it('sum up the bad lines past the first ten in the short form too', () => {
    const { production } = inBothModes(() => parseFrame(Array(12).fill('x').join('\n')));
    expect(production.errors.at(-1)!.message).toBe(brief('more_bad_lines', 2));
  });
});

describe('client errors', () => {
  it('invalid options keep their code and fatal flag', () => {
    const options = [{ url: '' }, { url: 'ftp://x/' }, { url: 'ws://x/', dialect: 'Spec' as never }];
    for (const option of options) {
      const { development, production } = inBothModes(() =>
        thrown(() => createTakhinClient(option as TakhinClientOptions)),
      );
      expect(fields(production)).toEqual(fields(development));
      expect(production.message).toMatch(SHORT);
      expect(development.message).not.toMatch(SHORT);
    }
  });

  it('an oversized message keeps its code and type', () => {
    const data = 'x'.repeat(600_000);
    const { development, production } = inBothModes(() =>
      thrown(() => encodeClientMessage('subscribe', data)),
    );
    expect(fields(production)).toEqual(fields(development));
    expect(production.message).toBe(brief('message_too_large', 'at least 600053'));
    expect(development.message).toMatch(/above the server's limit/);
  });

  describe('connection errors', () => {
    beforeEach(() => {
      vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    async function lostConnectionError(): Promise<TakhinError> {
      const factory = handSocketFactory();
      const errors: TakhinError[] = [];
      const client = createTakhinClient({
        url: 'ws://broker.example:8080/api/monitoring/ws',
        createWebSocket: factory,
        heartbeat: false,
        networkEvents: false,
        onError: (error) => errors.push(error),
        logger: { warn: () => {} },
      });
      client.connect();
      await vi.advanceTimersByTimeAsync(0);
      factory.last().drop(1006, 'gone');
      client.close();
      return errors[0];
    }

    it('a lost connection keeps its close code; production names the host, not the sentence', async () => {
      vi.stubEnv('NODE_ENV', 'development');
      const development = await lostConnectionError();
      vi.stubEnv('NODE_ENV', 'production');
      const production = await lostConnectionError();
      expect(fields(production)).toEqual(fields(development));
      expect(development.message).toBe('Connection to broker.example:8080 lost (close 1006: gone).');
      expect(production.message).toBe(brief('connection_lost', 'broker.example:8080, close 1006'));
    });
  });
});

describe('development-only checks', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Warnings of a spec-dialect client fed one sample with the takhin server's estimated percentiles. */
  async function dialectWarnings(mode: string): Promise<unknown[]> {
    vi.stubEnv('NODE_ENV', mode);
    const factory = handSocketFactory();
    const warn = vi.fn();
    const client = createTakhinClient({
      url: 'ws://127.0.0.1:9/api/monitoring/ws',
      dialect: 'spec',
      createWebSocket: factory,
      heartbeat: false,
      networkEvents: false,
      batch: 'sync',
      logger: { warn },
    });
    client.connect();
    await vi.advanceTimersByTimeAsync(0);
    const latency = {
      produceP50: 0.8,
      produceP95: 1.5,
      produceP99: 2,
      fetchP50: 0.8,
      fetchP95: 1.5,
      fetchP99: 2,
    };
    factory.last().receive(JSON.stringify({ type: 'metrics', data: makeMetrics({ latency }) }));
    await vi.advanceTimersByTimeAsync(50);
    client.close();
    vi.unstubAllEnvs();
    return warn.mock.calls.map((call) => call[0]);
  }

  it('the dialect check warns in development and is absent from production', async () => {
    expect(await dialectWarnings('development')).toEqual([expect.stringMatching(/dialect is 'spec'/)]);
    expect(await dialectWarnings('production')).toEqual([]);
  });
});
