import { SimGroup } from './group.js';
import type { GroupKind } from './group.js';
import { groupName, topicName } from './presets.js';
import type { ClusterShape, ScenarioProfile } from './presets.js';
import type { Random } from './random.js';
import { SimTopic } from './topic.js';

/** The initial topics of a cluster, each with days of history in its log. */
export function initialTopics(shape: ClusterShape, random: Random, now: number): SimTopic[] {
  const topics: SimTopic[] = [];
  for (let i = 0; i < shape.topics; i++) {
    topics.push(new SimTopic(topicName(i), shape.partitionsPerTopic, random, now, true));
  }
  return topics;
}

/**
 * The initial consumer groups: in every block of 40 groups (or in a small cluster) one laggard, one
 * staller and, when the scenario flaps, one flapper; the rest keep up unless the scenario makes some slow.
 */
export function initialGroups(
  shape: ClusterShape,
  profile: ScenarioProfile,
  topics: readonly SimTopic[],
  random: Random,
  now: number,
  commitIntervalMs?: number,
): SimGroup[] {
  const perGroup = Math.min(shape.topicsPerGroup, topics.length);
  const groups: SimGroup[] = [];
  for (let i = 0; i < shape.groups; i++) {
    const kind = kindOf(i, shape.groups, profile, random);
    const spec = {
      groupId: groupName(i),
      kind,
      topics: pickTopics(topics, perGroup, random),
      now,
      fresh: false,
      commitIntervalMs,
    };
    groups.push(new SimGroup(spec, random, profile));
  }
  for (const t of topics) {
    const readers = groups.filter((g) => g.assignments.some((a) => a.topic === t)).length;
    t.primeFetchRate(t.produceRate * readers);
  }
  return groups;
}

function kindOf(i: number, count: number, profile: ScenarioProfile, random: Random): GroupKind {
  const slot = count >= 40 ? i % 40 : i;
  if (slot === 0 && count >= 2) return 'laggard';
  if (slot === 1 && count >= 3) return 'staller';
  if (slot === 2 && profile.flapping) return 'flapper';
  return random.chance(profile.slowShare) ? 'slow' : 'keeper';
}

/** `count` distinct topics chosen at random. */
export function pickTopics(topics: readonly SimTopic[], count: number, random: Random): SimTopic[] {
  const pool = topics.slice();
  const chosen: SimTopic[] = [];
  for (let k = 0; k < count && pool.length > 0; k++) {
    const j = random.int(pool.length);
    chosen.push(pool[j]);
    pool[j] = pool[pool.length - 1];
    pool.pop();
  }
  return chosen;
}
