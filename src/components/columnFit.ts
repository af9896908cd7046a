/**
 * Column widths for the virtualized tables. Rows have a fixed height and the layout is fixed (rows
 * must not change height or shift columns as they scroll in), so each number column is given the width
 * of its widest value up front and is never cut; what does not fit the panel is left out, lowest
 * priority first, and the name column takes what remains (names are the only text ever shortened).
 */

/** How one column asks for room. */
export interface ColumnNeed {
  key: string;
  label: string;
  /** The widest text a cell of the column holds (digits count as the widest digit). */
  sample?: string;
  /** A fixed content width, px (a sparkline). */
  fixed?: number;
  /** Shown only while there is room, higher kept longer; undefined = always shown. */
  priority?: number;
  /** Whether the header carries a sort mark. */
  sortable?: boolean;
}

export interface ColumnFit {
  /** Keys of the columns shown, in order. */
  shown: string[];
  /** Keys left out for lack of room. */
  dropped: string[];
  /** Width per shown column, px; the first (name) column is absent: it takes the rest. */
  widths: Record<string, number>;
  /** Width the table needs at least, px. */
  minWidth: number;
}

/** Padding of a cell (8 px each side) plus a little slack for rounding and font differences. */
const CELL_PADDING = 20;
/** The sort mark and its gap. */
const SORT_MARK = 14;
/** The least the name column gets before other columns are left out. */
export const NAME_MIN_WIDTH = 150;

export type Measure = (text: string, kind: 'cell' | 'header') => number;

/** Text width estimate when no canvas is at hand (tests without layout, server rendering). */
export const estimate: Measure = (text, kind) => text.length * (kind === 'cell' ? 9 : 7.5);

let context: CanvasRenderingContext2D | null | undefined;

/**
 * Measures text with a canvas in the table's font: bold body text (a critical lag is bold) and the
 * header's 12 px semibold. Falls back to {@link estimate} where there is no canvas.
 */
export function canvasMeasure(element: Element | null): Measure {
  if (element === null || typeof document === 'undefined' || typeof ResizeObserver === 'undefined')
    return estimate;
  if (context === undefined) context = document.createElement('canvas').getContext('2d');
  const ctx = context;
  if (!ctx) return estimate;
  const style = getComputedStyle(element);
  const family = style.fontFamily || 'system-ui, sans-serif';
  const size = parseFloat(style.fontSize) || 14;
  return (text, kind) => {
    ctx.font = kind === 'cell' ? `700 ${size}px ${family}` : `600 ${Math.round(size * 0.86)}px ${family}`;
    return ctx.measureText(text).width;
  };
}

/** Every digit as 0 (tabular digits are one width), so a width changes only when the digit count does. */
export const digitsAsZero = (text: string) => text.replace(/\d/g, '0');

function headerWidth(label: string, sortable: boolean, measure: Measure): number {
  // A header may wrap onto two lines: it needs its longest word, or half the label, whichever is wider.
  const words = label.split(/\s+/);
  const longest = Math.max(...words.map((word) => measure(word, 'header')));
  const half = measure(label, 'header') / 2 + measure('m', 'header');
  return Math.max(longest, Math.min(half, measure(label, 'header'))) + (sortable ? SORT_MARK : 0);
}

/** Width one column needs, px. */
export function columnWidth(column: ColumnNeed, measure: Measure): number {
  const content =
    column.fixed ?? (column.sample === undefined ? 0 : measure(digitsAsZero(column.sample), 'cell'));
  return Math.ceil(
    Math.max(content, headerWidth(column.label, column.sortable !== false, measure)) + CELL_PADDING,
  );
}

/**
 * Which columns fit in `available` px and how wide each is. The first column is the name column; the
 * others are dropped in rising priority until the rest fits (or only the always-shown ones are left,
 * and the table scrolls sideways inside its own box). `available` null means "not measured yet": all
 * columns are shown.
 */
export function fitColumns(
  columns: readonly ColumnNeed[],
  available: number | null,
  measure: Measure,
): ColumnFit {
  const widths: Record<string, number> = {};
  for (const column of columns.slice(1)) widths[column.key] = columnWidth(column, measure);
  const nameMin = Math.max(NAME_MIN_WIDTH, Math.ceil(headerWidth(columns[0]?.label ?? '', true, measure)));
  const kept = new Set(columns.map((c) => c.key));
  const total = () =>
    nameMin + columns.slice(1).reduce((sum, c) => sum + (kept.has(c.key) ? widths[c.key] : 0), 0);
  const droppable = columns
    .slice(1)
    .filter((c) => c.priority !== undefined)
    .sort((a, b) => a.priority! - b.priority!);
  const dropped: string[] = [];
  if (available !== null)
    for (const column of droppable) {
      if (total() <= available) break;
      kept.delete(column.key);
      dropped.push(column.key);
    }
  for (const key of dropped) delete widths[key];
  return {
    shown: columns.filter((c) => kept.has(c.key)).map((c) => c.key),
    dropped,
    widths,
    minWidth: total(),
  };
}
