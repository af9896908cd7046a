import type { SimGroup } from './group.js';
import type { Random } from './random.js';
import { smoothing } from './topic.js';
import type { SimTopic } from './topic.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** What the vitals need to know about one simulation step. */
export interface StepLoad {
  dt: number;
  /** Produce rate of the step over the rate the cluster is sized for (≈0.4 normally, >1 in bursts). */
  load: number;
  producedMessages: number;
  producedBytes: number;
  fetchedMessages: number;
  topics: number;
  partitions: number;
  groups: number;
  members: number;
  clientConnections: number;
  burstingTopics: number;
  logBytes: number;
}

/** The size-related part of a {@link StepLoad}, counted from the live topics and groups. */
export function stepShape(
  topics: readonly SimTopic[],
  groups: readonly SimGroup[],
): Pick<StepLoad, 'topics' | 'partitions' | 'groups' | 'members' | 'burstingTopics' | 'logBytes'> {
  let partitions = 0;
  let members = 0;
  let burstingTopics = 0;
  let logBytes = 0;
  for (const t of topics) {
    partitions += t.partitions;
    logBytes += t.totalBytes;
    if (t.bursting) burstingTopics++;
  }
  for (const g of groups) members += g.members;
  return { topics: topics.length, partitions, groups: groups.length, members, burstingTopics, logBytes };
}

/**
 * Latency, disk, memory and goroutines of the simulated broker: latency climbs with load, the heap
 * saw-tooths with garbage collection, goroutines follow connections and members.
 */
export class Vitals {
  /** Mean produce / fetch latency in ms (smoothed). */
  produceMeanMs = 0;
  fetchMeanMs = 0;
  /** Tail factors over the mean, used by the `spec` dialect's real-looking percentiles. */
  produceTail95 = 1.9;
  produceTail99 = 3;
  fetchTail95 = 1.8;
  fetchTail99 = 2.8;
  /** Whether the last step saw produce / fetch requests (the real server reports 0 latency without). */
  produceSamples = false;
  fetchSamples = false;
  diskUsageBytes = 0;
  memoryUsageBytes = 0;
  goroutineCount = 0;
  private heap = 0;

  /** Updates every vital for one step. */
  update(s: StepLoad, random: Random): void {
    const a = smoothing(s.dt);
    const jitter = 1 + 0.06 * random.normal();
    this.produceSamples = s.producedMessages > 0;
    this.fetchSamples = s.fetchedMessages > 0;
    if (this.produceSamples) {
      const target = (1.2 + 2.5 * s.load + 9 * s.load * s.load) * jitter;
      this.produceMeanMs =
        this.produceMeanMs === 0 ? target : this.produceMeanMs + (target - this.produceMeanMs) * a;
    }
    if (this.fetchSamples) {
      const target = (0.6 + 1.4 * s.load + 4.5 * s.load * s.load) * jitter;
      this.fetchMeanMs = this.fetchMeanMs === 0 ? target : this.fetchMeanMs + (target - this.fetchMeanMs) * a;
    }
    this.produceTail95 = 1.8 + 0.5 * Math.min(s.load, 2) + 0.05 * random.next();
    this.produceTail99 = this.produceTail95 * (1.5 + 0.3 * random.next());
    this.fetchTail95 = 1.7 + 0.4 * Math.min(s.load, 2) + 0.05 * random.next();
    this.fetchTail99 = this.fetchTail95 * (1.4 + 0.3 * random.next());

    this.diskUsageBytes = Math.round(s.logBytes * 1.05 + s.partitions * 12 * KiB);
    // Allocation follows traffic; the collector frees most of it once the heap passes its target.
    this.heap += s.producedBytes * 0.05 + s.dt * 2 * KiB;
    if (this.heap > 48 * MiB + s.partitions * 8 * KiB) this.heap *= random.range(0.25, 0.4);
    this.memoryUsageBytes = Math.round(
      96 * MiB + s.partitions * 40 * KiB + s.groups * 128 * KiB + s.clientConnections * 512 * KiB + this.heap,
    );
    const producers = Math.ceil(s.topics / 3);
    this.goroutineCount = Math.max(
      1,
      14 +
        2 * s.clientConnections +
        s.members +
        producers +
        Math.ceil(s.partitions / 64) +
        2 * s.burstingTopics +
        random.int(5) -
        2,
    );
  }

  /** A restarted process: no latency samples yet, a fresh heap. */
  reset(): void {
    this.produceMeanMs = 0;
    this.fetchMeanMs = 0;
    this.produceSamples = false;
    this.fetchSamples = false;
    this.heap = 0;
  }
}
