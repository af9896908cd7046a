'use client';
import { memo } from 'react';
import { lagSeries } from '../core/lagSeries.js';
import type { LagSeries } from '../core/lagSeries.js';
import type { MetricsSample } from '../core/state.js';
import { formatCount, formatDuration, formatCompact, formatTime, plural } from './format.js';
import type { LagRow } from './lagRows.js';
import type { LagTrend } from '../core/selectors.js';
import { Sparkline } from './Sparkline.js';
import type { TimeBehind } from './timeBehind.js';

const ARROWS = { growing: '↑', shrinking: '↓', steady: '→', unknown: '' } as const;

function TrendCell({ trend, locale }: { trend: LagTrend; locale?: string }) {
  if (trend.direction === 'unknown') return <td data-numeric="">—</td>;
  const rate = formatCompact(Math.abs(trend.slopePerSec), { locale });
  return (
    <td data-numeric="" data-trend={trend.direction} title={`Lag ${trend.direction}`}>
      <span aria-hidden="true">{ARROWS[trend.direction]} </span>
      <span className="takhin-sr">{trend.direction}, </span>
      {trend.direction === 'steady' ? 'steady' : `${rate}/s`}
    </td>
  );
}

/**
 * When the lag last rose to `warning` and stayed there, from the series; `before` when it already was
 * at the start of the window (so the true start is earlier).
 */
function aboveSince(series: LagSeries, warning: number): { time: number; before: boolean } | null {
  const { values, times } = series;
  let i = values.length;
  while (i > 0 && values[i - 1] >= warning) i--;
  return i === values.length ? null : { time: times[i], before: i === 0 };
}

/**
 * The catch-up cell in words. Not shrinking is "keeping up" while steady below the warning level,
 * "falling behind" while growing below it, and "not catching up" at or above it, with since when in the
 * title (the cell stays short enough for its column on a narrow screen).
 */
export function etaText(
  row: LagRow & { eta: number },
  series: LagSeries | null,
  warning: number,
  locale?: string,
): { text: string; title?: string } {
  const { lag, eta } = row;
  if (lag <= 0) return { text: 'caught up' };
  if (Number.isNaN(eta)) return { text: '—', title: 'Unknown: the trend needs two samples' };
  if (eta !== Infinity) {
    const text = `~${formatDuration(eta, { locale })}`;
    return { text, title: `Catches up in ${text.slice(1)} at the trend over the last samples (estimate)` };
  }
  if (lag < warning)
    return {
      text: row.kind !== 'partition' && row.trend.direction === 'growing' ? 'falling behind' : 'keeping up',
    };
  const since = series && aboveSince(series, warning);
  return {
    text: 'not catching up',
    title: since
      ? `Not catching up since ${since.before ? 'before ' : ''}${formatTime(since.time, { locale })}`
      : 'Not catching up',
  };
}

/** The catch-up cell; its title holds since when, or how the estimate is made. */
function EtaCell({ text, title }: { text: string; title?: string }) {
  return (
    <td data-numeric="" title={title ?? text}>
      {text}
    </td>
  );
}

const BEHIND_TITLE =
  'Estimate: lag ÷ the produce rate of the topics read (age of the oldest unconsumed message)';

function BehindCell({ behind, locale }: { behind: TimeBehind; locale?: string }) {
  return Number.isNaN(behind.seconds) ? (
    <td data-numeric="" data-behind="unknown" title={behind.why}>
      —
    </td>
  ) : (
    <td data-numeric="" data-behind="known" title={BEHIND_TITLE}>
      {behind.seconds > 0 && behind.seconds < 1 ? '< 1 s' : `~${formatDuration(behind.seconds, { locale })}`}
    </td>
  );
}

export interface LagRowViewProps {
  row: LagRow;
  ariaRowIndex: number;
  onToggle: (key: string) => void;
  /** Samples the sparkline draws (the window shown). */
  history: readonly MetricsSample[];
  /** Lag from which "not catching up" replaces "keeping up". */
  warning: number;
  /** Keys of the columns shown (the others are left out at this width or level). */
  shown: ReadonlySet<string>;
  locale?: string;
}

const LEVEL_MARK = { warning: '⚠\uFE0E', critical: '✖' } as const;

/** One row of the consumer lag table; memoized so scrolling re-renders only rows entering view. */
export const LagRowView = memo(function LagRowView(props: LagRowViewProps) {
  const { row, ariaRowIndex, onToggle, history, warning, shown, locale } = props;
  const options = { locale };
  // Only rendered rows get here, so only rows in view compute a series (memoised per history).
  const series =
    row.kind === 'partition'
      ? null
      : lagSeries(history, row.groupId, row.kind === 'topic' ? row.topic : undefined);
  const name =
    row.kind === 'partition' ? (
      <span className="takhin-leaf">Partition {row.partition}</span>
    ) : (
      <button
        type="button"
        className="takhin-disclosure"
        aria-expanded={row.expanded}
        onClick={() => onToggle(row.key)}
      >
        <span aria-hidden="true" className="takhin-chevron">
          {row.expanded ? '▾' : '▸'}
        </span>
        <span className="takhin-name-text">{row.kind === 'group' ? row.groupId : row.topic}</span>
      </button>
    );
  const detail =
    row.kind === 'group'
      ? plural(row.topicCount, 'topic', 'topics', options)
      : row.kind === 'topic'
        ? plural(row.partitionCount, 'partition', 'partitions', options)
        : null;
  const offsets =
    row.kind === 'partition'
      ? `Committed offset ${formatCount(row.currentOffset, options)}, log-end offset ${formatCount(row.logEndOffset, options)}`
      : undefined;
  const level = row.level;
  return (
    <tr
      className="takhin-row"
      aria-rowindex={ariaRowIndex}
      data-kind={row.kind}
      data-depth={row.depth}
      data-threshold={level}
      title={offsets}
    >
      <th
        scope="row"
        className="takhin-name"
        style={{ paddingInlineStart: `calc(${row.depth} * 1.25em + 0.5em)` }}
        title={row.kind === 'group' ? row.groupId : row.kind === 'topic' ? row.topic : offsets}
      >
        <span className="takhin-name-line">
          {name}
          {detail && <span className="takhin-detail">{detail}</span>}
        </span>
      </th>
      {shown.has('currentOffset') && (
        <td data-numeric="">{row.kind === 'partition' ? formatCount(row.currentOffset, options) : ''}</td>
      )}
      {shown.has('logEndOffset') && (
        <td data-numeric="">{row.kind === 'partition' ? formatCount(row.logEndOffset, options) : ''}</td>
      )}
      <td data-numeric="" className="takhin-lag">
        {level && (
          <>
            <span aria-hidden="true" className="takhin-level-mark">
              {LEVEL_MARK[level]}{' '}
            </span>
            <span className="takhin-sr">{level}: </span>
          </>
        )}
        {formatCount(row.lag, options)}
      </td>
      {shown.has('spark') && (
        <td className="takhin-spark-cell">
          {series && (
            <Sparkline
              values={series.values}
              label={`Lag of ${row.kind === 'topic' ? row.topic : row.groupId} over the window`}
            />
          )}
        </td>
      )}
      {shown.has('consumeRate') &&
        (row.consumeRate === null ? (
          <td
            data-numeric=""
            data-rate="unknown"
            title="Not known yet: needs two samples of committed offsets"
          >
            —
          </td>
        ) : (
          <td data-numeric="" data-rate="known">
            {formatCompact(row.consumeRate, options)}
          </td>
        ))}
      {shown.has('behind') &&
        (row.kind === 'partition' ? <td /> : <BehindCell behind={row.behind} locale={locale} />)}
      {shown.has('trend') &&
        (row.kind === 'partition' ? <td /> : <TrendCell trend={row.trend} locale={locale} />)}
      {shown.has('eta') &&
        (row.kind === 'partition' ? <td /> : <EtaCell {...etaText(row, series, warning, locale)} />)}
    </tr>
  );
});
