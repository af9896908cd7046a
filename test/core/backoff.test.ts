import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/core/backoff.js';
import { DEFAULTS } from '../../src/core/index.js';

describe('backoffDelay', () => {
  const options = { ...DEFAULTS.reconnect, initialDelayMs: 100, maxDelayMs: 1_000, factor: 2, jitter: 0.5 };

  it('grows exponentially and is capped', () => {
    const noJitter = { ...options, jitter: 0 };
    expect([1, 2, 3, 4, 5, 10].map((attempt) => backoffDelay(attempt, noJitter))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('cuts each delay by at most the jitter share, spreading clients apart', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(400);
    expect(backoffDelay(3, options, () => 1)).toBe(200);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(3, options)));
    expect(spread.size).toBeGreaterThan(10);
    for (const delay of spread) {
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });
});
