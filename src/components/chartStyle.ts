/**
 * The one visual language of every chart: colour says the direction (produce blue, fetch orange, in
 * every chart), the dash pattern says what else varies, so nothing rests on colour alone. A pattern
 * means one thing everywhere.
 */
export const COLORS = {
  produce: 'var(--takhin-produce)',
  fetch: 'var(--takhin-fetch)',
} as const;

/** Dash patterns (SVG `stroke-dasharray`): solid for p50 and for produce. */
export const DASHES = {
  /** Fetch beside produce in one chart: dash-dot, used for nothing else. */
  fetch: '9 3 2 3',
  p50: undefined,
  p95: '6 3',
  p99: '1.5 3',
  /** A total drawn beside its parts (the lag chart's total line). */
  total: '4 2',
} as const;
