import { describe, expect, it } from 'vitest';
import { produceRates, topicTimeBehind } from '../../src/components/timeBehind.js';
import { lagValues } from '../../src/core/lagValues.js';
import type { TopicStat } from '../../src/core/protocol.js';
import type { MetricsSample } from '../../src/core/state.js';

const topic = (name: string, produceRate: number): TopicStat => ({
  name,
  partitions: 1,
  totalMessages: 0,
  totalBytes: 0,
  produceRate,
  fetchRate: 0,
});

const sample = (rates: Record<string, number> | undefined): MetricsSample =>
  ({ time: 0, topicRate: rates && lagValues(rates) }) as MetricsSample;

describe('produceRates', () => {
  const topics = [topic('a', 100), topic('b', 7), topic('c', 3)];

  it('is null while rates are not known or there are no topics', () => {
    expect(produceRates(topics, false, [])).toBeNull();
    expect(produceRates(null, true, [])).toBeNull();
  });

  it("averages each topic's rate over the newest samples that know it, else takes the latest rate", () => {
    const history = [
      sample({ a: 1000, b: 1 }), // older than the 3 newest: not counted
      sample({ a: 10, b: Number.NaN }),
      sample(undefined),
      sample({ b: 4, a: 30 }), // another order of keys
    ];
    const rates = produceRates(topics, true, history, 3)!;
    expect(rates.get('a')).toBe(20);
    expect(rates.get('b')).toBe(4);
    expect(rates.get('c')).toBe(3);
    expect(produceRates(topics, true)!.get('a')).toBe(100);
  });

  it('gives the same result to a second caller of the same tick, and a new one for a new history', () => {
    const history = [sample({ a: 10 }), sample({ a: 20 })];
    const first = produceRates(topics, true, history);
    expect(produceRates(topics, true, history)).toBe(first);
    const next = [...history, sample({ a: 60 })];
    const second = produceRates(topics, true, next)!;
    expect(second).not.toBe(first);
    expect(second.get('a')).toBe(30);
    expect(topicTimeBehind(300, 'a', second).seconds).toBe(10);
  });
});
