import type { TruthSnapshot } from './model-types.js';

/** True per-second rates between two {@link TruthSnapshot}s of one model. */
export interface TruthRates {
  /** Messages written per second, whole cluster. */
  produceRate: number;
  /** Messages committed per second, all groups. */
  consumeRate: number;
  /** Messages written per second, by topic (topics present in both snapshots). */
  topics: Record<string, number>;
  /** Messages committed per second, by group (groups present in both snapshots). */
  groups: Record<string, number>;
  /** Model seconds between the snapshots. */
  seconds: number;
}

/**
 * What a client deriving rates from the metrics should find between two ticks: the model's own counts,
 * not the numbers it reported. Topics or groups that appeared or vanished in between are left out, as a
 * client has no rate for them either.
 */
export function truthRates(before: TruthSnapshot, after: TruthSnapshot): TruthRates {
  const seconds = (after.time - before.time) / 1000;
  const per = (a: number, b: number) => (seconds > 0 ? Math.max(0, b - a) / seconds : 0);
  const topics: Record<string, number> = {};
  let produceRate = 0;
  for (const [name, written] of Object.entries(after.topics)) {
    const was = before.topics[name];
    if (was === undefined || written < was) continue;
    topics[name] = per(was, written);
    produceRate += topics[name];
  }
  const groups: Record<string, number> = {};
  let consumeRate = 0;
  for (const [id, committed] of Object.entries(after.groups)) {
    const was = before.groups[id];
    if (was === undefined) continue;
    groups[id] = per(was, committed);
    consumeRate += groups[id];
  }
  return { produceRate, consumeRate, topics, groups, seconds };
}
