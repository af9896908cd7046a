import { render } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useValueAfterPaint } from '../../src/components/useValueAfterPaint.js';
import { frameCounter } from '../helpers/frameCounter.js';

/** Resolves in a task after the next painted frame. */
const nextPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function Shown({ value, log }: { value: number; log: number[] }) {
  const shown = useValueAfterPaint(value);
  useLayoutEffect(() => {
    log.push(shown);
  });
  return <output>{shown}</output>;
}

describe('useValueAfterPaint', () => {
  it('shows the first value at once and a change only after a frame was painted', async () => {
    const log: number[] = [];
    const { container, rerender } = render(<Shown value={1} log={log} />);
    expect(container.textContent).toBe('1');
    rerender(<Shown value={2} log={log} />);
    expect(container.textContent).toBe('1');
    await expect.poll(() => container.textContent).toBe('2');
    expect(log.at(-1)).toBe(2);
  });

  it('coalesces changes made before the paint and ends on the newest', async () => {
    const log: number[] = [];
    const { container, rerender } = render(<Shown value={1} log={log} />);
    for (let v = 2; v <= 6; v++) rerender(<Shown value={v} log={log} />);
    await expect.poll(() => container.textContent).toBe('6');
    // The intermediate values were never drawn.
    expect(log.filter((v) => v > 1 && v < 6)).toEqual([]);
  });

  it('cancels its pending frame on unmount, leaving no callback behind', async () => {
    const cancel = vi.spyOn(window, 'cancelAnimationFrame');
    const log: number[] = [];
    const { rerender, unmount } = render(<Shown value={1} log={log} />);
    rerender(<Shown value={2} log={log} />);
    unmount();
    expect(cancel).toHaveBeenCalledTimes(1);
    cancel.mockRestore();
    await nextPaint();
    expect(log).toEqual([1, 1]);
  });

  it('redraws the callers changed by one update after the paint, together', async () => {
    const frames = frameCounter();
    const drawnAt: Record<string, number> = {};
    function Stamped({ id, value }: { id: string; value: number }) {
      const shown = useValueAfterPaint(value);
      useLayoutEffect(() => {
        if (shown === value) drawnAt[id] ??= frames.count;
      });
      return <output>{shown}</output>;
    }
    const tree = (value: number) => (
      <>
        <Stamped id="first" value={value} />
        <Stamped id="second" value={value} />
        <Stamped id="third" value={value} />
      </>
    );
    const { container, rerender } = render(tree(1));
    for (const id of Object.keys(drawnAt)) delete drawnAt[id];
    rerender(tree(2));
    expect(container.textContent).toBe('111');
    await expect.poll(() => container.textContent).toBe('222');
    frames.stop();
    // Their callbacks run in one task after one painted frame (pinned in afterPaint.browser.test.ts), so
    // their low-priority updates are one render and one commit: all three show the value in one frame.
    expect(drawnAt.first).toBeGreaterThan(0);
    expect(drawnAt.second).toBe(drawnAt.first);
    expect(drawnAt.third).toBe(drawnAt.first);
  });
});
