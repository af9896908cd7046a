import type { GroupState } from '../core/protocol.js';
import type { ScenarioProfile } from './presets.js';
import type { Random } from './random.js';
import type { SimTopic } from './topic.js';

/**
 * How a group consumes.
 * - `keeper` consumes faster than producers write, so its lag stays at the commit sawtooth;
 * - `laggard` falls behind for a while, then catches up, over and over;
 * - `staller` keeps up for a little while, then stops committing (until resumed);
 * - `slow` is under-provisioned: its lag keeps growing;
 * - `flapper` keeps up but its membership flips every few seconds.
 */
export type GroupKind = 'keeper' | 'laggard' | 'staller' | 'slow' | 'flapper';

/** One topic a group consumes: a read position and a committed offset per partition (-1: none yet). */
export interface Assignment {
  readonly topic: SimTopic;
  readonly position: Float64Array;
  readonly committed: Float64Array;
  readonly carry: Float64Array;
}

/** How to create a group. */
export interface GroupSpec {
  groupId: string;
  kind: GroupKind;
  topics: readonly SimTopic[];
  /** Model time of creation, ms. */
  now: number;
  /** A fresh group has no members and no commits yet; an initial one has been running for a while. */
  fresh: boolean;
  /** Fixed commit interval, ms, instead of a random one. */
  commitIntervalMs?: number;
}

/** Called on every state change of a group. */
export type GroupStateListener = (group: SimGroup) => void;

/** A consumer group with its rebalance state machine. */
export class SimGroup {
  readonly groupId: string;
  readonly kind: GroupKind;
  readonly assignments: Assignment[] = [];
  state: GroupState;
  members: number;
  /** Stopped by `stallGroup` (or by a `staller` on its own): positions and commits freeze. */
  stalled = false;
  /** Messages committed since the group appeared: the sum of every advance of a committed offset. */
  committedMessages = 0;

  private speed: number;
  private readonly commitInterval: number;
  private nextCommitAt: number;
  private nextMembershipAt: number;
  private stateUntil = 0;
  private emptySince = 0;
  private stallAt: number;
  private phaseUntil: number;
  private catching = false;

  constructor(spec: GroupSpec, random: Random, profile: ScenarioProfile) {
    const { groupId, kind, topics, now, fresh } = spec;
    this.groupId = groupId;
    this.kind = kind;
    this.members = 1 + random.int(4);
    this.state = fresh ? 'Empty' : 'Stable';
    this.speed = kind === 'slow' ? random.range(0.45, 0.9) : random.range(1.3, 2.5);
    const drawn = random.range(1000, 5000);
    this.commitInterval = spec.commitIntervalMs ?? drawn;
    this.nextCommitAt = now + random.range(0, this.commitInterval);
    this.nextMembershipAt = now + this.membershipGap(random, profile);
    this.stallAt = kind === 'staller' ? now + random.range(10_000, 30_000) : Infinity;
    this.phaseUntil = now + random.range(20_000, 60_000);
    for (const topic of topics) this.assign(topic, random, fresh);
  }

  /** Starts consuming a topic; a fresh group starts at the end of the log with nothing committed. */
  assign(topic: SimTopic, random: Random, fresh: boolean): void {
    const n = topic.partitions;
    const a: Assignment = {
      topic,
      position: new Float64Array(n),
      committed: new Float64Array(n),
      carry: new Float64Array(n),
    };
    const behind = this.kind === 'keeper' || this.kind === 'flapper' ? 2 : this.kind === 'staller' ? 20 : 60;
    for (let p = 0; p < n; p++) {
      const backlog = fresh ? 0 : Math.floor(topic.baseRate * topic.weight[p] * random.range(0, behind));
      a.position[p] = Math.max(0, topic.logEnd[p] - backlog);
      // A few partitions have never seen a commit, so the metrics leave them out.
      a.committed[p] = fresh || random.chance(0.03) ? -1 : a.position[p];
    }
    this.assignments.push(a);
  }

  /** Stops consuming a deleted topic. */
  unassign(topicName: string): void {
    const i = this.assignments.findIndex((a) => a.topic.name === topicName);
    if (i >= 0) this.assignments.splice(i, 1);
  }

  /** A member joins (+1) or leaves (-1), which starts a rebalance. */
  changeMembers(delta: number, now: number, random: Random, notify: GroupStateListener): void {
    if (this.state === 'Dead') return;
    this.members = Math.max(0, this.members + delta);
    this.enter('PreparingRebalance', now + random.range(500, 3000), notify);
  }

  /** Advances the group by `dt` ms ending at `now`; returns false once the group is Dead. */
  step(
    now: number,
    dt: number,
    random: Random,
    profile: ScenarioProfile,
    notify: GroupStateListener,
  ): boolean {
    this.advanceState(now, random, profile, notify);
    if (this.state === 'Dead') return false;
    if (now >= this.stallAt) {
      this.stalled = true;
      this.stallAt = Infinity;
    }
    if (this.state === 'Stable' && !this.stalled) this.consume(now, dt);
    if (now >= this.nextCommitAt) {
      this.nextCommitAt = now + this.commitInterval;
      if (this.state === 'Stable' && !this.stalled) this.commit();
    }
    return true;
  }

  /** Lets a stalled group consume again; a built-in staller stays resumed. */
  resume(): void {
    this.stalled = false;
    this.stallAt = Infinity;
  }

  private advanceState(
    now: number,
    random: Random,
    profile: ScenarioProfile,
    notify: GroupStateListener,
  ): void {
    switch (this.state) {
      case 'Stable':
        if (now >= this.nextMembershipAt) {
          const leave =
            this.kind === 'flapper' ? this.members > 1 : random.chance(this.members > 1 ? 0.5 : 0.3);
          this.nextMembershipAt = now + this.membershipGap(random, profile);
          this.changeMembers(leave ? -1 : 1, now, random, notify);
        }
        break;
      case 'PreparingRebalance':
        if (now >= this.stateUntil) {
          if (this.members === 0) {
            this.emptySince = now;
            this.nextMembershipAt = now + this.membershipGap(random, profile);
            this.enter('Empty', Infinity, notify);
          } else {
            this.enter('CompletingRebalance', now + random.range(200, 1200), notify);
          }
        }
        break;
      case 'CompletingRebalance':
        if (now >= this.stateUntil) {
          this.nextMembershipAt = now + this.membershipGap(random, profile);
          this.enter('Stable', Infinity, notify);
        }
        break;
      case 'Empty':
        if (profile.groupChurn && now - this.emptySince > 30_000) {
          this.enter('Dead', Infinity, notify);
        } else if (now >= this.nextMembershipAt) {
          this.changeMembers(1 + random.int(3), now, random, notify);
        }
        break;
      case 'Dead':
        break;
    }
  }

  private enter(state: GroupState, until: number, notify: GroupStateListener): void {
    this.state = state;
    this.stateUntil = until;
    notify(this);
  }

  private membershipGap(random: Random, profile: ScenarioProfile): number {
    const mean = this.kind === 'flapper' ? 4 : profile.membershipGap;
    return 1000 * mean * random.range(0.5, 1.5);
  }

  /** The speed multiplier now, following the laggard's fall-behind / catch-up cycle. */
  private currentSpeed(now: number): number {
    if (this.kind !== 'laggard') return this.speed;
    if (now >= this.phaseUntil) {
      this.catching = !this.catching;
      this.phaseUntil = now + (this.catching ? 90_000 : 60_000);
    }
    if (this.catching && this.caughtUp()) {
      this.catching = false;
      this.phaseUntil = now + 45_000;
    }
    return this.catching ? 3 : 0.35;
  }

  private consume(now: number, dt: number): void {
    const speed = this.currentSpeed(now);
    for (const a of this.assignments) {
      const t = a.topic;
      const perSecond = Math.max(t.instantRate, t.baseRate * 0.5) * speed;
      let read = 0;
      for (let p = 0; p < t.partitions; p++) {
        const available = t.logEnd[p] - a.position[p];
        if (available <= 0) continue;
        const budget = a.carry[p] + (perSecond * t.weight[p] * dt) / 1000;
        const k = Math.min(available, Math.floor(budget));
        a.carry[p] = k === available ? 0 : budget - k;
        a.position[p] += k;
        read += k;
      }
      if (read > 0) t.addFetched(read);
    }
  }

  /** Whether the read positions are within about two seconds of production. */
  private caughtUp(): boolean {
    let backlog = 0;
    let perSecond = 0;
    for (const a of this.assignments) {
      perSecond += a.topic.instantRate;
      for (let p = 0; p < a.topic.partitions; p++) backlog += a.topic.logEnd[p] - a.position[p];
    }
    return backlog <= perSecond * 2;
  }

  private commit(): void {
    for (const a of this.assignments) {
      for (let p = 0; p < a.committed.length; p++) {
        const before = a.committed[p];
        if (before >= 0 && a.position[p] > before) this.committedMessages += a.position[p] - before;
      }
      a.committed.set(a.position);
    }
  }

  /** Total committed lag of the group (partitions without a commit excluded). */
  lag(): number {
    let total = 0;
    for (const a of this.assignments) {
      for (let p = 0; p < a.topic.partitions; p++) {
        const c = a.committed[p];
        if (c >= 0) total += Math.max(0, a.topic.logEnd[p] - c);
      }
    }
    return total;
  }
}
