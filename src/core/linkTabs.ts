/**
 * The glue between a `TakhinClient` and its `TabShare` (`shareAcrossTabs`): what a follower applies and
 * shows, and the channels a leader holds for the other tabs. Loaded with the share, on first use.
 */
import type { TakhinClient } from './client.js';
import { TakhinError } from './errors.js';
import type { TakhinErrorCode } from './errors.js';
import type { ClientMessageType } from './protocol.js';
import type { ConnectionState } from './state.js';
import type { TakhinAction } from './store.js';
import { browserTabEnvironment, TabShare } from './tabShare.js';
import type { TabRole, TabShareEnvironment } from './tabShare.js';

/** What `linkTabs` needs of the client beyond its public methods. */
export interface TabHost {
  /** Open the socket: this tab leads now. */
  lead(): void;
  /** Drop the socket and every timer that belongs to it: another tab leads. */
  standDown(): void;
  patch(patch: Partial<ConnectionState>): void;
  emit(kind: 'topicEvent' | 'groupEvent', event: unknown): void;
  /** The client's own channels. */
  channels(): string[];
}

/** The client's handle on its tab share. */
export interface TabLink {
  readonly role: TabRole;
  /** Passes an applied action on to the followers (leader only); remembers the newest metrics. */
  publish(action: TakhinAction): void;
  forward(type: string, data: unknown): boolean;
  requestReconnect(): void;
  channelsChanged(): void;
  connectionChanged(): void;
  /** Leaves the share; the client owns its connection state again. */
  stop(): void;
}

type LinkedClient = Pick<TakhinClient, 'store' | 'connection' | 'subscribe' | 'send' | 'reconnect'>;

/** Joins `client` to the tab share of `key`: the glue between a `TakhinClient` and a `TabShare`. */
export function linkTabs(
  key: string,
  client: LinkedClient,
  host: TabHost,
  env: TabShareEnvironment = browserTabEnvironment()!,
): TabLink {
  /** Subscriptions this tab holds for the others while it leads. */
  const holds = new Map<string, () => void>();
  /** The newest metrics, which a tab that starts following gets at once. */
  let latest: TakhinAction | null = null;
  const releaseAll = () => {
    const all = [...holds.values()];
    holds.clear();
    for (const release of all) release();
  };
  const share = new TabShare(
    key,
    {
      lead: host.lead,
      follow: () => {
        host.standDown();
        releaseAll();
        host.patch({ leader: false, status: 'connecting', openedAt: null, nextRetryAt: null });
      },
      apply: (action) => {
        const { type } = (action ?? {}) as { type?: unknown };
        if (type !== 'ingest' && type !== 'groupStates') return;
        const events = client.store.dispatch(action as TakhinAction);
        for (const event of events.topicEvents) host.emit('topicEvent', event);
        for (const event of events.groupEvents) host.emit('groupEvent', event);
      },
      leaderConnection: ({ lastError, ...shared }) => {
        const mine = client.connection.lastError;
        const same =
          lastError === null
            ? mine === null
            : mine?.code === lastError.code && mine.message === lastError.message;
        host.patch({
          ...shared,
          leader: false,
          lastError:
            same || lastError === null
              ? undefined
              : new TakhinError(lastError.code as TakhinErrorCode, lastError.message),
        });
      },
      remoteChannels: (channels) => {
        for (const [channel, release] of holds) {
          if (channels.has(channel)) continue;
          holds.delete(channel);
          release();
        }
        for (const channel of channels)
          if (!holds.has(channel)) holds.set(channel, client.subscribe(channel));
      },
      send: (type, data) => {
        try {
          client.send(type as ClientMessageType, data);
        } catch {
          // Too large: the follower's own `send` would have thrown before asking.
        }
      },
      reconnect: () => client.reconnect(),
      welcome: () => latest,
      channels: host.channels,
      connection: () => {
        const { status, attempt, nextRetryAt, openedAt, lastCloseCode, lastError } = client.connection;
        const error = lastError && { code: lastError.code, message: lastError.message };
        return { status, attempt, nextRetryAt, openedAt, lastCloseCode, lastError: error };
      },
    },
    env,
  );
  return {
    get role() {
      return share.role;
    },
    publish(action) {
      if (action.type === 'ingest') {
        const metrics = action.messages.findLast((message) => message.type === 'metrics');
        if (metrics) latest = { ...action, messages: [metrics], frames: 0, bytes: 0 };
      }
      share.publish(action);
    },
    forward: (type, data) => share.forward(type, data),
    requestReconnect: () => share.requestReconnect(),
    channelsChanged: () => share.channelsChanged(),
    connectionChanged: () => share.connectionChanged(),
    stop() {
      share.stop();
      host.patch({ leader: true });
    },
  };
}
