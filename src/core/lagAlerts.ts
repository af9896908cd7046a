import type { ConsumerLag, TopicStat } from './protocol.js';

export type LagAlertLevel = 'warning' | 'critical';

interface RuleBase {
  /** Names the rule in `LagAlert.rule` and in alert ids. @default the rule's `kind` */
  name?: string;
  /**
   * Consecutive samples without the condition after which an active alert resolves anyway.
   * @default 3
   */
  calmSamples?: number;
}

/** Warning / critical on a group's total lag. */
export interface LagLevelRule extends RuleBase {
  kind: 'level';
  /** Lag (messages) from which the alert is `warning`. @default Infinity (no warning level) */
  warning?: number;
  /** Lag (messages) from which the alert is `critical`. @default Infinity (no critical level) */
  critical?: number;
  /**
   * A level clears only once the lag falls below this fraction of its threshold (or after
   * `calmSamples` samples under the threshold), so a lag oscillating around a threshold never flaps.
   * @default 0.9
   */
  clearBelow?: number;
}

/** A group's lag growing on every sample for `minutes`, optionally faster than `minRatePerSec`. */
export interface LagGrowthRule extends RuleBase {
  kind: 'growth';
  minutes: number;
  /** Growth, messages per second, that every sample of the streak must exceed. @default 0 */
  minRatePerSec?: number;
  /** @default 'warning' */
  level?: LagAlertLevel;
}

/** A partition whose committed offset has not moved for `minutes` while its lag is above 0. */
export interface LagStuckRule extends RuleBase {
  kind: 'stuck';
  minutes: number;
  /** @default 'warning' */
  level?: LagAlertLevel;
}

export type LagAlertRule = LagLevelRule | LagGrowthRule | LagStuckRule;

/** An active alert. */
export interface LagAlert {
  /** Stable for the life of the alert: rule, group, topic and partition. */
  id: string;
  level: LagAlertLevel;
  /** The rule's `name`, or its kind. */
  rule: string;
  groupId: string;
  topic?: string;
  partition?: number;
  /** When the condition began (stuck: when the offset last moved; growth: when the growth began), ms. */
  since: number;
  /** The lag at the latest sample, messages. */
  lag: number;
  /** Lag ÷ produce rate of the topic(s), ms; absent when the rate is unknown or 0. */
  timeBehindMs?: number;
}

type LagAlertSubject = Pick<LagAlert, 'groupId' | 'topic' | 'partition'>;

/** What the evaluator reads from one sample; a normalized `Metrics` fits. */
export interface LagAlertSample {
  /** Sample time, ms. */
  time: number;
  consumerLags: readonly ConsumerLag[];
  topicStats?: readonly Pick<TopicStat, 'name' | 'produceRate'>[];
}

interface Track {
  level: LagAlertLevel | undefined;
  /** Consecutive samples without the condition. */
  calm: number;
  since: number;
  /** level, growth: the lag; stuck: the committed offset. */
  last: number;
}

/** The evaluator's own state; bounded by the rules × the groups, topics and partitions of the latest sample. */
export interface LagAlertState {
  /** Time of the previous sample, ms. */
  readonly time: number;
  readonly tracks: ReadonlyMap<string, Track>;
  readonly alerts: ReadonlyMap<string, LagAlert>;
}

export interface LagAlertStep {
  state: LagAlertState;
  /** Active alerts, in rule then data order. */
  alerts: LagAlert[];
  /** New alerts and alerts whose level changed, this sample. */
  raised: LagAlert[];
  /** Alerts that ended this sample (as they were last active). */
  resolved: LagAlert[];
}

const RANK = { warning: 1, critical: 2 } as const;
const rank = (level: LagAlertLevel | undefined) => (level ? RANK[level] : 0);

/**
 * One step of the lag alert evaluator: pure, the previous state in (none for the first sample), the
 * next state and the transitions out. Each transition appears once, in the step where it happens.
 */
export function evaluateLagAlerts(
  rules: readonly LagAlertRule[],
  previous: LagAlertState | undefined,
  sample: LagAlertSample,
): LagAlertStep {
  const tracks = new Map<string, Track>();
  const alerts = new Map<string, LagAlert>();
  const rates = new Map(sample.topicStats?.map((t) => [t.name, t.produceRate]));
  const { time } = sample;
  const seconds = previous ? (time - previous.time) / 1000 : 0;

  for (const rule of rules) {
    const name = rule.name ?? rule.kind;
    const calmSamples = rule.calmSamples ?? 3;
    const check = (lag: number, value: number, topics: string[], subject: LagAlertSubject) => {
      const id = JSON.stringify([name, subject.groupId, subject.topic, subject.partition]);
      const old = previous?.tracks.get(id);
      let { level, calm = 0, since = time } = old ?? {};
      if (rule.kind === 'level') {
        const { warning = Infinity, critical = Infinity, clearBelow = 0.9 } = rule;
        const raw = lag >= critical ? 'critical' : lag >= warning ? 'warning' : undefined;
        calm = rank(raw) < rank(level) ? calm + 1 : 0;
        if (!calm || lag < (level === 'critical' ? critical : warning) * clearBelow || calm >= calmSamples) {
          if (!level) since = time;
          level = raw;
          calm = 0;
        }
      } else {
        if (rule.kind === 'stuck') {
          if (old?.last !== value) since = time;
          level = lag > 0 ? 'warning' : undefined;
        } else {
          calm =
            old && seconds > 0 && (value - old.last) / seconds > (rule.minRatePerSec ?? 0) ? 0 : calm + 1;
          if (calm >= calmSamples) since = time;
          level = calm < calmSamples ? 'warning' : undefined;
        }
        if (level) level = time - since < rule.minutes * 60_000 ? undefined : (rule.level ?? level);
      }
      tracks.set(id, { level, calm, since, last: value });
      const rate = topics.reduce((sum, t) => sum + (rates.get(t) ?? 0), 0);
      if (level) {
        alerts.set(id, {
          id,
          level,
          rule: name,
          ...subject,
          since,
          lag,
          ...(rate > 0 && { timeBehindMs: (lag / rate) * 1000 }),
        });
      }
    };
    for (const { groupId, totalLag, topicLags } of sample.consumerLags) {
      if (rule.kind !== 'stuck') {
        check(
          totalLag,
          totalLag,
          topicLags.map((t) => t.topic),
          { groupId },
        );
        continue;
      }
      for (const { topic, partitionLags } of topicLags) {
        for (const p of partitionLags)
          check(p.lag, p.currentOffset, [topic], { groupId, topic, partition: p.partition });
      }
    }
  }

  const raised: LagAlert[] = [];
  const resolved: LagAlert[] = [];
  for (const [id, alert] of alerts) if (previous?.alerts.get(id)?.level !== alert.level) raised.push(alert);
  for (const [id, alert] of previous?.alerts ?? []) if (!alerts.has(id)) resolved.push(alert);
  return { state: { time, tracks, alerts }, alerts: [...alerts.values()], raised, resolved };
}
