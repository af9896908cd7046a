'use client';
import { memo, useLayoutEffect } from 'react';
import type { RefObject } from 'react';
import type { Metrics, MetricsSample } from '../core/state.js';
import { ConsumerLagChart } from './ConsumerLagChart.js';
import { ConsumerLagTable } from './ConsumerLagTable.js';
import type { DashboardProps } from './Dashboard.js';
import { EventFeed } from './EventFeed.js';
import { LatencyChart } from './LatencyChart.js';
import { ThroughputChart } from './ThroughputChart.js';
import { TopicTable } from './TopicTable.js';
import { useValueAfterPaint } from './useValueAfterPaint.js';

/** One tick as the heavy panels take it: its metrics and the window of history that goes with them. */
export interface PanelData {
  metrics: Metrics | null;
  windowed: MetricsSample[];
}

export type PanelOptions = Pick<
  DashboardProps,
  'chartWidth' | 'locale' | 'thresholds' | 'onThresholdCrossed' | 'topicEvents' | 'groupEvents'
>;

interface PanelsProps extends PanelOptions {
  data: PanelData;
  lagFocus: { filter: string; n: number };
}

interface HeavyPanelsProps extends PanelsProps {
  /** The element that carries `data-deferred` while the panels show an older tick than `data`. */
  rootRef: RefObject<HTMLElement | null>;
}

/**
 * The charts, the tables and the event feed, a tick behind the rest of the Dashboard for one painted
 * frame: they take `data` in a low-priority render once the frame showing its numbers is painted (see
 * useValueAfterPaint; not merely after its commit, as a render started at once would run in slices
 * before that frame and delay its paint), and `data-deferred` is on `rootRef`'s element in between.
 * Only this component and the panels re-render then, not the Dashboard around them.
 */
export const HeavyPanels = memo(function HeavyPanels({ data, rootRef, ...rest }: HeavyPanelsProps) {
  const shown = useValueAfterPaint(data);
  const behind = shown !== data;
  // Set in the commits that change it, so the attribute and what the panels show never disagree.
  useLayoutEffect(() => {
    rootRef.current?.toggleAttribute('data-deferred', behind);
  }, [behind, rootRef]);
  return <Panels data={shown} {...rest} />;
});

/**
 * The panels themselves: most of a tick's rendering and layout (the feed reads the events as they
 * come, see below). Memoised, so the urgent render of a tick skips them; each shows one tick
 * throughout (the charts redraw only their live layer, see TimeSeriesChart).
 */
const Panels = memo(function Panels(props: PanelsProps) {
  const { data, lagFocus, chartWidth, thresholds, onThresholdCrossed, topicEvents, groupEvents, locale } =
    props;
  const { metrics, windowed } = data;
  const rates = metrics?.ratesKnown ? metrics.topicStats : null;
  return (
    <>
      <ConsumerLagChart
        className="takhin-area-lagchart"
        history={windowed}
        thresholds={thresholds}
        width={chartWidth}
        locale={locale}
      />
      <ThroughputChart
        className="takhin-area-throughput"
        history={windowed}
        ratesKnown={metrics?.ratesKnown}
        source={metrics?.throughputSource}
        known={metrics?.throughputKnown}
        width={chartWidth}
        locale={locale}
      />
      <LatencyChart
        className="takhin-area-latency"
        history={windowed}
        estimated={metrics?.latencyEstimated ?? false}
        reported={metrics?.latencyReported}
        width={chartWidth}
        locale={locale}
      />
      <ConsumerLagTable
        key={lagFocus.n}
        defaultFilter={lagFocus.filter}
        className="takhin-area-lag"
        data={metrics?.consumerLags ?? null}
        history={windowed}
        topics={rates}
        thresholds={thresholds}
        onThresholdCrossed={onThresholdCrossed}
        locale={locale}
      />
      <TopicTable
        className="takhin-area-topics"
        data={metrics?.topicStats ?? null}
        ratesKnown={metrics?.ratesKnown}
        source={metrics?.throughputSource}
        known={metrics?.throughputKnown}
        lags={metrics?.consumerLags ?? null}
        history={windowed}
        locale={locale}
      />
      {/* The feed reads the events as they come, in the commit that brings them: it is a few dozen
          rows, and deferring it made a burst of events cost two commits per frame instead of one. */}
      <EventFeed
        className="takhin-area-events"
        topicEvents={topicEvents}
        groupEvents={groupEvents}
        locale={locale}
      />
    </>
  );
});
