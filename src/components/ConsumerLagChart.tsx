'use client';
import { memo, useCallback, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { MetricsSample } from '../core/state.js';
import { useTrackGroupLag } from '../react/useTrackGroupLag.js';
import { scaledUnit } from './axisTicks.js';
import { NO_HISTORY, spanText } from './chartData.js';
import { formatCompact, formatCount } from './format.js';
import { lagChartModel } from './lagChartData.js';
import { DEFAULT_LAG_THRESHOLDS } from './lagRows.js';
import type { LagThresholds } from './lagRows.js';
import { StateMessage } from './StateMessage.js';
import { TimeSeriesChart } from './TimeSeriesChart.js';
import type { ReferenceValue, Series } from './TimeSeriesChart.js';
import { cx } from './cx.js';
import type { RootProps } from './types.js';
import { select } from '../core/selectors.js';
import { useSource } from '../react/context.js';
import { WaitingForMetrics } from './WaitingForMetrics.js';

export interface ConsumerLagChartProps extends RootProps {
  /**
   * Samples to plot, oldest first (the window shown). Wins over the provider's store.
   * @default the store's history
   */
  history?: MetricsSample[];
  /**
   * The group whose topics are drawn instead of the top groups; `null` for the overview. Given, it
   * controls the chart (pair it with `onGroupChange`).
   * @default undefined — the chart keeps its own choice, starting with the overview
   */
  group?: string | null;
  /**
   * Called when a legend entry chooses a group, or "All groups" goes back (`null`).
   * @default undefined
   */
  onGroupChange?: (group: string | null) => void;
  /**
   * How many groups (or topics of the chosen group) get a line, highest current lag first.
   * @default 5
   */
  top?: number;
  /**
   * Lag levels drawn as reference lines (when the axis reaches them).
   * @default { warning: 1000, critical: 10000 }
   */
  thresholds?: LagThresholds;
  /**
   * Fixed width, px; without it the chart fills its container.
   * @default undefined
   */
  width?: number;
  /**
   * Height of the chart, px.
   * @default 220
   */
  height?: number;
  /**
   * Title above the chart.
   * @default 'Consumer lag over time'
   */
  title?: string;
  /** Locale for numbers and times. @default the runtime's */
  locale?: string;
}

interface LegendProps {
  series: readonly Series[];
  group: string | null;
  onChoose: (group: string | null) => void;
}

/**
 * The chart's legend as one toolbar (one Tab stop, arrow keys move between entries): in the overview
 * each group entry opens that group's topics; with a group open, "All groups" goes back.
 */
function LagLegend({ series, group, onChoose }: LegendProps) {
  const entries = group === null ? series.slice(1) : [];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0;
    if (step === 0) return;
    event.preventDefault();
    const buttons = [...event.currentTarget.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(at + step + buttons.length) % buttons.length]?.focus();
  };
  return (
    <div className="takhin-legend" role="toolbar" aria-label="Lines" onKeyDown={onKeyDown}>
      {group !== null && (
        <button type="button" className="takhin-button" onClick={() => onChoose(null)}>
          ← All groups
        </button>
      )}
      {(group === null ? series.slice(0, 1) : series).map((s) => (
        <span key={s.key} className="takhin-legend-item" data-dashed={s.dash ? '' : undefined}>
          <span className="takhin-swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.name}
        </span>
      ))}
      {entries.map((s, i) => (
        <button
          key={s.key}
          type="button"
          className="takhin-legend-item takhin-legend-button"
          tabIndex={i === 0 ? 0 : -1}
          aria-label={`Show the topics of ${s.name}`}
          onClick={() => onChoose(s.name)}
        >
          <span className="takhin-swatch" style={{ background: s.color }} aria-hidden="true" />
          {s.name}
        </button>
      ))}
    </div>
  );
}

/**
 * Consumer lag over the window: the total and the top N groups by current lag (one line each,
 * re-ranked on every sample), warning and critical levels as reference lines, values in the tooltip.
 * Choosing a group in the legend (or the `group` prop) draws that group's topics instead; inside a
 * provider the group is then tracked, so its topics' lags fill in from the next sample on. Lines break
 * where samples are missing (an outage). Memoised.
 */
export const ConsumerLagChart = memo(function ConsumerLagChart(props: ConsumerLagChartProps) {
  const {
    history: historyProp,
    group: groupProp,
    onGroupChange,
    top = 5,
    thresholds = DEFAULT_LAG_THRESHOLDS,
    width,
    height = 220,
    title = 'Consumer lag over time',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const history = useSource(historyProp, select.history) ?? NO_HISTORY;
  const [ownGroup, setOwnGroup] = useState<string | null>(null);
  const group = groupProp === undefined ? ownGroup : groupProp;
  const choose = useCallback(
    (next: string | null) => {
      setOwnGroup(next);
      onGroupChange?.(next);
    },
    [onGroupChange],
  );
  useTrackGroupLag(historyProp === undefined ? group : null);
  const model = useMemo(() => lagChartModel(history, top, group ?? undefined), [history, top, group]);
  const { warning, critical } = thresholds;
  const references = useMemo<ReferenceValue[]>(
    () => [
      { value: warning, label: 'warning', color: 'var(--takhin-warning)' },
      { value: critical, label: 'critical', color: 'var(--takhin-critical)' },
    ],
    [warning, critical],
  );
  const latest = history[history.length - 1];
  const peak = useMemo(() => {
    let max = 0;
    for (const point of model.data) for (const s of model.series) max = Math.max(max, point[s.key] ?? 0);
    return max;
  }, [model]);
  // A level close above the data is drawn (the axis reaches it); far above, it would flatten the lines.
  const include = useMemo(
    () => [warning, critical].filter((level) => level <= peak * 2),
    [warning, critical, peak],
  );
  const format = useCallback((value: number) => formatCompact(value, { locale }), [locale]);
  const lagAxis = useCallback(
    (top: number) => scaledUnit(top, 1000, ['messages', 'k messages', 'M messages', 'G messages'], locale),
    [locale],
  );
  const options = { locale };

  const state = !latest ? 'loading' : latest.groupLag.keys.length === 0 ? 'empty' : 'live';
  const lines = model.names.length;
  const summary =
    state === 'live'
      ? `${group === null ? 'Total consumer lag' : `Lag of ${group}`} over ${spanText(history, locale)}: ` +
        `${formatCount(model.data[model.data.length - 1]?.total ?? 0, options)} messages now; ` +
        `${lines} ${group === null ? 'top groups' : 'topics'}: ${model.names.join(', ')}. ` +
        `Warning at ${formatCount(warning, options)}, critical at ${formatCount(critical, options)}.`
      : '';

  return (
    <section
      {...rest}
      className={cx('takhin', 'takhin-panel', 'takhin-lag-chart', className)}
      data-theme={theme}
      data-state={state}
      data-group={group ?? undefined}
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{group === null ? title : `${title}: ${group}`}</h2>
        {state === 'live' && <span className="takhin-unit">messages · dashed: total</span>}
      </header>
      {state === 'loading' && <WaitingForMetrics />}
      {state === 'empty' && (
        <StateMessage kind="empty">No consumer groups have committed offsets yet.</StateMessage>
      )}
      {state === 'live' && (
        <>
          <TimeSeriesChart
            data={model.data}
            series={model.series}
            formatValue={format}
            axisUnit={lagAxis}
            summary={summary}
            width={width}
            height={height}
            locale={locale}
            references={references}
            include={include}
            legend={false}
          />
          <LagLegend series={model.series} group={group} onChoose={choose} />
          {group !== null && lines === 0 && (
            <p className="takhin-note">
              No topic lag recorded for {group} yet: it fills in from the next sample.
            </p>
          )}
        </>
      )}
    </section>
  );
});
