'use client';
import { memo, useMemo } from 'react';

/**
 * The `d` of an SVG path through `values` (oldest first) scaled into `width` × `height`, from zero
 * (or the lowest value, when negative) to the highest. NaN values are gaps: the line breaks there.
 * Empty when fewer than two values are known.
 */
export function sparklinePath(values: ArrayLike<number>, width: number, height: number): string {
  let low = 0;
  let high = 0;
  let known = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    known++;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (known < 2) return '';
  const span = high - low || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  let d = '';
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      pen = false;
      continue;
    }
    // One decimal is sub-pixel enough, and keeps the path short.
    const x = Math.round(i * step * 10) / 10;
    const y = Math.round((height - 1 - ((v - low) / span) * (height - 2)) * 10) / 10;
    d += `${pen ? 'L' : 'M'}${x} ${y}`;
    pen = true;
  }
  return d;
}

export interface SparklineProps {
  /** Values oldest first; NaN where unknown. Keep the array's identity while it is unchanged. */
  values: ArrayLike<number>;
  /** What the line shows, for assistive technology. */
  label: string;
  /** @default 64 */
  width?: number;
  /** @default 16 */
  height?: number;
}

/** A tiny trend line: one SVG path, no axes; memoised, and its path recomputed only when `values` change. */
export const Sparkline = memo(function Sparkline({ values, label, width = 64, height = 16 }: SparklineProps) {
  const d = useMemo(() => sparklinePath(values, width, height), [values, width, height]);
  return (
    <svg
      className="takhin-sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-empty={d === '' ? '' : undefined}
    >
      {d !== '' && <path d={d} />}
    </svg>
  );
});
