/**
 * Numbers for people: every formatter goes through `Intl`, so decimal separators follow the locale,
 * while unit suffixes (k, M, MB/s, ms) stay the same everywhere.
 */

/** Options shared by every formatter. */
export interface FormatOptions {
  /**
   * BCP 47 locale(s) for digits and separators.
   * @default the runtime's default locale
   */
  locale?: string | string[];
}

const PLACEHOLDER = '—';
/** One formatter per locale and number of decimals; looked up by index, as tables call this per cell. */
const cache = new Map<string, Intl.NumberFormat[]>();

function numberFormat(locale: string | string[] | undefined, maximumFractionDigits: number) {
  const key = String(locale);
  let byDigits = cache.get(key);
  if (!byDigits) {
    byDigits = [];
    cache.set(key, byDigits);
  }
  return (byDigits[maximumFractionDigits] ??= new Intl.NumberFormat(locale, { maximumFractionDigits }));
}

/** Up to two significant decimals below 10, one below 100, none above: "4.25", "42.5", "425". */
function mantissa(value: number, locale: string | string[] | undefined): string {
  const abs = Math.abs(value);
  const digits = abs === 0 || abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 1 : 2;
  return numberFormat(locale, digits).format(value);
}

function scaled(value: number, step: number, units: readonly string[], options?: FormatOptions): string {
  if (!Number.isFinite(value)) return PLACEHOLDER;
  let unit = 0;
  let scaledValue = value;
  while (Math.abs(scaledValue) >= step && unit < units.length - 1) {
    scaledValue /= step;
    unit += 1;
  }
  // 999.95k must read "1M", not "1,000k".
  if (Math.abs(Number(scaledValue.toFixed(1))) >= step && unit < units.length - 1) {
    scaledValue /= step;
    unit += 1;
  }
  return `${mantissa(scaledValue, options?.locale)}${units[unit]}`;
}

const SI = ['', 'k', 'M', 'G', 'T', 'P'] as const;
const BYTES = [' B', ' kB', ' MB', ' GB', ' TB', ' PB'] as const;

/** A plain count with grouping separators: `formatCount(12345) → "12,345"`. */
export function formatCount(value: number, options?: FormatOptions): string {
  if (!Number.isFinite(value)) return PLACEHOLDER;
  return numberFormat(options?.locale, 0).format(value);
}

/** A compact count: `formatCompact(1234) → "1.2k"`. */
export function formatCompact(value: number, options?: FormatOptions): string {
  return scaled(value, 1000, SI, options);
}

/** Messages per second: `formatRate(1234) → "1.2k msg/s"`. */
export function formatRate(value: number, options?: FormatOptions): string {
  const text = scaled(value, 1000, SI, options);
  return text === PLACEHOLDER ? text : `${text} msg/s`;
}

/** Bytes in decimal (SI) units: `formatBytes(3_400_000) → "3.4 MB"`. */
export function formatBytes(value: number, options?: FormatOptions): string {
  return scaled(value, 1000, BYTES, options);
}

/** Bytes per second: `formatBytesRate(3_400_000) → "3.4 MB/s"`. */
export function formatBytesRate(value: number, options?: FormatOptions): string {
  const text = formatBytes(value, options);
  return text === PLACEHOLDER ? text : `${text}/s`;
}

/** Milliseconds: `formatMs(12.3) → "12 ms"`, `formatMs(0.42) → "0.42 ms"`, `formatMs(1500) → "1.5 s"`. */
export function formatMs(value: number, options?: FormatOptions): string {
  if (!Number.isFinite(value)) return PLACEHOLDER;
  if (Math.abs(value) >= 1000) return `${mantissa(value / 1000, options?.locale)} s`;
  const digits = value === 0 || Math.abs(value) >= 10 ? 0 : Math.abs(value) >= 1 ? 1 : 2;
  return `${numberFormat(options?.locale, digits).format(value)} ms`;
}

/**
 * A duration in seconds, two units at most: `formatDuration(200) → "3 min 20 s"`,
 * `formatDuration(Infinity) → "∞"`.
 */
export function formatDuration(seconds: number, options?: FormatOptions): string {
  if (Number.isNaN(seconds) || seconds < 0) return PLACEHOLDER;
  if (seconds === Infinity) return '∞';
  const n = (value: number) => formatCount(value, options);
  const total = Math.round(seconds);
  if (total < 60) return `${n(total)} s`;
  const parts: Array<[number, string]> = [
    [Math.floor(total / 86_400), 'd'],
    [Math.floor((total % 86_400) / 3600), 'h'],
    [Math.floor((total % 3600) / 60), 'min'],
    [total % 60, 's'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${n(value)} ${unit}`)
    .join(' ');
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** A wall-clock time of day for axes and feeds: `formatTime(ms) → "14:03:07"` (locale-dependent). */
export function formatTime(epochMs: number, options?: FormatOptions): string {
  if (!Number.isFinite(epochMs)) return PLACEHOLDER;
  const key = String(options?.locale);
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(options?.locale, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    timeFormats.set(key, format);
  }
  return format.format(epochMs);
}

/**
 * A count with its noun in the right number: `plural(1, 'topic') → "1 topic"`,
 * `plural(3, 'topic') → "3 topics"`, `plural(2, 'entry', 'entries') → "2 entries"`.
 */
export function plural(count: number, one: string, many = `${one}s`, options?: FormatOptions): string {
  return `${formatCount(count, options)} ${count === 1 ? one : many}`;
}
