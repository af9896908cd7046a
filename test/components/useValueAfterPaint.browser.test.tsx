import { render } from '@testing-library/react';
import { Profiler, useLayoutEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useValueAfterPaint } from '../../src/components/useValueAfterPaint.js';

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

  it('renders every caller changed by one update together, in one commit after the paint', async () => {
    const log: number[] = [];
    let commits = 0;
    const onRender = () => {
      commits += 1;
    };
    const tree = (value: number) => (
      <Profiler id="both" onRender={onRender}>
        <Shown value={value} log={log} />
        <Shown value={value * 10} log={log} />
      </Profiler>
    );
    const { container, rerender } = render(tree(1));
    rerender(tree(2));
    commits = 0;
    await expect.poll(() => container.textContent).toBe('220');
    await nextPaint();
    expect(commits).toBe(1);
  });
});
