import type { TopicStat } from '../core/protocol.js';
import { sampleLag } from '../core/lagValues.js';
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
  const recent = history ? history.slice(Math.max(0, history.length - samples)) : [];
  return new Map(
    topics.map((t) => {
      let sum = 0;
      let n = 0;
      for (const sample of recent) {
        const rate = sample.topicRate && sampleLag(sample.topicRate, t.name);
        if (rate === undefined || Number.isNaN(rate)) continue;
        sum += rate;
        n++;
      }
      return [t.name, n > 0 ? sum / n : t.produceRate];
    }),
  );
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
