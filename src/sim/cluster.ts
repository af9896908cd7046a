import { SimGroup } from './group.js';
import { PROFILES, resolveSize } from './presets.js';
import type { ClusterShape, Scenario, ScenarioProfile } from './presets.js';
import { Random } from './random.js';
import { initialGroups, initialTopics, pickTopics } from './populate.js';
import { SimTopic } from './topic.js';
import { emptyTotals } from './model-types.js';
import type {
  ClusterEvent,
  ClusterOptions,
  ClusterTotals,
  TopicChangeOptions,
  TruthSnapshot,
} from './model-types.js';
import { stepShape, Vitals } from './vitals.js';

export type {
  ClusterEvent,
  ClusterOptions,
  ClusterTotals,
  TopicChangeOptions,
  TruthSnapshot,
} from './model-types.js';

const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const FLAPPING_TOPIC = 'flaky.topic';

/**
 * A synthetic Takhin cluster driven by a virtual clock: it changes only when {@link advance} is called
 * and never reads the real time, so a seed and a sequence of calls always give the same result.
 */
export class ClusterModel {
  readonly seed: number;
  readonly scenario: Scenario;
  readonly shape: ClusterShape;
  readonly profile: ScenarioProfile;
  /** Topics in creation order. */
  readonly topics: SimTopic[] = [];
  /** Live consumer groups (Dead ones are removed). */
  readonly groups: SimGroup[] = [];
  readonly totals: ClusterTotals = emptyTotals();
  readonly vitals = new Vitals();
  /** Generator for anything that must not disturb the model's own sequence (array shuffling). */
  readonly shuffleRandom: Random;
  /** WebSocket clients connected to the simulated server; the server keeps it current. */
  clientConnections = 0;
  /** Times {@link restart} was called. */
  restarts = 0;

  private time: number;
  private started: number;
  private readonly random: Random;
  private readonly groupEvents: boolean;
  private readonly maxStepMs: number;
  private readonly listeners = new Set<(event: ClusterEvent) => void>();
  private nextFlapAt: number;
  private nextSpawnAt: number;
  private spawned = 0;
  private capacity = 1;
  private readonly commitIntervalMs?: number;

  constructor(options: ClusterOptions = {}) {
    this.seed = options.seed ?? 1;
    this.scenario = options.scenario ?? 'steady';
    this.profile = PROFILES[this.scenario];
    if (!this.profile) throw new Error(`unknown scenario "${String(this.scenario)}"`);
    this.shape = resolveSize(options.size ?? (this.scenario === 'huge' ? 'huge' : 'small'));
    this.time = options.startTime ?? Date.UTC(2024, 0, 1);
    this.started = this.time;
    this.groupEvents = options.groupEvents ?? true;
    this.maxStepMs = Math.max(1, options.maxStepMs ?? 500);
    const root = new Random(this.seed);
    this.random = root.fork(1);
    this.shuffleRandom = root.fork(2);
    this.nextFlapAt = this.time + 3000;
    this.nextSpawnAt = this.time + this.random.range(30_000, 90_000);

    this.topics.push(...initialTopics(this.shape, this.random, this.time));
    this.updateCapacity();
    this.commitIntervalMs = options.commitIntervalMs;
    this.groups.push(
      ...initialGroups(this.shape, this.profile, this.topics, this.random, this.time, this.commitIntervalMs),
    );
    this.sumTotals();
    // The cluster has been running before the model starts: give the vitals one second of its traffic.
    this.vitals.update(
      {
        dt: 1000,
        load: this.totals.produceRate / this.capacity,
        producedMessages: Math.round(this.totals.produceRate),
        producedBytes: Math.round(this.totals.produceByteRate),
        fetchedMessages: Math.round(this.totals.fetchRate),
        ...stepShape(this.topics, this.groups),
        clientConnections: 0,
      },
      this.random,
    );
  }

  /** Model time, ms since the epoch. */
  get now(): number {
    return this.time;
  }

  /** Model time of the last (simulated) server start, ms since the epoch. */
  get startedAt(): number {
    return this.started;
  }

  /** Model time in integer Unix seconds, as every message carries it. */
  get nowSeconds(): number {
    return Math.floor(this.time / 1000);
  }

  /** Steps the model `ms` forward (split into steps of at most `maxStepMs`). */
  advance(ms: number): this {
    let left = ms;
    while (left > 0) {
      const dt = Math.min(this.maxStepMs, left);
      this.step(dt);
      left -= dt;
    }
    return this;
  }

  /**
   * Moves the clock `ms` forward without simulating the gap (a host that slept for an hour should not
   * make the model compute every half-second of it).
   */
  skip(ms: number): this {
    if (ms > 0) this.time += ms;
    return this;
  }

  /** Listens to topic and group events; returns the function that stops listening. */
  onEvent(listener: (event: ClusterEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  topic(name: string): SimTopic | undefined {
    return this.topics.find((t) => t.name === name);
  }

  group(groupId: string): SimGroup | undefined {
    return this.groups.find((g) => g.groupId === groupId);
  }

  /**
   * Creates an empty topic and reports `topic_created`, unless `silent` (a topic made by a Kafka client,
   * which the real Console announces by no event). Throws on a bad name, a bad count or a duplicate.
   */
  createTopic(name: string, partitions: number, options: TopicChangeOptions = {}): SimTopic {
    if (typeof name !== 'string' || !TOPIC_NAME.test(name) || name === '.' || name === '..') {
      throw new Error(`invalid topic name "${String(name)}"`);
    }
    if (!Number.isInteger(partitions) || partitions < 1 || partitions > 10_000) {
      throw new Error('partitions must be an integer between 1 and 10000');
    }
    if (this.topic(name)) throw new Error(`topic "${name}" already exists`);
    const topic = new SimTopic(name, partitions, this.random, this.time, false);
    this.topics.push(topic);
    this.updateCapacity();
    if (!options.silent)
      this.emit({ type: 'topic_created', data: { name, partitions }, timestamp: this.nowSeconds });
    return topic;
  }

  /**
   * Creates several topics; with `rollback` the batch then fails and every topic is deleted again, which
   * the server reports as `topic_created` for each name followed by `topic_deleted` for each.
   */
  createTopics(
    specs: readonly { name: string; partitions: number }[],
    options: { rollback?: boolean } = {},
  ): void {
    const made: string[] = [];
    for (const s of specs) made.push(this.createTopic(s.name, s.partitions).name);
    if (options.rollback) for (const name of made) this.deleteTopic(name);
  }

  /**
   * Deletes a topic and reports `topic_deleted` (unless `silent`); groups stop consuming it. False if there
   * is no such topic.
   */
  deleteTopic(name: string, options: TopicChangeOptions = {}): boolean {
    const i = this.topics.findIndex((t) => t.name === name);
    if (i < 0) return false;
    this.topics.splice(i, 1);
    for (const g of this.groups) g.unassign(name);
    this.updateCapacity();
    if (!options.silent) this.emit({ type: 'topic_deleted', data: { name }, timestamp: this.nowSeconds });
    return true;
  }

  /** Stops a group: it neither reads nor commits, so its lag grows. False if there is no such group. */
  stallGroup(groupId: string): boolean {
    const g = this.group(groupId);
    if (g) g.stalled = true;
    return !!g;
  }

  /** Lets a stalled group consume again. False if there is no such group. */
  resumeGroup(groupId: string): boolean {
    const g = this.group(groupId);
    g?.resume();
    return !!g;
  }

  /** A simulated server restart: cumulative counters and latency samples start again from zero. */
  restart(): void {
    Object.assign(this.totals, emptyTotals());
    for (const t of this.topics) t.resetCounters();
    this.vitals.reset();
    this.started = this.time;
    this.restarts++;
  }

  /**
   * What really happened up to now, whatever the metrics report: messages written to each topic and
   * committed by each group since they appeared (never reset by {@link restart}). Two snapshots give the
   * true rates between them (see `truthRates`).
   */
  truth(): TruthSnapshot {
    const topics: Record<string, number> = {};
    for (const t of this.topics) topics[t.name] = t.written;
    const groups: Record<string, number> = {};
    for (const g of this.groups) groups[g.groupId] = g.committedMessages;
    return { time: this.time, topics, groups };
  }

  /** A plain, JSON-able picture of the whole model state, for comparisons. */
  snapshot(): unknown {
    return {
      now: this.time,
      startedAt: this.started,
      totals: { ...this.totals },
      vitals: { ...this.vitals },
      topics: this.topics.map((t) => ({ name: t.name, logEnd: Array.from(t.logEnd), produced: t.produced })),
      groups: this.groups.map((g) => ({
        groupId: g.groupId,
        state: g.state,
        members: g.members,
        committed: g.assignments.map((a) => [a.topic.name, Array.from(a.committed)]),
      })),
    };
  }

  private step(dt: number): void {
    this.time += dt;
    const now = this.time;
    const notify = (g: SimGroup) => this.groupChanged(g);
    let produced = 0;
    let producedBytes = 0;
    let instant = 0;
    for (const t of this.topics) {
      const n = t.produce(now, dt, this.random, this.profile);
      produced += n;
      producedBytes += n * t.bytesPerMessage;
      instant += t.instantRate;
    }
    for (let i = this.groups.length - 1; i >= 0; i--) {
      if (!this.groups[i].step(now, dt, this.random, this.profile, notify)) this.groups.splice(i, 1);
    }
    let fetched = 0;
    for (const t of this.topics) {
      const n = t.finishStep(dt);
      fetched += n;
      this.totals.fetchedBytes += n * t.bytesPerMessage;
    }
    this.totals.produced += produced;
    this.totals.producedBytes += producedBytes;
    this.totals.fetched += fetched;
    this.sumTotals();
    if (this.profile.flapping) this.flap(now);
    if (this.profile.groupChurn) this.spawnGroup(now);

    this.vitals.update(
      {
        dt,
        load: instant / this.capacity,
        producedMessages: produced,
        producedBytes,
        fetchedMessages: fetched,
        ...stepShape(this.topics, this.groups),
        clientConnections: this.clientConnections,
      },
      this.random,
    );
  }

  /** The smoothed cluster-wide rates are the sums of the topics' ones. */
  private sumTotals(): void {
    let produceRate = 0;
    let produceByteRate = 0;
    let fetchRate = 0;
    let fetchByteRate = 0;
    for (const t of this.topics) {
      produceRate += t.produceRate;
      produceByteRate += t.produceRate * t.bytesPerMessage;
      fetchRate += t.fetchRate;
      fetchByteRate += t.fetchRate * t.bytesPerMessage;
    }
    this.totals.produceRate = produceRate;
    this.totals.produceByteRate = produceByteRate;
    this.totals.fetchRate = fetchRate;
    this.totals.fetchByteRate = fetchByteRate;
  }

  private groupChanged(g: SimGroup): void {
    if (!this.groupEvents) return;
    this.emit({
      type: 'group_updated',
      data: { groupId: g.groupId, state: g.state, members: g.members },
      timestamp: this.nowSeconds,
    });
  }

  private flap(now: number): void {
    if (now < this.nextFlapAt) return;
    this.nextFlapAt = now + this.random.range(5000, 15_000);
    if (this.topic(FLAPPING_TOPIC)) this.deleteTopic(FLAPPING_TOPIC);
    else this.createTopic(FLAPPING_TOPIC, 3);
  }

  private spawnGroup(now: number): void {
    if (now < this.nextSpawnAt) return;
    this.nextSpawnAt = now + this.random.range(30_000, 90_000);
    if (this.groups.length >= this.shape.groups + 3 || this.topics.length === 0) return;
    const topics = pickTopics(this.topics, 1 + this.random.int(2), this.random);
    const spec = {
      groupId: `new-consumer-${++this.spawned}`,
      kind: 'keeper' as const,
      topics,
      now,
      fresh: true,
      commitIntervalMs: this.commitIntervalMs,
    };
    const g = new SimGroup(spec, this.random, this.profile);
    this.groups.push(g);
    g.changeMembers(0, now, this.random, (x) => this.groupChanged(x));
  }

  private updateCapacity(): void {
    let base = 0;
    for (const t of this.topics) base += t.baseRate;
    this.capacity = Math.max(1, base * 2.5);
  }

  private emit(event: ClusterEvent): void {
    for (const l of this.listeners) l(event);
  }
}

/** Creates a cluster model. */
export function createCluster(options: ClusterOptions = {}): ClusterModel {
  return new ClusterModel(options);
}

/**
 * The model a simulated server uses: the one given, or a new one from the cluster options, its
 * clock starting now (a live server's model runs on real time).
 */
export function modelFor(
  options: Omit<ClusterOptions, 'startTime' | 'maxStepMs'> & { model?: ClusterModel },
): ClusterModel {
  return (
    options.model ??
    new ClusterModel({
      seed: options.seed,
      size: options.size,
      scenario: options.scenario,
      groupEvents: options.groupEvents,
      commitIntervalMs: options.commitIntervalMs,
      startTime: Date.now(),
    })
  );
}
