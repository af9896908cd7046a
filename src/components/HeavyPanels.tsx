'use client';
import { memo } from 'react';
import type { Metrics, MetricsSample } from '../core/state.js';
import { ConsumerLagChart } from './ConsumerLagChart.js';
import { ConsumerLagTable } from './ConsumerLagTable.js';
import type { DashboardProps } from './Dashboard.js';
import { EventFeed } from './EventFeed.js';
import { LatencyChart } from './LatencyChart.js';
import { ThroughputChart } from './ThroughputChart.js';
import { TopicTable } from './TopicTable.js';

/** One tick as the heavy panels take it: its metrics and the window of history that goes with them. */
export interface PanelData {
  metrics: Metrics | null;
  windowed: MetricsSample[];
}

export type PanelOptions = Pick<
  DashboardProps,
  'chartWidth' | 'locale' | 'thresholds' | 'onThresholdCrossed' | 'topicEvents' | 'groupEvents'
>;

interface HeavyPanelsProps extends PanelOptions {
  data: PanelData;
  lagFocus: { filter: string; n: number };
}

/**
 * The charts, the tables and the event feed: most of a tick's rendering and layout (the feed itself
 * reads the events as they come, see below). Memoised, so the
 * urgent render of a tick (status, verdict, cluster health) skips them; they take the tick in a
 * low-priority render after the frame showing the numbers is painted (see useValueAfterPaint). The charts take it there too (each redraws only its live layer, see TimeSeriesChart), and
 * each panel shows one tick throughout.
 */
export const HeavyPanels = memo(function HeavyPanels(props: HeavyPanelsProps) {
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
