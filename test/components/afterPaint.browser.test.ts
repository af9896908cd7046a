import { describe, expect, it } from 'vitest';
import { afterNextPaint } from '../../src/components/afterPaint.js';
import { frameCounter } from '../helpers/frameCounter.js';

describe('afterNextPaint', () => {
  it('runs every callback due after the next painted frame, together and in the order they were requested', async () => {
    const frames = frameCounter();
    const order: string[] = [];
    const ranAt: Record<string, number> = {};
    for (const id of ['a', 'b', 'c'])
      afterNextPaint(() => {
        order.push(id);
        ranAt[id] = frames.count;
      });
    expect(order).toEqual([]);
    await expect.poll(() => order.length).toBe(3);
    frames.stop();
    expect(order).toEqual(['a', 'b', 'c']);
    expect(ranAt.a).toBeGreaterThan(0);
    expect(ranAt.b).toBe(ranAt.a);
    expect(ranAt.c).toBe(ranAt.a);
  });

  it('keeps a request made while the due ones run for the frame after', async () => {
    const frames = frameCounter();
    const ranAt: Record<string, number> = {};
    afterNextPaint(() => {
      ranAt.first = frames.count;
      afterNextPaint(() => (ranAt.later = frames.count));
    });
    await expect.poll(() => ranAt.later).toBeDefined();
    frames.stop();
    expect(ranAt.later).toBeGreaterThan(ranAt.first);
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
