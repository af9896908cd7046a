import type { TopicStat } from '../core/protocol.js';
import { indexOf } from '../core/lagValues.js';
import type { MetricsSample } from '../core/state.js';

/**
 * Estimated time behind the head, seconds: how old the oldest unconsumed message is if the log grows
 * steadily, i.e. lag ÷ produce rate. 0 with no lag; NaN when it cannot be estimated (`why` says why).
 */
export interface TimeBehind {
  seconds: number;
  why?: string;
}

/** Produce rate of each topic by name; null while rates are not known (no map means no topic data). */
export type ProduceRates = ReadonlyMap<string, number> | null;

const PENDING = 'Unknown: produce rates need two samples from the server';
const IDLE = 'Unknown: nothing is being produced to the topic, so lag says nothing about time';
const NO_TOPIC = 'Unknown: no produce rate for this topic';
const CAUGHT_UP: TimeBehind = { seconds: 0 };

/** The newest result per topics array: the verdict and the lag table ask for the rates of one tick. */
const newest = new WeakMap<
  readonly TopicStat[],
  { history: readonly MetricsSample[] | undefined; samples: number; rates: ReadonlyMap<string, number> }
>();

/**
 * The produce rates the estimate divides by, or null while they are pending. With a `history`, each is
 * the mean over the newest `samples` samples that know it (a rate from two ticks swings the estimate
 * second by second); without one, the latest rate.
 */
export function produceRates(
  topics: readonly TopicStat[] | null | undefined,
  ratesKnown: boolean,
  history?: readonly MetricsSample[],
  samples = 15,
): ProduceRates {
  if (!ratesKnown || !topics) return null;
  const cached = newest.get(topics);
  if (cached && cached.history === history && cached.samples === samples) return cached.rates;
  const recent = history ? history.slice(Math.max(0, history.length - samples)) : [];
  const rates = meanRates(topics, recent);
  newest.set(topics, { history, samples, rates });
  return rates;
}

function meanRates(topics: readonly TopicStat[], recent: readonly MetricsSample[]): Map<string, number> {
  const sums = new Float64Array(topics.length);
  const counts = new Float64Array(topics.length);
  // Successive samples share their keys array: each topic is looked up once per distinct one.
  let keys: readonly string[] | undefined;
  let positions: Array<number | undefined> = [];
  for (const { topicRate } of recent) {
    if (!topicRate) continue;
    if (topicRate.keys !== keys) {
      const index = indexOf((keys = topicRate.keys));
      positions = topics.map((t) => index.get(t.name));
    }
    positions.forEach((at, j) => {
      const rate = at === undefined ? Number.NaN : topicRate.values[at];
      if (!Number.isNaN(rate)) {
        sums[j] += rate;
        counts[j] += 1;
      }
    });
  }
  return new Map(topics.map((t, j) => [t.name, counts[j] ? sums[j] / counts[j] : t.produceRate]));
}

/** Time behind of one group on one topic. */
export function topicTimeBehind(lag: number, topic: string, rates: ProduceRates): TimeBehind {
  if (!(lag > 0)) return CAUGHT_UP;
  if (rates === null) return { seconds: Number.NaN, why: PENDING };
  const rate = rates.get(topic);
  if (rate === undefined) return { seconds: Number.NaN, why: NO_TOPIC };
  return rate > 0 ? { seconds: lag / rate } : { seconds: Number.NaN, why: IDLE };
}

/**
 * Time behind of a group: the largest of its topics' (its oldest unconsumed message), unknown when
 * that of any lagging topic is.
 */
export function groupTimeBehind(parts: readonly TimeBehind[]): TimeBehind {
  let worst = CAUGHT_UP;
  for (const part of parts) {
    if (Number.isNaN(part.seconds)) return part;
    if (part.seconds > worst.seconds) worst = part;
  }
  return worst;
}
