/**
 * The quick reference's own `TakhinWS` client against the simulator. The class is reproduced as printed
 * in seed-quick-reference.md; the only adaptation is that `WebSocket` is the `ws` package's (Node has no
 * global one in this project's Node 20). Its handlers are supplied by a subclass, as a user would.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type {
  GroupUpdatedData,
  MonitoringMetrics,
  TopicCreatedData,
  TopicDeletedData,
} from '../../src/core/protocol.js';
import { startSimulator } from '../../src/sim/index.js';
import type { Simulator } from '../../src/sim/index.js';
import { connect, waitFor } from './helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- reproduced as printed, untyped JavaScript */
class TakhinWS {
  [key: string]: any;
  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.onmessage = (e: any) => this.handleMessage(JSON.parse(e.data));
    this.ws.onclose = () => this.reconnect();
  }

  handleMessage(msg: any) {
    switch (msg.type) {
      case 'metrics':
        this.onMetrics(msg.data);
        break;
      case 'topic_created':
        this.onTopicCreated(msg.data);
        break;
      case 'topic_deleted':
        this.onTopicDeleted(msg.data);
        break;
      case 'group_updated':
        this.onGroupUpdated(msg.data);
        break;
    }
  }

  send(type: any, data?: any) {
    this.ws.send(JSON.stringify({ type, data, timestamp: Date.now() / 1000 }));
  }

  reconnect() {
    setTimeout(() => new TakhinWS(this.url), 1000);
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

class RecordingTakhinWS extends TakhinWS {
  metrics: MonitoringMetrics[] = [];
  created: TopicCreatedData[] = [];
  deleted: TopicDeletedData[] = [];
  groups: GroupUpdatedData[] = [];
  onMetrics(d: MonitoringMetrics) {
    this.metrics.push(d);
  }
  onTopicCreated(d: TopicCreatedData) {
    this.created.push(d);
  }
  onTopicDeleted(d: TopicDeletedData) {
    this.deleted.push(d);
  }
  onGroupUpdated(d: GroupUpdatedData) {
    this.groups.push(d);
  }
  /** Its reconnect() would dial `undefined` (it never stores the url): keep it from running after the test. */
  shutdown() {
    this.ws.onclose = null;
    this.ws.terminate();
  }
}

let sim: Simulator | undefined;
let quick: RecordingTakhinWS | undefined;

afterEach(async () => {
  quick?.shutdown();
  quick = undefined;
  await sim?.close();
  sim = undefined;
  vi.restoreAllMocks();
});

describe("the quick reference's TakhinWS client", () => {
  it('receives metrics and topic/group events from the simulator (one message per frame)', async () => {
    sim = await startSimulator({ intervalMs: 150, scenario: 'steady', groupEvents: false, dialect: 'spec' });
    const s = sim;
    const q = (quick = new RecordingTakhinWS(s.url));
    await waitFor(() => q.metrics.length >= 2, 3000, 'metrics');
    expect(q.metrics[0].topicStats.length).toBe(s.model.topics.length);
    expect(q.metrics[0].clusterHealth.totalTopics).toBe(s.model.topics.length);

    // Right after a metrics message, so that the next tick is far away and each event has its own frame.
    const n = q.metrics.length;
    await waitFor(() => q.metrics.length > n, 3000);
    s.model.createTopic('quickref.topic', 3);
    await waitFor(() => q.created.length === 1, 1000, 'topic_created');
    s.model.deleteTopic('quickref.topic');
    await waitFor(() => q.deleted.length === 1, 1000, 'topic_deleted');
    await waitFor(() => q.metrics.length > n + 1, 3000);
    s.broadcast({
      type: 'group_updated',
      data: { groupId: 'billing-service', state: 'PreparingRebalance', members: 2 },
    });
    await waitFor(() => q.groups.length === 1, 1000, 'group_updated');

    expect(q.created).toEqual([{ name: 'quickref.topic', partitions: 3 }]);
    expect(q.deleted).toEqual([{ name: 'quickref.topic' }]);
    expect(q.groups).toEqual([{ groupId: 'billing-service', state: 'PreparingRebalance', members: 2 }]);
  });

  it("has its pings dropped: the quick reference's float timestamp is refused by the server", async () => {
    sim = await startSimulator({ intervalMs: 10_000 });
    const s = sim;
    const q = (quick = new RecordingTakhinWS(s.url));
    await new Promise<void>((resolve) => q.ws.once('open', () => resolve()));
    vi.spyOn(Date, 'now').mockReturnValue(1_704_225_600_123);
    q.send('ping');
    q.send('subscribe', 'topic:orders');
    vi.restoreAllMocks();
    await waitFor(() => s.dropped.length === 2, 2000);
    expect(s.dropped.map((d) => d.reason)).toEqual(['float-timestamp', 'float-timestamp']);
    expect(s.received).toEqual([]);
    expect(s.subscriptions[0].channels).toEqual([]);
  });

  it('would break on the multi-message frames the server does send', async () => {
    sim = await startSimulator({ intervalMs: 10_000 });
    const c = await connect(sim.url);
    try {
      sim.model.createTopic('burst.a', 1);
      sim.tick();
      await c.until(() => c.messages.length === 2);
      expect(c.frames).toHaveLength(1);
      expect(c.frames[0]).toContain('\n');
      // What TakhinWS does with every frame:
      expect(() => JSON.parse(c.frames[0]) as unknown).toThrow(SyntaxError);
    } finally {
      c.close();
    }
  });
});
