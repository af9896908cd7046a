import type { ReconnectOptions } from './backoff.js';
import { DEFAULTS } from './defaults.js';
import type { TakhinError } from './errors.js';
import type { Dialect } from './protocol.js';
import type { WebSocketFactory } from './socket.js';
import type { TakhinStore } from './store.js';
import type { PersistHistoryOptions } from './persistHistory.js';

/** Liveness checks resting on application traffic, since browsers hide protocol-level pings. */
export interface HeartbeatOptions {
  /**
   * Reconnect when no message at all arrived for this long while open (about three metrics intervals).
   * @default 6000
   */
  staleAfterMs: number;
  /**
   * Send an app-level `ping` after this much silence; 0 turns pings off.
   * @default 3000
   */
  pingAfterMs: number;
  /**
   * Reconnect when nothing (not even the `pong`) arrived this long after a `ping`.
   * @default 2500
   */
  pongTimeoutMs: number;
}

/** A URL, or a function returning a fresh one for each attempt (for example with a short-lived token). */
export type UrlSource = string | (() => string | Promise<string>);

export interface TakhinClientOptions {
  /** `ws://HOST:8080/api/monitoring/ws`, or a function called before every attempt. */
  url: UrlSource;
  /**
   * How the server fills metrics: `takhin` (the real server: cumulative counters, latency in seconds) or
   * `spec` (the quick reference: per-second rates, latency in ms).
   * @default 'takhin'
   */
  dialect?: Dialect;
  /**
   * Creates each socket. Node users pass one built on the `ws` package, which can send an
   * `Authorization` header; tests pass a fake.
   * @default (url) => new WebSocket(url)
   */
  createWebSocket?: WebSocketFactory;
  /**
   * A token sent as a query parameter, for servers or proxies that accept one. Never logged.
   * @default undefined
   */
  token?: string;
  /**
   * Name of the query parameter that carries `token`.
   * @default 'token'
   */
  tokenParam?: string;
  /** Retry policy, or `false` to never retry. @default DEFAULTS.reconnect */
  reconnect?: Partial<ReconnectOptions> | false;
  /** Staleness and ping checks, or `false` to turn both off. @default DEFAULTS.heartbeat */
  heartbeat?: Partial<HeartbeatOptions> | false;
  /** Samples kept for charts. @default 300 (10 minutes at 2 s) */
  historySize?: number;
  /** Topic and group events kept for feeds. @default 200 */
  eventBufferSize?: number;
  /** Messages kept while not connected, oldest dropped first. @default 100 */
  sendQueueSize?: number;
  /**
   * Fetch `GET /api/monitoring/metrics` on the first connect for a first paint before the first tick:
   * `true` derives the address from `url`, a string names it.
   * @default false
   */
  firstPaint?: boolean | string;
  /**
   * How incoming messages are grouped into store updates: `'frame'` makes at most one update per
   * animation frame (a message after a quiet spell is applied at once; what follows it waits for the
   * next frame, or 50 ms when no frame comes); `'sync'` applies every frame at once; a number waits
   * that many ms.
   * @default 'frame'
   */
  batch?: 'frame' | 'sync' | number;
  /**
   * React to `online`/`offline` and to a hidden tab becoming visible, when the environment has them.
   * @default true
   */
  networkEvents?: boolean;
  /** Called once for every error: bad lines, lost connections, refused sends. @default undefined */
  onError?: (error: TakhinError) => void;
  /** Where warnings go (for example a token over plain `ws://`). @default console */
  logger?: { warn(message: string): void };
  /** An existing store to feed instead of a new one. @default a new store */
  store?: TakhinStore;
  /** `fetch` used for the first paint and the group poll. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Poll `GET /api/consumer-groups` (beside `url`, with the same token rule as `firstPaint`) for the
   * group states and member counts the socket never sends: `true` every 10 s, or a number of ms. A change
   * becomes an inferred `group_updated` event. Failures are reported once through `onError`
   * (`groups_poll_failed`) and retried with back-off; they never touch the socket.
   * @default false
   */
  pollGroups?: boolean | number;
  /**
   * Share one socket among the tabs of this origin that use the same `url` (origin and path; the query,
   * where a token may be, is not compared and never leaves the tab). One tab leads and owns the socket
   * (elected with the Web Locks API, or with BroadcastChannel heartbeats where locks are missing); the
   * others follow: they get every batch it parses, send their subscriptions and messages through it, and
   * show its connection with `connection.leader === false`. A leader that closes is replaced at once, one
   * that freezes within about 2.5 s. With a `url` function, pass a string instead of `true` to name the
   * shared connection. Where BroadcastChannel is missing (Node, server rendering) each client keeps its
   * own socket.
   * @default false
   */
  shareAcrossTabs?: boolean | string;
  /**
   * Keep the history and the recent events across a reload of the page: they are written to
   * sessionStorage (versioned, bounded in bytes, keyed by the `url` without its query; never the token)
   * and restored on the first `connect()`, with a gap sample for the time the page was away. A record
   * that is corrupt, from another version or for another address is ignored with a warning through
   * `logger` and `onError`.
   * @default false
   */
  persistHistory?: boolean | PersistHistoryOptions;
}

/** {@link TakhinClientOptions} with every default applied: what the client reads after construction. */
export type ResolvedClientOptions = Readonly<{
  url: UrlSource;
  dialect: Dialect;
  /** As given: without one, the client uses the global `WebSocket` (or the `ws` package in Node). */
  createWebSocket: WebSocketFactory | undefined;
  token: string | undefined;
  tokenParam: string;
  reconnect: ReconnectOptions;
  /** null when turned off. */
  heartbeat: HeartbeatOptions | null;
  historySize: number;
  eventBufferSize: number;
  sendQueueSize: number;
  firstPaint: boolean | string;
  batch: 'frame' | 'sync' | number;
  networkEvents: boolean;
  /** The group poll interval in ms, or null without a poll. */
  pollGroupsMs: number | null;
  shareAcrossTabs: boolean | string;
  persistHistory: boolean | PersistHistoryOptions;
  onError: ((error: TakhinError) => void) | undefined;
  logger: { warn(message: string): void };
  store: TakhinStore | undefined;
  /** The `fetch` to use, looked up when needed (a test may install the global one later). */
  fetch: () => typeof fetch | undefined;
}>;

/** The options whose default is the entry of the same name in {@link DEFAULTS}. */
const PLAIN_DEFAULTS = [
  'dialect',
  'tokenParam',
  'historySize',
  'eventBufferSize',
  'sendQueueSize',
  'firstPaint',
  'batch',
  'networkEvents',
  'shareAcrossTabs',
  'persistHistory',
] as const;

/** Applies {@link DEFAULTS} to client options, once. */
export function resolveClientOptions(options: TakhinClientOptions): ResolvedClientOptions {
  const pollGroups = options.pollGroups ?? DEFAULTS.pollGroups;
  const resolved: Record<string, unknown> = {
    url: options.url,
    createWebSocket: options.createWebSocket,
    token: options.token,
    reconnect:
      options.reconnect === false
        ? { ...DEFAULTS.reconnect, enabled: false }
        : { ...DEFAULTS.reconnect, ...options.reconnect },
    heartbeat: options.heartbeat === false ? null : { ...DEFAULTS.heartbeat, ...options.heartbeat },
    pollGroupsMs:
      pollGroups === false
        ? null
        : pollGroups === true
          ? DEFAULTS.pollGroupsIntervalMs
          : Math.max(100, pollGroups),
    onError: options.onError,
    logger: options.logger ?? console,
    store: options.store,
    fetch: () => options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch,
  };
  // A loop rather than one line per option: the same few words, shipped once.
  for (const key of PLAIN_DEFAULTS) resolved[key] = options[key] ?? DEFAULTS[key];
  return resolved as ResolvedClientOptions;
}

export const DIALECTS: readonly Dialect[] = ['takhin', 'spec'];

/**
 * What identifies a server across tabs and reloads: scheme, host and path of `url`. Never the query
 * (where a token may be) nor credentials in the authority.
 */
export function addressKey(url: string, base?: string): string {
  const parsed = new URL(url, base);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/** Adds the token as a query parameter; the result must never reach a log or an error message. */
export function withToken(url: string, token: string | undefined, param: string): string {
  if (!token) return url;
  const separator = url.includes('?') ? '&' : '?';
  return `${url}${separator}${encodeURIComponent(param)}=${encodeURIComponent(token)}`;
}

/**
 * A REST address beside a monitoring WebSocket URL: same host, http(s), and `/api/monitoring/ws`
 * replaced by `path` (by default the metrics twin, `/api/monitoring/metrics`).
 */
export function restUrlFor(wsUrl: string, path = '/api/monitoring/metrics'): string {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : url.protocol === 'ws:' ? 'http:' : url.protocol;
  url.pathname = url.pathname.replace(/\/api\/monitoring\/ws\/?$/, path);
  return url.toString();
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True when a token would cross the network in clear text. */
export function isInsecureTokenTransport(url: string, hasToken: boolean): boolean {
  if (!hasToken) return false;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'ws:' && !LOOPBACK_HOSTS.has(parsed.hostname) && !parsed.hostname.startsWith('127.')
    );
  } catch {
    return false;
  }
}
