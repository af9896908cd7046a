import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLAIM_MS, LEADER_TIMEOUT_MS, TabShare } from '../../src/core/tabShare.js';
import type {
  ChannelLike,
  LockManagerLike,
  SharedConnection,
  TabShareEnvironment,
  TabShareHooks,
} from '../../src/core/tabShare.js';

/** BroadcastChannels of one origin: a message reaches every other channel of the same name, later. */
class Bus {
  readonly channels = new Set<FakeChannel>();
  create(name: string, tab: FakeTab): FakeChannel {
    const channel = new FakeChannel(this, name, tab);
    this.channels.add(channel);
    return channel;
  }
}

class FakeChannel implements ChannelLike {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(
    private readonly bus: Bus,
    private readonly name: string,
    private readonly tab: FakeTab,
  ) {}
  postMessage(message: unknown): void {
    if (this.tab.frozen) return;
    this.tab.posted.push((message as { k: string }).k);
    const copy = structuredClone(message);
    for (const other of this.bus.channels) {
      if (other === this || other.name !== this.name) continue;
      setTimeout(() => {
        if (!other.tab.frozen) other.onmessage?.({ data: copy });
      }, 1);
    }
  }
  close(): void {
    this.bus.channels.delete(this);
  }
}

/** `navigator.locks` for exclusive locks, with `signal` and `steal`. */
class FakeLocks implements LockManagerLike {
  readonly held = new Map<string, { reject: (error: Error) => void }>();
  readonly queue: Array<{ name: string; grant: () => void }> = [];

  request(
    name: string,
    options: { signal?: AbortSignal; steal?: boolean },
    callback: () => Promise<void>,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        let done = false;
        const holder = {
          reject: (error: Error) => {
            done = true;
            reject(error);
          },
        };
        // Taken at once, so that a request made meanwhile waits; the callback runs a moment later.
        this.held.set(name, holder);
        setTimeout(() => {
          if (done) return;
          const release = () => {
            if (done) return;
            done = true;
            if (this.held.get(name) === holder) {
              this.held.delete(name);
              this.next(name);
            }
            resolve();
          };
          void callback().then(release, release);
        }, 0);
      };
      if (options.steal) {
        const holder = this.held.get(name);
        this.held.delete(name);
        holder?.reject(new DOMException('stolen', 'AbortError'));
        grant();
        return;
      }
      const entry = { name, grant };
      options.signal?.addEventListener('abort', () => {
        const index = this.queue.indexOf(entry);
        if (index < 0) return;
        this.queue.splice(index, 1);
        reject(new DOMException('aborted', 'AbortError'));
      });
      if (this.held.has(name)) this.queue.push(entry);
      else grant();
    });
  }

  private next(name: string): void {
    const index = this.queue.findIndex((entry) => entry.name === name);
    if (index < 0) return;
    const [entry] = this.queue.splice(index, 1);
    entry.grant();
  }
}

const OPEN: SharedConnection = {
  status: 'open',
  attempt: 0,
  nextRetryAt: null,
  openedAt: 1,
  lastCloseCode: null,
  lastError: null,
};

/** One tab: a share and what its hooks heard. */
class FakeTab {
  frozen = false;
  /** The kinds of the messages this tab posted, in order. */
  readonly posted: string[] = [];
  role: 'none' | 'leader' | 'follower' = 'none';
  leads = 0;
  readonly applied: unknown[] = [];
  readonly sent: Array<[string, unknown]> = [];
  remote: string[] = [];
  channels: string[] = [];
  leaderConnection: SharedConnection | null = null;
  readonly share: TabShare;

  constructor(bus: Bus, locks: FakeLocks | null, id: number) {
    const hooks: TabShareHooks = {
      lead: () => {
        this.role = 'leader';
        this.leads++;
      },
      follow: () => {
        this.role = 'follower';
      },
      apply: (action) => this.applied.push(action),
      leaderConnection: (connection) => (this.leaderConnection = connection),
      remoteChannels: (channels) => (this.remote = [...channels].sort()),
      send: (type, data) => this.sent.push([type, data]),
      reconnect: () => undefined,
      welcome: () => ({ type: 'ingest', welcome: true }),
      channels: () => this.channels,
      connection: () => OPEN,
    };
    const env: TabShareEnvironment = {
      createChannel: (name) => bus.create(name, this),
      locks,
      random: () => id / 100,
    };
    this.share = new TabShare('takhin-react:tabs:ws://h/api/monitoring/ws', hooks, env);
  }
}

const leaders = (tabs: FakeTab[]) => tabs.filter((tab) => tab.role === 'leader');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each([
  ['Web Locks', true],
  ['heartbeats (no Web Locks)', false],
])('TabShare elected with %s', (_name, withLocks) => {
  const setup = (count: number) => {
    const bus = new Bus();
    const locks = withLocks ? new FakeLocks() : null;
    const tabs = Array.from({ length: count }, (_, i) => new FakeTab(bus, locks, i + 1));
    return { bus, locks, tabs };
  };

  it('elects exactly one leader among tabs that start together; the others follow it', async () => {
    const { tabs } = setup(3);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(leaders(tabs)).toHaveLength(1);
    expect(tabs.filter((tab) => tab.role === 'follower')).toHaveLength(2);
    for (const tab of tabs) if (tab.role === 'follower') expect(tab.leaderConnection).toEqual(OPEN);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(leaders(tabs)).toHaveLength(1);
    expect(tabs.reduce((sum, tab) => sum + tab.leads, 0)).toBe(1);
    for (const tab of tabs) tab.share.stop();
  });

  it('passes published actions to the followers, and their channels and messages to the leader', async () => {
    const { tabs } = setup(2);
    await vi.advanceTimersByTimeAsync(1_000);
    const [leader] = leaders(tabs);
    const follower = tabs.find((tab) => tab !== leader)!;
    // A follower that started after the leader was brought up to date.
    expect(follower.applied).toEqual([{ type: 'ingest', welcome: true }]);
    leader.share.publish({ type: 'ingest', n: 1 });
    await vi.advanceTimersByTimeAsync(10);
    expect(follower.applied.at(-1)).toEqual({ type: 'ingest', n: 1 });
    expect(leader.applied).toEqual([]);

    follower.channels = ['topic:orders'];
    follower.share.channelsChanged();
    expect(follower.share.forward('ping', undefined)).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(leader.remote).toEqual(['topic:orders']);
    expect(leader.sent).toEqual([['ping', undefined]]);
    expect(leader.share.forward('ping', undefined)).toBe(false);

    follower.channels = [];
    follower.share.channelsChanged();
    await vi.advanceTimersByTimeAsync(10);
    expect(leader.remote).toEqual([]);
    for (const tab of tabs) tab.share.stop();
  });

  it('hands the lead to another tab when the leader closes', async () => {
    const { tabs } = setup(3);
    await vi.advanceTimersByTimeAsync(1_000);
    const [first] = leaders(tabs);
    first.share.stop();
    await vi.advanceTimersByTimeAsync(1_000);
    const rest = tabs.filter((tab) => tab !== first);
    expect(leaders(rest)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(leaders(rest)).toHaveLength(1);
    for (const tab of rest) tab.share.stop();
  });

  it('replaces a leader that froze within 3 s, and the frozen one follows when it wakes', async () => {
    const { tabs } = setup(3);
    await vi.advanceTimersByTimeAsync(1_000);
    const [first] = leaders(tabs);
    first.frozen = true;
    const rest = tabs.filter((tab) => tab !== first);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(leaders(rest)).toHaveLength(1);
    const [second] = leaders(rest);
    // The third tab follows the new leader, and gets what it publishes.
    const third = rest.find((tab) => tab !== second)!;
    second.share.publish({ type: 'ingest', n: 2 });
    await vi.advanceTimersByTimeAsync(10);
    expect(third.applied.at(-1)).toEqual({ type: 'ingest', n: 2 });

    first.frozen = false;
    await vi.advanceTimersByTimeAsync(LEADER_TIMEOUT_MS * 2);
    expect(leaders(tabs)).toEqual([second]);
    expect(first.role).toBe('follower');
    for (const tab of tabs) tab.share.stop();
  });

  it('takes over once the timeout has run out after the last heartbeat, not at its own next heartbeat', async () => {
    const { tabs } = setup(2);
    await vi.advanceTimersByTimeAsync(1_000);
    const [first] = leaders(tabs);
    const second = tabs.find((tab) => tab !== first)!;
    // Freeze the leader just after a heartbeat left it: the worst moment for a check on heartbeats.
    const beats = first.posted.filter((k) => k === 'hb').length;
    while (first.posted.filter((k) => k === 'hb').length === beats) await vi.advanceTimersByTimeAsync(1);
    first.frozen = true;
    const frozenAt = Date.now();
    while (second.role !== 'leader' && Date.now() - frozenAt < 5_000) await vi.advanceTimersByTimeAsync(5);
    expect(second.role).toBe('leader');
    // This tab's jitter is under 10 ms (random() is 0.02) and, without locks, a claim waits CLAIM_MS;
    // a takeover left to the follower's next heartbeat would come up to 750 ms later.
    expect(Date.now() - frozenAt).toBeLessThan(LEADER_TIMEOUT_MS + CLAIM_MS + 50);
    for (const tab of tabs) tab.share.stop();
  });

  it('stops the channel and every timer on stop()', async () => {
    const { bus, tabs } = setup(2);
    await vi.advanceTimersByTimeAsync(1_000);
    for (const tab of tabs) tab.share.stop();
    expect(bus.channels.size).toBe(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(vi.getTimerCount()).toBe(0);
    expect(tabs.map((tab) => tab.share.role)).toEqual(['stopped', 'stopped']);
  });
});

describe('TabShare follower bookkeeping', () => {
  it('forgets the channels of a follower that went silent', async () => {
    const bus = new Bus();
    const locks = new FakeLocks();
    const a = new FakeTab(bus, locks, 1);
    await vi.advanceTimersByTimeAsync(100);
    const b = new FakeTab(bus, locks, 2);
    b.channels = ['topic:a'];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(a.role).toBe('leader');
    expect(a.remote).toEqual(['topic:a']);
    b.frozen = true;
    await vi.advanceTimersByTimeAsync(6_000);
    expect(a.remote).toEqual([]);
    a.share.stop();
    b.share.stop();
  });
});
