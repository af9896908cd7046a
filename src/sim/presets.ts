/** How big the simulated cluster is: the counts the model starts from. */
export interface ClusterShape {
  /** Number of topics. */
  topics: number;
  /** Partitions of each initial topic. */
  partitionsPerTopic: number;
  /** Number of consumer groups. */
  groups: number;
  /** Topics each group consumes (capped by the number of topics). */
  topicsPerGroup: number;
}

/** A named preset or an explicit shape. `huge` is 1,000 topics × 12 partitions and 200 groups × 5 topics. */
export type ClusterSize = 'empty' | 'small' | 'medium' | 'huge' | ClusterShape;

/**
 * What the cluster does over time.
 * - `steady`: waves and rare bursts; most groups keep up, one falls behind and catches up, one stalls.
 * - `burst`: frequent, large produce bursts; latency spikes with them.
 * - `lagging`: most groups are under-provisioned, lag keeps growing.
 * - `rebalancing`: members join and leave often; groups go Empty, die, and new ones appear.
 * - `flapping`: one group's membership flips every few seconds, one topic is created and deleted over and over.
 * - `huge`: `steady` on the `huge` size (unless a size is given).
 */
export type Scenario = 'steady' | 'burst' | 'lagging' | 'rebalancing' | 'flapping' | 'huge';

export const SCENARIOS: readonly Scenario[] = [
  'steady',
  'burst',
  'lagging',
  'rebalancing',
  'flapping',
  'huge',
];
export const SIZE_NAMES: readonly string[] = ['empty', 'small', 'medium', 'huge'];

export const SIZES: Readonly<Record<'empty' | 'small' | 'medium' | 'huge', ClusterShape>> = {
  empty: { topics: 0, partitionsPerTopic: 0, groups: 0, topicsPerGroup: 0 },
  small: { topics: 6, partitionsPerTopic: 4, groups: 4, topicsPerGroup: 2 },
  medium: { topics: 60, partitionsPerTopic: 6, groups: 24, topicsPerGroup: 3 },
  huge: { topics: 1000, partitionsPerTopic: 12, groups: 200, topicsPerGroup: 5 },
};

/** Tuning of one scenario; all durations in seconds, rates in messages per second. */
export interface ScenarioProfile {
  /** log10 range of a topic's base produce rate. */
  rateLog10: [number, number];
  /** Relative amplitude of the slow produce waves. */
  waveAmplitude: number;
  /** Mean gap between bursts on one topic. */
  burstGap: number;
  /** Rate multiplier range during a burst. */
  burstFactor: [number, number];
  /** Burst length range. */
  burstLength: [number, number];
  /** Mean gap between membership changes of one group. */
  membershipGap: number;
  /** Fraction of groups that cannot keep up at all (consume below the produce rate). */
  slowShare: number;
  /** Whether Empty groups die and new groups appear. */
  groupChurn: boolean;
  /** Whether one group flaps and one topic is created and deleted repeatedly. */
  flapping: boolean;
}

const STEADY: ScenarioProfile = {
  rateLog10: [0.5, 3.3],
  waveAmplitude: 0.35,
  burstGap: 900,
  burstFactor: [2, 5],
  burstLength: [3, 12],
  membershipGap: 1800,
  slowShare: 0,
  groupChurn: false,
  flapping: false,
};

export const PROFILES: Readonly<Record<Scenario, ScenarioProfile>> = {
  steady: STEADY,
  huge: STEADY,
  burst: { ...STEADY, burstGap: 40, burstFactor: [5, 20], burstLength: [4, 20] },
  lagging: { ...STEADY, slowShare: 0.7 },
  rebalancing: { ...STEADY, membershipGap: 25, groupChurn: true },
  flapping: { ...STEADY, membershipGap: 600, flapping: true },
};

/** The shape a size stands for; an explicit shape is validated and copied. */
export function resolveSize(size: ClusterSize): ClusterShape {
  if (typeof size === 'string') {
    const preset = SIZES[size];
    if (!preset) throw new Error(`unknown cluster size "${String(size)}"`);
    return { ...preset };
  }
  const shape = { ...size };
  for (const key of ['topics', 'partitionsPerTopic', 'groups', 'topicsPerGroup'] as const) {
    if (!Number.isInteger(shape[key]) || shape[key] < 0) {
      throw new Error(`cluster size: ${key} must be a non-negative integer`);
    }
  }
  if (shape.topics > 0 && shape.partitionsPerTopic < 1) {
    throw new Error('cluster size: partitionsPerTopic must be at least 1 when there are topics');
  }
  return shape;
}

const DOMAINS = [
  'orders',
  'payments',
  'inventory',
  'users',
  'clickstream',
  'shipping',
  'billing',
  'search',
  'notifications',
  'audit',
  'sessions',
  'catalog',
  'fraud',
  'ledger',
  'pricing',
  'reviews',
];
const KINDS = ['events', 'updates', 'commands', 'changelog', 'snapshots', 'enriched', 'raw', 'retry', 'dlq'];
const SERVICES = [
  'billing-service',
  'analytics-etl',
  'search-indexer',
  'fraud-detector',
  'email-sender',
  'warehouse-sync',
  'audit-archiver',
  'recommender',
  'ledger-writer',
  'notification-fanout',
  'session-aggregator',
  'shipping-tracker',
];

/** The i-th initial topic name: unique, stable, and looking like a real cluster's. */
export function topicName(i: number): string {
  const combos = DOMAINS.length * KINDS.length;
  const base = `${DOMAINS[i % DOMAINS.length]}.${KINDS[Math.floor(i / DOMAINS.length) % KINDS.length]}`;
  return i < combos ? base : `${base}-${Math.floor(i / combos) + 1}`;
}

/** The i-th consumer group id. */
export function groupName(i: number): string {
  const base = SERVICES[i % SERVICES.length];
  return i < SERVICES.length ? base : `${base}-${Math.floor(i / SERVICES.length) + 1}`;
}
