/**
 * One socket for every tab of an origin that watches the same server (`shareAcrossTabs`). One tab leads:
 * it owns the socket and passes what it applies to the others over a BroadcastChannel; the others follow.
 * The leader is elected with the Web Locks API where there is one (a closed tab releases its lock at once),
 * else with heartbeats on the channel. A leader that goes quiet (a frozen tab) is replaced within
 * `LEADER_TIMEOUT_MS` plus a little jitter. Framework-free; loaded only when the option is on.
 */

/** How often every tab announces itself. */
export const HEARTBEAT_MS = 750;
/** A leader not heard for this long is replaced (a frozen or crashed tab). */
export const LEADER_TIMEOUT_MS = 2_000;
/** A follower not heard for this long no longer holds channels on the leader's socket. */
export const FOLLOWER_TIMEOUT_MS = 5_000;
/** Without locks: how long a new tab listens for a leader before it claims the lead. */
export const LISTEN_MS = 300;
/** Without locks: how long a claim waits for a competing claim with a smaller id. */
export const CLAIM_MS = 150;

/** The parts of a BroadcastChannel the share uses. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** The parts of `navigator.locks` the share uses. */
export interface LockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal; steal?: boolean },
    callback: () => Promise<void>,
  ): Promise<void>;
}

/** What the share needs from its surroundings; the test seam. */
export interface TabShareEnvironment {
  createChannel(name: string): ChannelLike;
  /** Null where the Web Locks API is missing: heartbeats elect the leader. */
  locks: LockManagerLike | null;
  /** Listens to a page event (`pagehide`, `pageshow`, `freeze`, `resume`); returns the remover. */
  listen?(type: string, listener: (event: { persisted?: boolean }) => void): () => void;
  random?(): number;
}

/** A tab's connection as the leader announces it; followers show it as theirs. */
export interface SharedConnection {
  status: 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';
  attempt: number;
  nextRetryAt: number | null;
  openedAt: number | null;
  lastCloseCode: number | null;
  lastError: { code: string; message: string } | null;
}

/** What the client provides to, and hears from, the share. */
export interface TabShareHooks {
  /** This tab now leads: open the socket. */
  lead(): void;
  /** Another tab leads: drop any socket and apply what it passes on. */
  follow(): void;
  /** (Followers) something the leader applied: a store action, already free of anything secret. */
  apply(action: unknown): void;
  /** (Followers) the leader's connection. */
  leaderConnection(connection: SharedConnection): void;
  /** (Leader) the channels the other tabs need, all together. */
  remoteChannels(channels: ReadonlySet<string>): void;
  /** (Leader) a follower asked to send a message. */
  send(type: string, data: unknown): void;
  /** (Leader) a follower asked for a reconnect. */
  reconnect(): void;
  /** (Leader) what brings a new follower up to date (the latest metrics), or null. */
  welcome(): unknown;
  /** This tab's own channels, announced while following. */
  channels(): string[];
  /** This tab's connection, announced while leading. */
  connection(): SharedConnection;
}

export type TabRole = 'electing' | 'leader' | 'follower' | 'stopped';

type Envelope =
  | { k: 'hello'; from: string }
  | { k: 'hb'; from: string; leader: true; since: number; connection: SharedConnection }
  | { k: 'hb'; from: string; leader: false; channels: string[] }
  | { k: 'apply'; from: string; action: unknown; to?: string }
  | { k: 'send'; from: string; type: string; data: unknown }
  | { k: 'reconnect'; from: string }
  | { k: 'claim'; from: string }
  | { k: 'bye'; from: string; leader: boolean };

/** The environment of a browser tab, or null when BroadcastChannel is missing (Node without it, SSR). */
export function browserTabEnvironment(): TabShareEnvironment | null {
  type Listener = (event: { persisted?: boolean }) => void;
  interface Target {
    addEventListener?: (type: string, listener: Listener) => void;
    removeEventListener?: (type: string, listener: Listener) => void;
  }
  const scope = globalThis as unknown as Target & {
    BroadcastChannel?: new (name: string) => ChannelLike;
    navigator?: { locks?: LockManagerLike };
    document?: Target;
  };
  const Channel = scope.BroadcastChannel;
  if (typeof Channel !== 'function') return null;
  const locks = scope.navigator?.locks;
  return {
    createChannel: (name) => {
      const channel = new Channel(name);
      // Node's channel would keep the process alive.
      (channel as { unref?: () => void }).unref?.();
      return channel;
    },
    locks: locks && typeof locks.request === 'function' ? locks : null,
    listen(type, listener) {
      // `freeze`/`resume` fire on the document, `pagehide`/`pageshow` on the window.
      const target = type === 'freeze' || type === 'resume' ? scope.document : scope;
      if (typeof target?.addEventListener !== 'function') return () => undefined;
      target.addEventListener(type, listener);
      return () => target.removeEventListener?.(type, listener);
    },
  };
}

/**
 * Elects the leading tab among every share of the same `key` and carries messages between them. Each
 * client that enables `shareAcrossTabs` makes one; `stop()` leaves for good.
 */
export class TabShare {
  readonly id: string;
  #role: TabRole = 'electing';
  readonly #key: string;
  readonly #hooks: TabShareHooks;
  readonly #env: TabShareEnvironment;
  #channel: ChannelLike | null = null;
  #heartbeat: ReturnType<typeof setInterval> | null = null;
  #electionTimer: ReturnType<typeof setTimeout> | null = null;
  #leaderId: string | null = null;
  /** When this tab took the lead; of two leaders, the newer one stays (the other woke from a freeze). */
  #since = 0;
  #leaderSeenAt = 0;
  /** Fires once the leader has been quiet for the timeout, wherever in the heartbeat cycle it went quiet. */
  #leaderWatch: ReturnType<typeof setTimeout> | null = null;
  /** Extra patience before taking over, so that two followers rarely try at once. */
  readonly #jitterMs: number;
  #lockRequest: AbortController | null = null;
  /** Resolves the held lock, giving it up. */
  #releaseLock: (() => void) | null = null;
  /** Bumped on every lock request, so a late grant or rejection of an older one is ignored. */
  #lockGeneration = 0;
  #claiming = false;
  /** When this tab last announced itself as a follower. */
  #beatAt = 0;
  readonly #followers = new Map<string, { seenAt: number; channels: string[] }>();
  #remote = '';
  #unlisten: Array<() => void> = [];

  constructor(key: string, hooks: TabShareHooks, env: TabShareEnvironment) {
    this.#key = key;
    this.#hooks = hooks;
    this.#env = env;
    const random = env.random ?? Math.random;
    this.id = `${Date.now().toString(36)}-${Math.floor(random() * 2 ** 48).toString(36)}`;
    this.#jitterMs = Math.floor(random() * 300);
    if (env.listen) {
      this.#unlisten = [
        env.listen('pagehide', () => this.#suspend()),
        env.listen('freeze', () => this.#suspend()),
        env.listen('pageshow', (event) => {
          if (event.persisted) this.#resume();
        }),
        env.listen('resume', () => this.#resume()),
      ];
    }
    this.#start();
  }

  get role(): TabRole {
    return this.#role;
  }

  /** Announces this tab's connection now, instead of at the next heartbeat (leader only). */
  connectionChanged(): void {
    if (this.#role === 'leader') this.#post(this.#leaderBeat());
  }

  /** Announces this tab's channels now (follower only). */
  channelsChanged(): void {
    if (this.#role === 'follower') this.#post(this.#followerBeat());
  }

  /** Passes a store action on to every follower (leader only). */
  publish(action: unknown): void {
    if (this.#role === 'leader') this.#post({ k: 'apply', from: this.id, action });
  }

  /** Asks the leader to send a message; false when there is no leader to ask. */
  forward(type: string, data: unknown): boolean {
    if (this.#role !== 'follower') return false;
    this.#post({ k: 'send', from: this.id, type, data });
    return true;
  }

  /** Asks the leader to reconnect (follower only). */
  requestReconnect(): void {
    if (this.#role === 'follower') this.#post({ k: 'reconnect', from: this.id });
  }

  /** Leaves for good: says goodbye, gives up the lock, removes every timer and listener. */
  stop(): void {
    for (const unlisten of this.#unlisten) unlisten();
    this.#unlisten = [];
    this.#suspend();
    this.#role = 'stopped';
  }

  #start(): void {
    this.#role = 'electing';
    this.#leaderId = null;
    const channel = this.#env.createChannel(this.#key);
    this.#channel = channel;
    channel.onmessage = (event) => this.#receive(event.data as Envelope);
    this.#heartbeat = setInterval(() => this.#beat(), HEARTBEAT_MS);
    this.#post({ k: 'hello', from: this.id });
    if (this.#env.locks) this.#requestLock(false);
    else this.#electionTimer = setTimeout(() => this.#claim(), LISTEN_MS);
  }

  /** Leaves the election until `#resume` (a hidden-for-good or frozen page). */
  #suspend(): void {
    if (this.#role === 'stopped' || this.#channel === null) return;
    this.#post({ k: 'bye', from: this.id, leader: this.#role === 'leader' });
    if (this.#heartbeat !== null) clearInterval(this.#heartbeat);
    if (this.#electionTimer !== null) clearTimeout(this.#electionTimer);
    if (this.#leaderWatch !== null) clearTimeout(this.#leaderWatch);
    this.#heartbeat = this.#electionTimer = this.#leaderWatch = null;
    this.#giveUpLock();
    this.#channel.onmessage = null;
    this.#channel.close();
    this.#channel = null;
    this.#setRemote(new Set());
    this.#followers.clear();
    if (this.#role === 'leader') {
      this.#role = 'electing';
      this.#hooks.follow();
    }
    this.#role = 'electing';
  }

  #resume(): void {
    if (this.#role !== 'stopped' && this.#channel === null) this.#start();
  }

  #post(message: Envelope): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A message that cannot be cloned is dropped; the next heartbeat says it all again.
    }
  }

  #leaderBeat(): Envelope {
    return { k: 'hb', from: this.id, leader: true, since: this.#since, connection: this.#hooks.connection() };
  }

  #followerBeat(): Envelope {
    this.#beatAt = Date.now();
    return { k: 'hb', from: this.id, leader: false, channels: this.#hooks.channels() };
  }

  #beat(): void {
    const now = Date.now();
    if (this.#role === 'leader') {
      this.#post(this.#leaderBeat());
      let changed = false;
      for (const [id, follower] of this.#followers) {
        if (now - follower.seenAt > FOLLOWER_TIMEOUT_MS) changed = this.#followers.delete(id) || changed;
      }
      if (changed) this.#updateRemote();
      return;
    }
    if (this.#role === 'follower') {
      this.#post(this.#followerBeat());
      this.#checkLeader(now);
    }
  }

  /**
   * The leader was heard from. Besides the check on every heartbeat, a timer checks again when the
   * timeout runs out: checking on heartbeats alone could add most of a heartbeat to the takeover.
   */
  #sawLeader(): void {
    this.#leaderSeenAt = Date.now();
    if (this.#leaderWatch !== null) clearTimeout(this.#leaderWatch);
    this.#leaderWatch = setTimeout(
      () => {
        this.#leaderWatch = null;
        this.#checkLeader(Date.now());
      },
      LEADER_TIMEOUT_MS + this.#jitterMs + 1,
    );
  }

  #checkLeader(now: number): void {
    if (this.#role === 'follower' && now - this.#leaderSeenAt > LEADER_TIMEOUT_MS + this.#jitterMs)
      this.#takeOver();
  }

  /** The leader went quiet: take the lead from it (its lock, if it ever wakes up, is gone). */
  #takeOver(): void {
    this.#leaderId = null;
    if (this.#env.locks) this.#requestLock(true);
    else this.#claim();
  }

  #receive(message: Envelope): void {
    if (this.#role === 'stopped' || typeof message !== 'object' || message === null) return;
    if (message.from === this.id) return;
    switch (message.k) {
      case 'hello':
        if (this.#role === 'leader') this.#post(this.#leaderBeat());
        break;
      case 'hb':
        if (message.leader) this.#heardLeader(message.from, message.since, message.connection);
        else if (this.#role === 'leader') {
          if (!this.#followers.has(message.from)) this.#welcome(message.from);
          this.#followers.set(message.from, { seenAt: Date.now(), channels: message.channels });
          this.#updateRemote();
        }
        break;
      case 'apply':
        if (this.#role === 'follower' && message.from === this.#leaderId) {
          // Timers of hidden tabs are throttled (to once a minute, at length), messages are not: data
          // from the leader proves it alive, and answering it keeps this tab's channels on its socket.
          this.#sawLeader();
          if (Date.now() - this.#beatAt >= HEARTBEAT_MS) this.#post(this.#followerBeat());
          if (message.to === undefined || message.to === this.id) this.#hooks.apply(message.action);
        }
        break;
      case 'send':
        if (this.#role === 'leader') this.#hooks.send(message.type, message.data);
        break;
      case 'reconnect':
        if (this.#role === 'leader') this.#hooks.reconnect();
        break;
      case 'claim':
        // Without locks the smaller id wins a tie; a leader answers every claim with its heartbeat.
        if (this.#role === 'leader') this.#post(this.#leaderBeat());
        else if (this.#claiming && message.from < this.id) this.#claiming = false;
        break;
      case 'bye':
        if (this.#followers.delete(message.from)) this.#updateRemote();
        if (message.leader && message.from === this.#leaderId) {
          this.#leaderId = null;
          // With locks the departing tab's lock passes to a waiting tab by itself.
          if (!this.#env.locks) this.#claim();
        }
        break;
    }
  }

  #heardLeader(from: string, since: number, connection: SharedConnection): void {
    if (this.#role === 'leader') {
      // Two leaders (a frozen leader woke up, or a lock-less race): the newer one keeps the lead, and
      // of two that started together the smaller id.
      if (since < this.#since || (since === this.#since && from > this.id)) return;
      this.#becomeFollower(from);
    } else if (this.#role === 'electing' || this.#leaderId !== from) {
      // A second voice claiming the lead is believed only once the one followed went quiet or left.
      const current = this.#leaderId !== null && Date.now() - this.#leaderSeenAt <= LEADER_TIMEOUT_MS;
      if (this.#role === 'follower' && current) return;
      this.#claiming = false;
      if (this.#electionTimer !== null) clearTimeout(this.#electionTimer);
      this.#electionTimer = null;
      this.#becomeFollower(from);
    }
    this.#sawLeader();
    this.#hooks.leaderConnection(connection);
  }

  /** Brings a tab that just started following up to date. */
  #welcome(to: string): void {
    const action = this.#hooks.welcome();
    if (action !== null) this.#post({ k: 'apply', from: this.id, action, to });
  }

  #becomeFollower(leaderId: string): void {
    const wasLeader = this.#role === 'leader';
    this.#leaderId = leaderId;
    this.#sawLeader();
    if (wasLeader) {
      this.#post({ k: 'bye', from: this.id, leader: true });
      this.#giveUpLock();
      this.#setRemote(new Set());
      this.#followers.clear();
      if (this.#env.locks) this.#requestLock(false);
    }
    const changed = this.#role !== 'follower';
    this.#role = 'follower';
    if (changed) this.#hooks.follow();
    this.#post(this.#followerBeat());
  }

  #becomeLeader(): void {
    if (this.#role === 'leader' || this.#role === 'stopped') return;
    this.#role = 'leader';
    this.#since = Date.now();
    this.#leaderId = this.id;
    this.#claiming = false;
    this.#hooks.lead();
    this.#post(this.#leaderBeat());
  }

  /** Without locks: claim the lead, and take it unless a smaller id or a leader answers in time. */
  #claim(): void {
    if (this.#role === 'leader' || this.#role === 'stopped' || this.#channel === null) return;
    if (this.#electionTimer !== null) clearTimeout(this.#electionTimer);
    this.#claiming = true;
    this.#post({ k: 'claim', from: this.id });
    this.#electionTimer = setTimeout(() => {
      this.#electionTimer = null;
      if (this.#claiming) this.#becomeLeader();
      else if (this.#leaderId === null) this.#electionTimer = setTimeout(() => this.#claim(), LISTEN_MS);
    }, CLAIM_MS);
  }

  /** Queues for the lock (or, with `steal`, takes it from a holder that went quiet). */
  #requestLock(steal: boolean): void {
    const locks = this.#env.locks!;
    this.#lockRequest?.abort();
    this.#lockRequest = null;
    const generation = ++this.#lockGeneration;
    // A stealing request cannot carry a signal; it is granted at once anyway.
    const abort = steal ? null : new AbortController();
    this.#lockRequest = abort;
    const options = steal ? { steal: true } : { signal: abort!.signal };
    locks
      .request(this.#key, options, () => {
        if (generation !== this.#lockGeneration || this.#channel === null) return Promise.resolve();
        return new Promise<void>((release) => {
          this.#releaseLock = release;
          this.#becomeLeader();
        });
      })
      .catch(() => {
        // Aborted by us, or stolen by a tab that found this one silent: follow whoever leads now.
        if (generation !== this.#lockGeneration || this.#role !== 'leader') return;
        this.#releaseLock = null;
        this.#role = 'electing';
        this.#sawLeader();
        this.#setRemote(new Set());
        this.#followers.clear();
        this.#role = 'follower';
        this.#leaderId = null;
        this.#hooks.follow();
        this.#requestLock(false);
      });
  }

  #giveUpLock(): void {
    this.#lockGeneration += 1;
    this.#lockRequest?.abort();
    this.#lockRequest = null;
    this.#releaseLock?.();
    this.#releaseLock = null;
  }

  #updateRemote(): void {
    const all = new Set<string>();
    for (const follower of this.#followers.values())
      for (const channel of follower.channels) all.add(channel);
    this.#setRemote(all);
  }

  #setRemote(channels: Set<string>): void {
    const text = [...channels].sort().join('\n');
    if (text === this.#remote) return;
    this.#remote = text;
    this.#hooks.remoteChannels(channels);
  }
}
