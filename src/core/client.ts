import { backoffDelay } from './backoff.js';
import { FlushScheduler } from './flushScheduler.js';
import { encodeClientMessage } from './encode.js';
import { isOnline, watchEnvironment } from './environment.js';
import {
  brief,
  describeCause as describe,
  redactToken,
  TakhinError,
  type TakhinErrorCode,
  type TakhinErrorDetails,
} from './errors.js';
import { fetchFirstPaint } from './firstPaint.js';
import { LivenessMonitor } from './liveness.js';
import type { ResolvedClientOptions, TakhinClientOptions } from './options.js';
import {
  addressKey,
  DIALECTS,
  isInsecureTokenTransport,
  resolveClientOptions,
  restUrlFor,
  withToken,
} from './options.js';
import type { GroupPoller } from './groupPoller.js';
import { DialectCheck } from './dialectCheck.js';
import { Emitter } from './emitter.js';
import { addFrame, emptyBatch } from './parse.js';
import type { ClientMessageType, ServerMessage } from './protocol.js';
import {
  loadNodeWebSocket,
  onHandshakeStatus,
  SOCKET_OPEN,
  standardWebSocketFactory,
  statusOfErrorEvent,
  type WebSocketFactory,
  type WebSocketLike,
} from './socket.js';
import type { ConnectionState, GroupEvent, TopicEvent } from './state.js';
import { createTakhinStore, type TakhinStore } from './store.js';
import { SubscriptionRegistry } from './subscriptions.js';
import type { TabLink } from './linkTabs.js';

/** Close codes that mean "your credentials were refused": retrying cannot help. */
const UNAUTHORIZED_CLOSE_CODES = new Set([1008, 3000, 3003, 4001, 4003, 4401, 4403]);
const NORMAL_CLOSE = 1000;

export interface TakhinClientEvents {
  topicEvent: TopicEvent;
  groupEvent: GroupEvent;
  error: TakhinError;
}

/**
 * Reports, through the client's `onError` and listeners, that the chunk of a feature used with it (such
 * as `useLagAlerts`) could not be loaded. Internal: not exported from the entries.
 */
export let reportChunkFailure: (client: TakhinClient, feature: string, cause: unknown) => void;

/**
 * One of the client's own errors. Each call site passes `process.env.NODE_ENV !== 'production' ? fullText
 * : detail`, which bundlers reduce to one branch; production builds then wrap the detail in `brief`.
 */
function clientError(
  code: TakhinErrorCode,
  message: string | number,
  details?: TakhinErrorDetails,
): TakhinError {
  return new TakhinError(
    code,
    process.env.NODE_ENV !== 'production' ? String(message) : brief(code, message),
    details,
  );
}

function missingWebSocket(): TakhinError {
  return clientError(
    'connection_failed',
    process.env.NODE_ENV !== 'production'
      ? 'No WebSocket implementation in this environment; pass createWebSocket (for example one built on the ws package).'
      : 'no WebSocket',
    { fatal: true },
  );
}

/**
 * One connection to a Takhin monitoring WebSocket, feeding one store. Framework-free: usable from React
 * (through `TakhinProvider`), from other frameworks, or from Node.
 *
 * Lifecycle: `idle → connecting → open → reconnecting → connecting → … → closed`.
 */
export class TakhinClient {
  /** The zustand vanilla store this client feeds. */
  readonly store: TakhinStore;

  /** The options with their defaults applied, once, by the constructor. */
  readonly #options: ResolvedClientOptions;
  readonly #liveness: LivenessMonitor;
  readonly #createSocket: WebSocketFactory;
  readonly #subscriptions: SubscriptionRegistry;
  readonly #scheduler: FlushScheduler;
  readonly #events = new Emitter<TakhinClientEvents>();

  #socket: WebSocketLike | null = null;
  #generation = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #deferredLifecycle: 'connect' | 'close' | null = null;
  #stopWatchingEnvironment: (() => void) | null = null;
  #pending = emptyBatch();
  #sendQueue: string[] = [];
  #retainCount = 0;
  /** HTTP status of the current attempt's refused handshake, when the socket told it. */
  #httpStatus: number | null = null;
  #firstPaintRequested = false;
  /** The first-paint request in flight, aborted by `close()`. */
  #firstPaint: AbortController | null = null;
  #insecureWarningGiven = false;
  #fatalLogged = false;
  /** The group poll (`pollGroups`), loaded on first use: null until then, and without the option. */
  #groupPoller: GroupPoller | null = null;
  #groupPollerLoading = false;
  /** Whether the poll should run: it is loading, or started and not stopped since. */
  #groupPollWanted = false;
  /** The `fetch` the poll uses, looked up at construction; undefined without the option or a `fetch`. */
  readonly #pollFetch: typeof fetch | undefined;
  #dialectCheck: DialectCheck | null;
  /** The last address resolved from `url` (without the token), for the poll and for error messages. */
  #lastUrl: string | null = null;
  /** Bumped by `close()`, so that a module loaded for an earlier life starts nothing. */
  #life = 0;
  /** The tab share (`shareAcrossTabs`) once loaded. */
  #tabs: TabLink | null = null;
  #tabsLoading = false;
  /** The tab share's chunk failed to load: this client keeps its own socket. */
  #tabsUnavailable = false;
  #stopPersisting: (() => void) | null = null;
  #persistLoading = false;
  #restored = false;
  /** Features whose chunk failed to load, each reported once. */
  #chunkFailures = new Set<string>();

  constructor(options: TakhinClientOptions) {
    checkOptions(options);
    const resolved = resolveClientOptions(options);
    this.#options = resolved;
    this.#liveness = new LivenessMonitor(resolved.heartbeat, {
      isOpen: () => this.#isOpen(),
      ping: () => this.#sendNow('ping'),
      dead: (error) => this.#dropDeadLink(error),
    });
    this.#createSocket = resolved.createWebSocket ?? standardWebSocketFactory(missingWebSocket);
    this.store =
      resolved.store ??
      createTakhinStore({
        dialect: resolved.dialect,
        historySize: resolved.historySize,
        eventBufferSize: resolved.eventBufferSize,
      });
    this.#subscriptions = new SubscriptionRegistry((type, channel) => this.#sendNow(type, channel));
    this.#scheduler = new FlushScheduler(resolved.batch, () => this.#flush());
    this.#pollFetch = resolved.pollGroupsMs === null ? undefined : resolved.fetch();
    // A development aid: production builds drop the check and its texts.
    this.#dialectCheck =
      process.env.NODE_ENV !== 'production' ? new DialectCheck(this.store.getState().dialect) : null;
  }

  /** Starts the group poll, loading it on first use (a separate chunk: most apps never poll). */
  #startGroupPoll(): void {
    const intervalMs = this.#options.pollGroupsMs;
    const fetchImpl = this.#pollFetch;
    if (intervalMs === null || !fetchImpl) return;
    this.#groupPollWanted = true;
    if (this.#groupPoller) return this.#groupPoller.start();
    if (this.#groupPollerLoading) return;
    this.#groupPollerLoading = true;
    this.#loadChunk(
      () => import('./groupPoller.js'),
      'pollGroups',
      ({ GroupPoller }) => {
        this.#groupPollerLoading = false;
        if (this.#groupPoller) return;
        this.#groupPoller = this.#createGroupPoller(GroupPoller, intervalMs, fetchImpl);
        if (this.#groupPollWanted) this.#groupPoller.start();
      },
      // The next connection attempt tries again.
      () => (this.#groupPollerLoading = false),
    );
  }

  #stopGroupPoll(): void {
    this.#groupPollWanted = false;
    this.#groupPoller?.stop();
  }

  #createGroupPoller(Poller: typeof GroupPoller, intervalMs: number, fetchImpl: typeof fetch): GroupPoller {
    return new Poller(intervalMs, {
      url: () => {
        if (this.#lastUrl === null) return null;
        try {
          return withToken(
            restUrlFor(this.#lastUrl, '/api/consumer-groups'),
            this.#options.token,
            this.#options.tokenParam,
          );
        } catch {
          return null;
        }
      },
      fetch: fetchImpl,
      groups: (groups) => {
        const action = { type: 'groupStates' as const, groups, receivedAt: Date.now() };
        const { groupEvents } = this.store.dispatch(action);
        this.#tabs?.publish(action);
        for (const event of groupEvents) this.#events.emit('groupEvent', event);
      },
      failed: (error) => this.#report(error),
    });
  }

  /** The current connection state (same as `store.getState().connection`). */
  get connection(): ConnectionState {
    return this.store.getState().connection;
  }

  /** Opens the connection if it is not open or opening. Safe to call repeatedly. */
  connect(): void {
    this.#deferredLifecycle = null;
    this.#startPersisting();
    if (this.#waitForTabs()) return;
    const { status } = this.connection;
    if (status === 'connecting' || status === 'open') return;
    this.#clearRetryTimer();
    this.#startWatchingEnvironment();
    void this.#openSocket();
  }

  /** Drops the current connection, if any, and connects again at once with a fresh retry count. */
  reconnect(): void {
    this.#deferredLifecycle = null;
    if (this.#tabs?.role === 'follower') return this.#tabs.requestReconnect();
    this.#clearRetryTimer();
    this.#discardSocket(NORMAL_CLOSE, 'reconnect');
    this.#patchConnection({ attempt: 0, nextRetryAt: null, status: 'idle' });
    this.connect();
  }

  /**
   * Closes the connection for good (until `connect()` or `reconnect()`): no socket, no timer and no
   * listener stays behind. Messages already received are applied first.
   */
  close(): void {
    this.#deferredLifecycle = null;
    this.#clearRetryTimer();
    this.#discardSocket(NORMAL_CLOSE, 'client closed');
    this.#stopWatching();
    this.#stopGroupPoll();
    if (this.#firstPaint) {
      this.#firstPaint.abort();
      this.#firstPaint = null;
      // It never answered: the next connect() asks again.
      this.#firstPaintRequested = false;
    }
    this.#scheduler.cancel();
    this.#flush();
    this.#tabs?.stop();
    this.#tabs = null;
    this.#stopPersisting?.();
    this.#stopPersisting = null;
    // A module still loading for this life starts nothing; the next connect() asks for it again.
    this.#life += 1;
    this.#tabsLoading = this.#persistLoading = this.#groupPollerLoading = false;
    this.#patchConnection({ status: 'closed', nextRetryAt: null });
  }

  /**
   * Marks one user of the connection (a mounted provider). The first user connects and the last one
   * closes, both deferred to a microtask so that React StrictMode's mount → unmount → mount opens one
   * socket, not two.
   */
  retain(): () => void {
    this.#retainCount += 1;
    let released = false;
    if (this.#retainCount === 1) this.#deferLifecycle('connect');
    return () => {
      if (released) return;
      released = true;
      this.#retainCount -= 1;
      if (this.#retainCount === 0) this.#deferLifecycle('close');
    };
  }

  /**
   * Subscribes to a channel such as `topic:orders`, counting users: the server hears `subscribe` once for
   * the first user and `unsubscribe` after the last, and again `subscribe` after every reconnect.
   */
  subscribe(channel: string): () => void {
    const remove = this.#subscriptions.add(channel, this.connection.status === 'open');
    this.#tabs?.channelsChanged();
    return () => {
      remove();
      this.#tabs?.channelsChanged();
    };
  }

  /** Channels currently subscribed, with their user counts. */
  get subscribedChannels(): ReadonlyMap<string, number> {
    return this.#subscriptions.channels;
  }

  /**
   * Sends a message with an integer-second timestamp. While not connected it is queued (bounded; pings
   * are not queued). Throws a `message_too_large` TakhinError, without sending, past 512 KiB.
   * @returns true when sent now, false when queued or dropped.
   */
  send(type: ClientMessageType, data?: unknown): boolean {
    const text = encodeClientMessage(type, data);
    if (this.#tabs?.forward(type, data)) return true;
    if (this.#isOpen()) {
      this.#socket!.send(text);
      return true;
    }
    if (type === 'ping') return false;
    const limit = this.#options.sendQueueSize;
    this.#sendQueue.push(text);
    if (this.#sendQueue.length > limit) {
      this.#sendQueue.shift();
      this.#report(
        clientError(
          'send_queue_overflow',
          process.env.NODE_ENV !== 'production'
            ? `Send queue full (${limit}); the oldest queued message was dropped.`
            : limit,
          {
            messageType: type,
          },
        ),
      );
    }
    return false;
  }

  /** Listens to one kind of client event; returns the function that stops listening. */
  on<K extends keyof TakhinClientEvents>(
    event: K,
    listener: (value: TakhinClientEvents[K]) => void,
  ): () => void {
    return this.#events.on(event, listener);
  }

  #deferLifecycle(action: 'connect' | 'close'): void {
    this.#deferredLifecycle = action;
    queueMicrotask(() => {
      if (this.#deferredLifecycle !== action) return;
      this.#deferredLifecycle = null;
      if (action === 'connect' && this.#retainCount > 0) this.connect();
      if (action === 'close' && this.#retainCount === 0) this.close();
    });
  }

  async #openSocket(): Promise<void> {
    const generation = ++this.#generation;
    this.#httpStatus = null;
    this.#patchConnection({ status: 'connecting', nextRetryAt: null });
    let url: string;
    try {
      const source = this.#options.url;
      url = typeof source === 'function' ? await source() : source;
    } catch (cause) {
      if (generation !== this.#generation) return;
      this.#scheduleReconnect(
        clientError(
          'connection_failed',
          process.env.NODE_ENV !== 'production'
            ? `Could not get the server address: ${describe(cause)}`
            : describe(cause),
        ),
      );
      return;
    }
    if (generation !== this.#generation) return;
    this.#lastUrl = url;
    this.#warnOnInsecureToken(url);
    this.#requestFirstPaint(url);
    this.#startGroupPoll();
    const fullUrl = withToken(url, this.#options.token, this.#options.tokenParam);
    if (this.#options.createWebSocket === undefined) {
      await loadNodeWebSocket();
      if (generation !== this.#generation) return;
    }
    let socket: WebSocketLike;
    try {
      socket = this.#createSocket(fullUrl);
    } catch (cause) {
      const error =
        cause instanceof TakhinError
          ? cause
          : clientError(
              'connection_failed',
              process.env.NODE_ENV !== 'production'
                ? `Could not create the WebSocket: ${describe(cause)}`
                : describe(cause),
            );
      if (error.fatal) this.#fail(error);
      else this.#scheduleReconnect(error);
      return;
    }
    this.#socket = socket;
    try {
      // Browsers hand binary frames over as Blobs by default, which cannot be read synchronously.
      socket.binaryType = 'arraybuffer';
    } catch {
      // A custom socket may not let it be set; its frames are checked one by one anyway.
    }
    socket.onopen = () => {
      if (this.#socket === socket) this.#handleOpen();
    };
    socket.onmessage = (event) => {
      if (this.#socket === socket) this.#handleFrame(event);
    };
    // Only a status decides that credentials were refused: error text (a host named `api-403`) never does.
    const hearStatus = (status: number | null) => {
      if (this.#socket === socket && status !== null) this.#httpStatus = status;
    };
    onHandshakeStatus(socket, hearStatus);
    socket.onerror = (event) => hearStatus(statusOfErrorEvent(event));
    socket.onclose = (event) => {
      if (this.#socket === socket) this.#handleClose(event.code, event.reason);
    };
  }

  #handleOpen(): void {
    this.#patchConnection({ status: 'open', openedAt: Date.now(), nextRetryAt: null });
    this.#subscriptions.resendAll();
    const queued = this.#sendQueue;
    this.#sendQueue = [];
    for (const text of queued) this.#socket?.send(text);
    this.#liveness.start();
  }

  #handleFrame(event: { data: unknown }): void {
    this.#liveness.traffic();
    addFrame(this.#pending, event, Date.now());
    this.#scheduler.request();
  }

  #flush(): void {
    const batch = this.#pending;
    if (batch.frames === 0 && batch.errors.length === 0) return;
    this.#pending = emptyBatch();
    if (process.env.NODE_ENV !== 'production' && this.#dialectCheck !== null) {
      if (checkDialect(this.#dialectCheck, batch.messages, this.#options.logger)) this.#dialectCheck = null;
    }
    const errors = batch.errors.map((error) => this.#redact(error));
    const { topicEvents, groupEvents } = this.store.dispatch({ type: 'ingest', ...batch, errors });
    this.#tabs?.publish({ type: 'ingest', ...batch, errors: [] });
    for (const error of errors) this.#emitError(error);
    for (const event of topicEvents) this.#events.emit('topicEvent', event);
    for (const event of groupEvents) this.#events.emit('groupEvent', event);
  }

  #handleClose(code: number, reason: string): void {
    const openedAt = this.connection.openedAt;
    const wasOpen = this.connection.status === 'open';
    this.#discardSocket();
    this.#patchConnection({ lastCloseCode: code, openedAt: null });
    const status = this.#httpStatus;
    const how = status === null ? `close ${code}` : `HTTP ${status}, close ${code}`;
    if (status === 401 || status === 403 || UNAUTHORIZED_CLOSE_CODES.has(code)) {
      this.#fail(
        clientError(
          'unauthorized',
          process.env.NODE_ENV !== 'production'
            ? `The server refused the credentials (${how}); not retrying.`
            : how,
          { closeCode: code, fatal: true },
        ),
      );
      return;
    }
    if (wasOpen && openedAt !== null && Date.now() - openedAt >= this.#options.reconnect.minUptimeMs) {
      this.#patchConnection({ attempt: 0 });
    }
    const errorCode = wasOpen ? 'connection_lost' : 'connection_failed';
    let message: string;
    if (process.env.NODE_ENV !== 'production') {
      const detail = reason ? `: ${reason.slice(0, 120)}` : '';
      message = wasOpen
        ? `Connection to ${this.#host()} lost (close ${code}${detail}).`
        : `Could not connect to ${this.#host()} (${how}${detail}).`;
    } else {
      message = `${this.#host()}, ${how}`;
    }
    this.#scheduleReconnect(clientError(errorCode, message, { closeCode: code }));
  }

  /** The host of the current address, for error messages (never the token, which is in the query). */
  #host(): string {
    try {
      return this.#lastUrl === null
        ? 'the server'
        : new URL(this.#lastUrl, pageAddress()).host || 'the server';
    } catch {
      return 'the server';
    }
  }

  #scheduleReconnect(error: TakhinError): void {
    this.#stopWatchdog();
    this.#report(error);
    if (!this.#options.reconnect.enabled) {
      this.#stopWatching();
      this.#patchConnection({ status: 'closed', nextRetryAt: null });
      return;
    }
    const attempt = this.connection.attempt + 1;
    if (attempt > this.#options.reconnect.maxRetries) {
      this.#fail(
        clientError(
          'max_retries',
          process.env.NODE_ENV !== 'production'
            ? `Gave up after ${attempt - 1} failed attempts; call reconnect() to try again.`
            : attempt - 1,
          { fatal: true },
        ),
      );
      return;
    }
    if (this.#options.networkEvents && !isOnline()) {
      // Offline: wait for the `online` event instead of burning attempts.
      this.#patchConnection({ status: 'reconnecting', attempt, nextRetryAt: null });
      return;
    }
    const delay = backoffDelay(attempt, this.#options.reconnect);
    this.#patchConnection({ status: 'reconnecting', attempt, nextRetryAt: Date.now() + delay });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#openSocket();
    }, delay);
  }

  /** Gives up until `connect()` or `reconnect()`, which attach the page listeners again. */
  #fail(error: TakhinError): void {
    this.#stopWatchdog();
    this.#clearRetryTimer();
    this.#stopWatching();
    this.#report(error);
    // Nobody listens: a client that stopped for good must not do so silently.
    if (!this.#options.onError && !this.#events.has('error') && !this.#fatalLogged) {
      this.#fatalLogged = true;
      this.#options.logger.warn(`takhin-react: stopped (${error.code}): ${this.#redact(error).message}`);
    }
    this.#patchConnection({ status: 'closed', nextRetryAt: null });
  }

  /** Closes the socket on our side when the link looks dead, then retries like any lost connection. */
  #dropDeadLink(error: TakhinError): void {
    this.#discardSocket(4000, error.code);
    this.#patchConnection({ openedAt: null });
    this.#scheduleReconnect(error);
  }

  #stopWatchdog(): void {
    this.#liveness.stop();
  }

  #clearRetryTimer(): void {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #discardSocket(code?: number, reason?: string): void {
    this.#stopWatchdog();
    const socket = this.#socket;
    this.#socket = null;
    this.#generation += 1;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onclose = null;
    // Closing a socket that is still connecting makes it report an error afterwards; in Node's `ws`
    // an error nobody listens to is thrown as an uncaught exception, so a listener stays attached.
    socket.onerror = ignoreLateError;
    if (code !== undefined) {
      try {
        if (socket.readyState === 0 || socket.readyState === SOCKET_OPEN) socket.close(code, reason);
      } catch {
        // Closing a socket that is already failing must not break the client.
      }
    }
  }

  #stopWatching(): void {
    this.#stopWatchingEnvironment?.();
    this.#stopWatchingEnvironment = null;
  }

  #startWatchingEnvironment(): void {
    if (this.#stopWatchingEnvironment || !this.#options.networkEvents) return;
    this.#stopWatchingEnvironment = watchEnvironment({
      offline: () => {
        if (this.connection.status === 'reconnecting') {
          this.#clearRetryTimer();
          this.#patchConnection({ nextRetryAt: null });
        }
      },
      online: () => this.#retryNowIfWaiting(),
      visible: () => {
        if (this.#retryNowIfWaiting()) return;
        if (this.#isOpen() && this.#liveness.isStale()) {
          this.#dropDeadLink(
            clientError(
              'stale',
              process.env.NODE_ENV !== 'production'
                ? 'No message while the tab was hidden; reconnecting.'
                : 'hidden tab',
            ),
          );
        }
      },
    });
  }

  #retryNowIfWaiting(): boolean {
    if (this.connection.status !== 'reconnecting') return false;
    this.#clearRetryTimer();
    void this.#openSocket();
    return true;
  }

  #requestFirstPaint(wsUrl: string): void {
    const option = this.#options.firstPaint;
    if (!option || this.#firstPaintRequested) return;
    const fetchImpl = this.#options.fetch();
    if (!fetchImpl) return;
    this.#firstPaintRequested = true;
    let restUrl: string;
    try {
      restUrl = typeof option === 'string' ? option : restUrlFor(wsUrl);
    } catch {
      return;
    }
    const target = withToken(restUrl, this.#options.token, this.#options.tokenParam);
    const request = new AbortController();
    this.#firstPaint = request;
    fetchFirstPaint(fetchImpl, target, request.signal).then(
      ({ metrics, bytes }) => {
        if (this.#firstPaint !== request) return;
        this.#firstPaint = null;
        // A tick that arrived first is newer than the REST answer.
        if (this.store.getState().metrics !== null) return;
        const messages = [{ type: 'metrics' as const, data: metrics }];
        this.store.dispatch({
          type: 'ingest',
          messages,
          errors: [],
          frames: 0,
          bytes,
          receivedAt: Date.now(),
        });
      },
      (error: TakhinError) => {
        if (this.#firstPaint !== request) return;
        this.#firstPaint = null;
        this.#report(error);
      },
    );
  }

  #warnOnInsecureToken(url: string): void {
    if (this.#insecureWarningGiven || !isInsecureTokenTransport(url, Boolean(this.#options.token))) return;
    this.#insecureWarningGiven = true;
    this.#options.logger.warn(
      process.env.NODE_ENV !== 'production'
        ? 'takhin-react: a token is being sent over unencrypted ws:// to a non-loopback host; use wss://.'
        : 'takhin-react: token over ws://; use wss://',
    );
  }

  #sendNow(type: ClientMessageType, data?: unknown): void {
    if (!this.#isOpen()) return;
    try {
      this.#socket!.send(encodeClientMessage(type, data));
    } catch (cause) {
      this.#report(
        cause instanceof TakhinError
          ? cause
          : clientError(
              'connection_lost',
              process.env.NODE_ENV !== 'production' ? `Send failed: ${describe(cause)}` : describe(cause),
              { messageType: type },
            ),
      );
    }
  }

  #isOpen(): boolean {
    return (
      this.#socket !== null && this.#socket.readyState === SOCKET_OPEN && this.connection.status === 'open'
    );
  }

  #patchConnection(patch: Partial<ConnectionState>): void {
    const before = this.connection;
    this.store.dispatch({ type: 'connection', patch });
    if (this.connection !== before) this.#tabs?.connectionChanged();
  }

  /** The address that identifies this connection across tabs and reloads: origin and path, no query. */
  #addressKey(): string | null {
    const share = this.#options.shareAcrossTabs;
    if (typeof share === 'string' && share !== '') return share;
    return typeof this.#options.url === 'string' ? addressKey(this.#options.url, pageAddress()) : null;
  }

  /**
   * With `shareAcrossTabs`, starts the tab share (loaded on first use) and tells whether this client must
   * wait instead of opening a socket: until it is elected, or for as long as another tab leads.
   */
  #waitForTabs(): boolean {
    const key = this.#options.shareAcrossTabs && !this.#tabsUnavailable && this.#addressKey();
    if (!key || typeof (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel !== 'function')
      return false;
    if (this.#tabs) return this.#tabs.role !== 'leader';
    if (!this.#tabsLoading) {
      this.#tabsLoading = true;
      this.#patchConnection({ status: 'connecting', nextRetryAt: null });
      this.#loadChunk(
        () => import('./linkTabs.js'),
        'shareAcrossTabs',
        ({ linkTabs }) => {
          this.#tabsLoading = false;
          if (this.#tabs) return;
          this.#tabs = linkTabs(`takhin-react:tabs:${key}`, this, {
            lead: () => {
              this.#patchConnection({ leader: true, status: 'idle' });
              this.connect();
            },
            standDown: () => {
              this.#clearRetryTimer();
              this.#discardSocket(NORMAL_CLOSE, 'another tab leads');
              this.#stopWatching();
              this.#stopGroupPoll();
              this.#scheduler.cancel();
              this.#flush();
            },
            patch: (patch) => this.#patchConnection(patch),
            emit: (kind, event) => this.#events.emit(kind, event as never),
            channels: () => [...this.#subscriptions.channels.keys()],
          });
        },
        () => {
          // Without the share this tab keeps its own socket, as where BroadcastChannel is missing.
          this.#tabsLoading = false;
          this.#tabsUnavailable = true;
          this.#patchConnection({ status: 'idle' });
          this.connect();
        },
      );
    }
    return true;
  }

  /** With `persistHistory`, restores the stored history once (loaded on first use) and keeps it stored. */
  #startPersisting(): void {
    const option = this.#options.persistHistory;
    const key = option && this.#addressKey();
    if (!key || this.#stopPersisting || this.#persistLoading) return;
    this.#persistLoading = true;
    this.#loadChunk(
      () => import('./persistHistory.js'),
      'persistHistory',
      ({ startPersistence }) => {
        this.#persistLoading = false;
        if (this.#stopPersisting) return;
        this.#stopPersisting = startPersistence(`takhin-react:history:${key}`, option, this.store, {
          restore: !this.#restored,
          warn: (message) => {
            this.#options.logger.warn(`takhin-react: ${message}`);
            this.#report(new TakhinError('history_ignored', message));
          },
        });
        this.#restored = true;
      },
      // The next connect() tries again.
      () => (this.#persistLoading = false),
    );
  }

  /**
   * Loads the chunk of a feature on first use. Nothing runs for a client closed meanwhile (`close()`
   * resets the loading flags). A chunk that fails to load is a `chunk_load_failed` error, once per
   * feature, and `failed` lets the client go on without it.
   */
  #loadChunk<M>(load: () => Promise<M>, feature: string, use: (module: M) => void, failed: () => void): void {
    const life = this.#life;
    load().then(
      (module) => {
        if (life === this.#life) use(module);
      },
      (cause: unknown) => {
        if (life !== this.#life) return;
        failed();
        this.#chunkFailed(feature, cause);
      },
    );
  }

  #chunkFailed(feature: string, cause: unknown): void {
    if (this.#chunkFailures.has(feature)) return;
    this.#chunkFailures.add(feature);
    this.#report(
      clientError(
        'chunk_load_failed',
        process.env.NODE_ENV !== 'production'
          ? `Could not load the code of ${feature}: ${describe(cause)}; going on without it.`
          : feature,
      ),
    );
  }

  static {
    reportChunkFailure = (client, feature, cause) => client.#chunkFailed(feature, cause);
  }

  /** The one door out for errors: whatever reaches the store, `onError` or listeners went through it. */
  #redact(error: TakhinError): TakhinError {
    return redactToken(error, this.#options.token, this.#options.tokenParam);
  }

  #report(error: TakhinError): void {
    error = this.#redact(error);
    this.store.dispatch({ type: 'error', error });
    this.#emitError(error);
  }

  #emitError(error: TakhinError): void {
    try {
      this.#options.onError?.(error);
    } catch {
      // A throwing user callback must not take the connection down.
    }
    this.#events.emit('error', error);
  }
}

/** Creates a client; nothing happens on the network until `connect()` (or a provider mounts). */
export function createTakhinClient(options: TakhinClientOptions): TakhinClient {
  return new TakhinClient(options);
}

/**
 * Feeds the metrics of a batch to the development dialect check; true once it has warned or is sure.
 * Module-level, so that production builds, which never call it, drop it.
 */
function checkDialect(
  check: DialectCheck,
  messages: readonly ServerMessage[],
  logger: { warn(message: string): void },
): boolean {
  for (const message of messages) {
    if (message.type !== 'metrics') continue;
    const warning = check.observe(message.data);
    if (warning !== null) logger.warn(warning);
    if (warning !== null || check.done) return true;
  }
  return false;
}

function ignoreLateError(): void {
  // The socket has been discarded; its late errors mean nothing to the client.
}

/** The page's address, against which a relative `url` resolves in a browser. */
function pageAddress(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}

/** Options that can only be wrong are refused at construction, not discovered on the first connect. */
function checkOptions(options: TakhinClientOptions): void {
  const invalid = (message: string) => clientError('invalid_option', message, { fatal: true });
  if (options.dialect !== undefined && !DIALECTS.includes(options.dialect)) {
    throw invalid(
      process.env.NODE_ENV !== 'production'
        ? `Unknown dialect ${JSON.stringify(String(options.dialect)).slice(0, 40)}; use 'takhin' or 'spec'.`
        : 'dialect',
    );
  }
  const { url } = options;
  if (typeof url === 'function') return;
  if (typeof url !== 'string' || url.trim() === '') {
    throw invalid(
      process.env.NODE_ENV !== 'production'
        ? 'The url option is empty (an unset environment variable?); pass the ws:// or wss:// address.'
        : 'url',
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url, pageAddress());
  } catch {
    throw invalid(
      process.env.NODE_ENV !== 'production'
        ? 'The url option is not a valid address; pass ws://HOST:PORT/api/monitoring/ws.'
        : 'url',
    );
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(parsed.protocol)) {
    throw invalid(
      process.env.NODE_ENV !== 'production'
        ? `The url option uses ${parsed.protocol}; a WebSocket needs ws:// or wss://.`
        : `url ${parsed.protocol}`,
    );
  }
}
