'use client';
import { memo } from 'react';
import { formatCount, formatDuration, formatCompact } from './format.js';
import type { LagRow } from './lagRows.js';
import type { LagTrend } from '../core/selectors.js';

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

function etaText(lag: number, eta: number, locale?: string): string {
  if (lag <= 0) return 'caught up';
  if (Number.isNaN(eta)) return '—';
  if (eta === Infinity) return 'not catching up';
  return `~${formatDuration(eta, { locale })}`;
}

export interface LagRowViewProps {
  row: LagRow;
  ariaRowIndex: number;
  onToggle: (key: string) => void;
  locale?: string;
}

/** One row of the consumer lag table; memoized so scrolling re-renders only rows entering view. */
export const LagRowView = memo(function LagRowView({ row, ariaRowIndex, onToggle, locale }: LagRowViewProps) {
  const options = { locale };
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
      ? `${formatCount(row.topicCount, options)} ${row.topicCount === 1 ? 'topic' : 'topics'}`
      : row.kind === 'topic'
        ? `${formatCount(row.partitionCount, options)} ${row.partitionCount === 1 ? 'partition' : 'partitions'}`
        : null;
  return (
    <tr
      className="takhin-row"
      aria-rowindex={ariaRowIndex}
      data-kind={row.kind}
      data-depth={row.depth}
      data-threshold={row.level}
    >
      <th
        scope="row"
        className="takhin-name"
        style={{ paddingInlineStart: `calc(${row.depth} * 1.25em + 0.5em)` }}
        title={row.kind === 'group' ? row.groupId : row.topic}
      >
        {name}
        {detail && <span className="takhin-detail"> {detail}</span>}
      </th>
      <td data-numeric="">{row.kind === 'partition' ? formatCount(row.currentOffset, options) : ''}</td>
      <td data-numeric="">{row.kind === 'partition' ? formatCount(row.logEndOffset, options) : ''}</td>
      <td data-numeric="" className="takhin-lag">
        {formatCount(row.lag, options)}
      </td>
      {row.consumeRate === null ? (
        <td data-numeric="" data-rate="unknown" title="Not known yet: needs two samples of committed offsets">
          —
        </td>
      ) : (
        <td data-numeric="" data-rate="known">
          {formatCompact(row.consumeRate, options)}
        </td>
      )}
      {row.kind === 'partition' ? <td /> : <TrendCell trend={row.trend} locale={locale} />}
      <td data-numeric="">{row.kind === 'partition' ? '' : etaText(row.lag, row.eta, locale)}</td>
    </tr>
  );
});
