/**
 * Secrets stay secret and names stay text: a token never reaches an error, a log line, a status object
 * or the page; names full of markup render as text in every view; no component injects raw HTML; and
 * a token about to cross the network in clear text draws a warning.
 */
import { act, cleanup, render } from '@testing-library/react';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionStatus, Dashboard, EventFeed } from '../../src/components/index.js';
import {
  createTakhinClient,
  TakhinProvider,
  useConnectionStatus,
  useConsumerGroups,
  useGroupEvents,
  useMetrics,
  useTopicEvents,
  useTopics,
  TakhinError,
  type TakhinClient,
  type TakhinClientOptions,
} from '../../src/index.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';
import { makeMetrics } from '../core/fixtures.js';
import { nodeSocketFactory } from '../helpers/nodeSocket.js';
import { waitUntil } from '../helpers/wait.js';
import { countingFactory, handSocketFactory, whenState, whenStatus } from './helpers.js';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

let clients: TakhinClient[] = [];
let sims: Simulator[] = [];

afterEach(async () => {
  cleanup();
  for (const c of clients) c.close();
  clients = [];
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
  vi.restoreAllMocks();
});

/** Every way a token can be written into text: as given, and as it travels in a URL. */
function tokenForms(token: string): string[] {
  return [
    ...new Set([token, encodeURIComponent(token), new URLSearchParams({ t: token }).toString().slice(2)]),
  ];
}

/** Errors in full: message, excerpt and stack, which plain `JSON.stringify` would leave out. */
function expandErrors(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { ...value, message: value.message, stack: value.stack, excerpt: (value as TakhinError).excerpt };
  }
  return value;
}

/** Collects every console call and every `onError`/logger output while a client fails. */
function watchOutputs() {
  const spies = CONSOLE_METHODS.map((method) => vi.spyOn(console, method).mockImplementation(() => {}));
  const errors: TakhinError[] = [];
  const warnings: string[] = [];
  return {
    errors,
    options: {
      onError: (error: TakhinError) => errors.push(error),
      logger: { warn: (message: string) => warnings.push(message) },
    } satisfies Partial<TakhinClientOptions>,
    text: () =>
      JSON.stringify(
        {
          errors,
          warnings,
          console: spies.map((spy) =>
            spy.mock.calls.map((args) => args.map((a) => (a instanceof Error ? a : String(a)))),
          ),
        },
        expandErrors,
      ),
  };
}

function StatusObject() {
  const status = useConnectionStatus();
  return <pre data-testid="status-object">{JSON.stringify(status, expandErrors)}</pre>;
}

/** Renders the views that show connection state for a client, and returns the page's HTML. */
function renderedPage(client: TakhinClient): string {
  render(
    <TakhinProvider client={client}>
      <StatusObject />
      <ConnectionStatus />
      <Dashboard chartWidth={320} />
    </TakhinProvider>,
  );
  return document.body.innerHTML;
}

/** Fails the test if any form of `token` appears anywhere the user or a log could see. */
function expectNowhere(token: string, client: TakhinClient, outputs: ReturnType<typeof watchOutputs>) {
  const places: Record<string, string> = {
    outputs: outputs.text(),
    state: JSON.stringify(client.store.getState(), expandErrors),
    connection: JSON.stringify(client.connection, expandErrors),
    page: renderedPage(client),
  };
  for (const form of tokenForms(token)) {
    for (const [where, text] of Object.entries(places)) {
      expect(text.includes(form), `token (${form}) found in ${where}`).toBe(false);
    }
  }
}

type Scenario = {
  name: string;
  setup: (token: string) => Promise<Partial<TakhinClientOptions> & { url: TakhinClientOptions['url'] }>;
};

const FAILURES: Scenario[] = [
  {
    name: 'invalid address',
    // A URL function: a string this bad is refused at construction (see below), a function's answer is not.
    setup: async () => ({ url: () => 'ws://exa mple.invalid/api/monitoring/ws' }),
  },
  {
    name: 'connection refused',
    setup: async () => ({ url: 'ws://127.0.0.1:1/api/monitoring/ws' }),
  },
  {
    name: 'first paint fails',
    setup: async () => ({ url: 'ws://127.0.0.1:1/api/monitoring/ws', firstPaint: true }),
  },
  {
    name: '401 for a wrong token',
    setup: async () => {
      const sim = await startSimulator({
        host: '127.0.0.1',
        port: 0,
        auth: { apiKey: 'other', acceptQueryToken: true },
      });
      sims.push(sim);
      return { url: sim.url, createWebSocket: nodeSocketFactory() };
    },
  },
  {
    name: 'address function throws',
    setup: async (token) => ({
      url: () => {
        throw new Error(`no address for credentials ${token}`);
      },
    }),
  },
];

async function failWith(token: string, scenario: Scenario) {
  const outputs = watchOutputs();
  const options = await scenario.setup(token);
  const client = createTakhinClient({
    token,
    reconnect: false,
    heartbeat: false,
    ...outputs.options,
    ...options,
  });
  clients.push(client);
  client.connect();
  await whenState(
    client,
    (s) => s.connection.status === 'closed' && s.connection.lastError !== null,
    'failure',
  );
  // Let a first-paint request finish failing as well.
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(outputs.errors.length).toBeGreaterThan(0);
  return { client, outputs };
}

describe('tokens never leak', () => {
  const PLAIN = 'plainToken123456';

  it.each(FAILURES)(
    'plain token, $name: not in errors, logs, status objects or the page',
    async (scenario) => {
      const { client, outputs } = await failWith(PLAIN, scenario);
      expectNowhere(PLAIN, client, outputs);
    },
  );

  // URLs carry the token percent-encoded: a token with `/`, `+` or `=` (standard base64) must be masked in
  // every spelling an error quoting the URL may use.
  const RESERVED = 'c2VjcmV0/dG9r+ZW4=';
  it('an invalid address string is refused at construction, without the token', () => {
    let thrown: unknown;
    try {
      createTakhinClient({ url: 'ws://exa mple.invalid/api/monitoring/ws', token: RESERVED });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TakhinError);
    expect((thrown as TakhinError).code).toBe('invalid_option');
    expect(String((thrown as Error).stack)).not.toContain(RESERVED);
  });
  it('token with URL-reserved characters, invalid address: not in errors, logs, status objects or the page', async () => {
    const { client, outputs } = await failWith(RESERVED, FAILURES[0]);
    expectNowhere(RESERVED, client, outputs);
  });
  it('token with URL-reserved characters, first paint fails: not in errors, logs, status objects or the page', async () => {
    const { client, outputs } = await failWith(RESERVED, FAILURES[2]);
    expectNowhere(RESERVED, client, outputs);
  });

  it.each(FAILURES.filter((s) => s !== FAILURES[0] && s !== FAILURES[2]))(
    'token with URL-reserved characters, $name: not in errors, logs, status objects or the page',
    async (scenario) => {
      const { client, outputs } = await failWith(RESERVED, scenario);
      expectNowhere(RESERVED, client, outputs);
    },
  );

  it('not anywhere on a working connection either, although the token was sent', async () => {
    const token = RESERVED;
    const sim = await startSimulator({
      host: '127.0.0.1',
      port: 0,
      intervalMs: 50,
      auth: { apiKey: token, acceptQueryToken: true },
    });
    sims.push(sim);
    const outputs = watchOutputs();
    const factory = countingFactory(nodeSocketFactory());
    const client = createTakhinClient({
      url: sim.url,
      token,
      createWebSocket: factory,
      heartbeat: false,
      ...outputs.options,
    });
    clients.push(client);
    client.connect();
    await whenState(client, (s) => s.metrics !== null, 'metrics');
    // The token did travel (so the searches below look for something real).
    expect(factory.urls[0]).toContain(encodeURIComponent(token));
    await act(async () => {
      expectNowhere(token, client, outputs);
    });
  });
});

describe('names with markup render as text', () => {
  const IMG = '<img src=x onerror="globalThis.__takhinPwned=1">';
  const SCRIPT = '</script><script>globalThis.__takhinPwned=2</script>';
  const NAMES = [IMG, SCRIPT];

  function Consumers() {
    const topics = useTopics();
    const groups = useConsumerGroups();
    const topicEvents = useTopicEvents();
    const groupEvents = useGroupEvents();
    const stats = useMetrics((m) => m?.topicStats ?? []);
    return (
      <div>
        {topics.map((t) => (
          <span key={`t${t.name}`}>{t.name}</span>
        ))}
        {groups.map((g) => (
          <span key={`g${g.groupId}`}>{g.groupId}</span>
        ))}
        {topicEvents.map((e) => (
          <span key={e.seq}>{e.name}</span>
        ))}
        {groupEvents.map((e) => (
          <span key={`ge${e.seq}`}>{e.groupId}</span>
        ))}
        {stats.map((s) => (
          <span key={`s${s.name}`}>{s.name}</span>
        ))}
      </div>
    );
  }

  it('in hook consumers, the Dashboard (topics, lag, events) and the status detail', async () => {
    const factory = handSocketFactory();
    const client = createTakhinClient({
      url: 'ws://127.0.0.1:9/api/monitoring/ws',
      createWebSocket: factory,
      heartbeat: false,
      batch: 'sync',
    });
    clients.push(client);
    const view = render(
      <TakhinProvider client={client}>
        <Consumers />
        <Dashboard chartWidth={320} />
        <EventFeed />
      </TakhinProvider>,
    );
    await act(() => whenStatus(client, 'open'));
    const stat = (name: string) => ({
      name,
      partitions: 1,
      totalMessages: 5,
      totalBytes: 5,
      produceRate: 1,
      fetchRate: 1,
    });
    const lag = (groupId: string) => ({
      groupId,
      totalLag: 3,
      topicLags: NAMES.map((topic) => ({
        topic,
        totalLag: 3,
        partitionLags: [{ partition: 0, currentOffset: 1, logEndOffset: 4, lag: 3 }],
      })),
    });
    const lines = [
      JSON.stringify({
        type: 'metrics',
        data: makeMetrics({ topicStats: NAMES.map(stat), consumerLags: NAMES.map(lag) }),
      }),
      ...NAMES.map((name) => JSON.stringify({ type: 'topic_created', data: { name, partitions: 2 } })),
      ...NAMES.map((groupId) =>
        JSON.stringify({ type: 'group_updated', data: { groupId, state: 'Stable', members: 1 } }),
      ),
      JSON.stringify({ type: 'error', data: { message: IMG } }),
    ];
    act(() => factory.last().receive(lines.join('\n')));
    expect(client.connection.lastError?.message).toContain(IMG);
    // Show the markup-bearing error in the status detail too.
    view.rerender(
      <TakhinProvider client={client}>
        <Consumers />
        <Dashboard chartWidth={320} />
        <EventFeed />
        <ConnectionStatus status={{ status: 'closed', lastError: client.connection.lastError }} />
      </TakhinProvider>,
    );

    const root = view.container;
    expect(root.querySelectorAll('img, script, iframe, object')).toHaveLength(0);
    const text = root.textContent ?? '';
    for (const name of NAMES) {
      // Many occurrences: hooks consumers, topic table, lag table, event feed.
      expect(text.split(name).length - 1).toBeGreaterThanOrEqual(5);
    }
    expect(root.innerHTML).toContain('&lt;img src=x onerror=');
    expect(root.innerHTML).toContain('&lt;/script&gt;&lt;script&gt;');
    expect((globalThis as { __takhinPwned?: number }).__takhinPwned).toBeUndefined();
  });

  it('no source file under src/ injects raw HTML', () => {
    // Not `new URL(…, import.meta.url)`: under happy-dom the global URL is the DOM's, not Node's.
    const srcRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx|js|jsx)$/.test(entry)) files.push(path);
      }
    };
    walk(srcRoot);
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });
});

describe('a token over plain ws:// to another host draws a warning', () => {
  async function warningsFor(url: string, token: string | undefined, viaFunction = false): Promise<string[]> {
    const warn = vi.fn();
    const factory = handSocketFactory(false);
    const client = createTakhinClient({
      url: viaFunction ? async () => url : url,
      token,
      createWebSocket: factory,
      reconnect: false,
      heartbeat: false,
      logger: { warn },
    });
    clients.push(client);
    client.connect();
    await waitUntil(() => factory.sockets.length === 1, 'an attempt');
    return warn.mock.calls.map(([message]) => String(message));
  }

  it.each([
    ['ws://monitoring.example.com/api/monitoring/ws', true],
    ['ws://10.0.0.5:8080/api/monitoring/ws', true],
    ['ws://[2001:db8::1]:8080/api/monitoring/ws', true],
    ['wss://monitoring.example.com/api/monitoring/ws', false],
    ['ws://127.0.0.1:8080/api/monitoring/ws', false],
    ['ws://127.9.9.9:8080/api/monitoring/ws', false],
    ['ws://localhost:8080/api/monitoring/ws', false],
    ['ws://[::1]:8080/api/monitoring/ws', false],
  ])('%s → warning: %s', async (url, warned) => {
    const token = 'warnTestToken42';
    const warnings = await warningsFor(url, token);
    expect(warnings).toHaveLength(warned ? 1 : 0);
    for (const w of warnings) for (const form of tokenForms(token)) expect(w).not.toContain(form);
  });

  it('no token, no warning; an address function is checked too; retries do not repeat it', async () => {
    expect(await warningsFor('ws://monitoring.example.com/api/monitoring/ws', undefined)).toEqual([]);
    expect(await warningsFor('ws://monitoring.example.com/api/monitoring/ws', 'abc', true)).toHaveLength(1);
    expect(await warningsFor('wss://monitoring.example.com/api/monitoring/ws', 'abc', true)).toEqual([]);

    const warn = vi.fn();
    const factory = handSocketFactory();
    const client = createTakhinClient({
      url: 'ws://monitoring.example.com/api/monitoring/ws',
      token: 'abc',
      createWebSocket: factory,
      reconnect: { initialDelayMs: 5, maxDelayMs: 5 },
      heartbeat: false,
      logger: { warn },
    });
    clients.push(client);
    client.connect();
    for (let i = 0; i < 3; i++) {
      await whenStatus(client, 'open');
      factory.last().drop(1006);
    }
    await whenStatus(client, 'open');
    expect(factory.sockets.length).toBe(4);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('goes to console.warn when no logger is given', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const factory = handSocketFactory(false);
    const client = createTakhinClient({
      url: 'ws://monitoring.example.com/api/monitoring/ws',
      token: 'abc',
      createWebSocket: factory,
      reconnect: false,
      heartbeat: false,
    });
    clients.push(client);
    client.connect();
    await waitUntil(() => factory.sockets.length === 1, 'an attempt');
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
