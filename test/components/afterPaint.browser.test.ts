import { describe, expect, it } from 'vitest';
import { afterNextPaint } from '../../src/components/afterPaint.js';
import { frameCounter } from '../helpers/frameCounter.js';

describe('afterNextPaint', () => {
  it('runs the callbacks due after one paint one per painted frame, in the order they were requested', async () => {
    const frames = frameCounter();
    const ranAt: Record<string, number> = {};
    for (const id of ['a', 'b', 'c']) afterNextPaint(() => (ranAt[id] = frames.count));
    await expect.poll(() => Object.keys(ranAt).length).toBe(3);
    frames.stop();
    expect(ranAt.a).toBeGreaterThan(0);
    expect(ranAt.b).toBeGreaterThan(ranAt.a);
    expect(ranAt.c).toBeGreaterThan(ranAt.b);
  });

  it('skips a cancelled request and still runs the ones after it', async () => {
    const ran: string[] = [];
    afterNextPaint(() => ran.push('a'));
    const cancelB = afterNextPaint(() => ran.push('b'));
    afterNextPaint(() => ran.push('c'));
    cancelB();
    await expect.poll(() => ran).toEqual(['a', 'c']);
  });

  it('keeps going when a callback throws', async () => {
    const ran: string[] = [];
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => {
      errors.push(event.error);
      event.preventDefault();
    };
    window.addEventListener('error', onError);
    try {
      afterNextPaint(() => {
        throw new Error('a callback that throws (expected in this test)');
      });
      afterNextPaint(() => ran.push('after'));
      await expect.poll(() => ran).toEqual(['after']);
      expect(errors).toHaveLength(1);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});
