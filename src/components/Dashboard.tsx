'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LagAlert, LagAlertRule } from '../core/lagAlerts.js';
import type { GroupEvent, Metrics, MetricsSample, TakhinState, TopicEvent } from '../core/state.js';
import { useOptionalTakhinClient } from '../react/index.js';
import { ClusterHealth } from './ClusterHealth.js';
import { ConnectionStatus, connectionView } from './ConnectionStatus.js';
import type { ConnectionStatusValue } from './ConnectionStatus.js';
import { ConsumerLagTable } from './ConsumerLagTable.js';
import { DashboardControls, TIME_WINDOWS } from './DashboardControls.js';
import type { TimeWindow } from './DashboardControls.js';
import { EventFeed } from './EventFeed.js';
import { LagAlertStrip } from './LagAlertStrip.js';
import type { LagThresholds } from './lagRows.js';
import { LatencyChart } from './LatencyChart.js';
import { ThroughputChart } from './ThroughputChart.js';
import { TopicTable } from './TopicTable.js';
import { cx } from './cx.js';
import type { RootProps, ViewState } from './types.js';
import type { ThresholdCrossing } from './useThresholdAlerts.js';
import { useEvaluatedAlerts } from './useEvaluatedAlerts.js';
import { select } from '../core/selectors.js';
import { useSource } from '../react/useTakhinStore.js';

interface Snapshot {
  metrics: Metrics | null;
  history: MetricsSample[];
  topicEvents: TopicEvent[];
  groupEvents: GroupEvent[];
}

const NONE: never[] = [];

/** Whether the connection failed for good: a boolean, so other connection changes do not re-render. */
const selectFailed = (state: TakhinState): boolean => connectionView(state.connection) === 'error';

export interface DashboardProps extends RootProps {
  /**
   * Latest metrics; `null` means "none yet". Wins over the provider's store.
   * @default the store's `metrics`
   */
  data?: Metrics | null;
  /**
   * Metrics history, oldest first. Wins over the provider's store.
   * @default the store's `history`
   */
  history?: MetricsSample[];
  /** Topic events, oldest first. @default the store's `topicEvents` */
  topicEvents?: TopicEvent[];
  /** Group events, oldest first. @default the store's `groupEvents` */
  groupEvents?: GroupEvent[];
  /** Connection to show. @default the store's `connection` */
  status?: ConnectionStatusValue;
  /** Called by "Retry now". @default the provider client's `reconnect()` */
  onRetry?: () => void;
  /**
   * Lag levels for the consumer lag table.
   * @default { warning: 1000, critical: 10000 }
   */
  thresholds?: LagThresholds;
  /**
   * Called once each time a group's or topic's lag rises into a higher level.
   * @default undefined
   */
  onThresholdCrossed?: (crossing: ThresholdCrossing) => void;
  /**
   * Lag alert rules evaluated over the metrics shown; their active alerts form a strip at the top.
   * @default undefined — no strip
   */
  alertRules?: readonly LagAlertRule[];
  /**
   * Active alerts to show in the strip instead (e.g. from `useLagAlerts`); wins over `alertRules`.
   * @default undefined
   */
  alerts?: readonly LagAlert[];
  /**
   * Initial span of history the charts show.
   * @default '5m'
   */
  defaultWindow?: TimeWindow;
  /**
   * Start paused (showing the data present at mount).
   * @default false
   */
  defaultPaused?: boolean;
  /**
   * Fixed width of each chart, px; without it charts fill their grid cell.
   * @default undefined
   */
  chartWidth?: number;
  /**
   * Heading of the dashboard.
   * @default 'Takhin cluster'
   */
  title?: string;
  /** Locale for numbers and times. @default the runtime's */
  locale?: string;
}

/**
 * Everything at once: connection, cluster health, throughput and latency charts, topics, consumer
 * lag and recent events, in a grid that goes from one column on a phone to three on a wide screen.
 * Pausing freezes a snapshot; resuming shows the current state (the store kept the history).
 * What the server does not measure (rates derived from offsets, latency, connections) each panel says
 * in words; `data-source` on the root carries `metrics.throughputSource`.
 */
export function Dashboard(props: DashboardProps) {
  const {
    data,
    history,
    topicEvents,
    groupEvents,
    status,
    onRetry,
    thresholds,
    onThresholdCrossed,
    alertRules,
    alerts,
    defaultWindow = '5m',
    defaultPaused = false,
    chartWidth,
    title = 'Takhin cluster',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const client = useOptionalTakhinClient();
  // The top level subscribes to metrics and history only: the event feed and the connection
  // indicator read the store themselves, so events and pongs do not re-render the whole dashboard.
  const liveMetrics = useSource(data, select.metrics) ?? null;
  const liveHistory = useSource(history, select.history) ?? NONE;
  const failed =
    useSource(status === undefined ? undefined : connectionView(status) === 'error', selectFailed) ?? false;
  /** The current state, read when pausing (events straight from the store, not subscribed to). */
  const capture = (): Snapshot => {
    const state = client?.store.getState();
    return {
      metrics: liveMetrics,
      history: liveHistory,
      topicEvents: topicEvents ?? state?.topicEvents ?? NONE,
      groupEvents: groupEvents ?? state?.groupEvents ?? NONE,
    };
  };
  const [snapshot, setSnapshot] = useState<Snapshot | null>(() => (defaultPaused ? capture() : null));
  const [timeWindow, setTimeWindow] = useState<TimeWindow>(defaultWindow);
  const viewMetrics = snapshot ? snapshot.metrics : liveMetrics;
  const viewHistory = snapshot ? snapshot.history : liveHistory;

  const span = TIME_WINDOWS[timeWindow].ms;
  const windowed = useMemo(() => {
    const last = viewHistory[viewHistory.length - 1];
    return last ? viewHistory.filter((sample) => sample.time > last.time - span) : viewHistory;
  }, [viewHistory, span]);

  const evaluated = useEvaluatedAlerts(viewMetrics, alerts ? undefined : alertRules);
  // Choosing an alert filters the lag table to its group: a new key remounts the table with that filter.
  const [lagFocus, setLagFocus] = useState({ filter: '', n: 0 });
  const lagArea = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (lagFocus.n > 0)
      lagArea.current?.querySelector('.takhin-area-lag')?.scrollIntoView?.({ block: 'nearest' });
  }, [lagFocus]);

  const frozenAt = snapshot?.history[snapshot.history.length - 1]?.time ?? snapshot?.metrics?.receivedAt ?? 0;
  const pending = snapshot ? liveHistory.filter((sample) => sample.time > frozenAt).length : 0;
  const metrics = viewMetrics;
  const isEmpty = metrics !== null && metrics.topicStats.length === 0 && metrics.consumerLags.length === 0;
  const state: ViewState = snapshot
    ? 'paused'
    : metrics === null
      ? failed
        ? 'error'
        : 'loading'
      : isEmpty
        ? 'empty'
        : 'live';

  return (
    <div
      {...rest}
      className={cx('takhin', 'takhin-dashboard', className)}
      data-theme={theme}
      data-state={state}
      data-window={timeWindow}
      data-source={metrics?.throughputSource ?? undefined}
    >
      {/* Not <header>: at the top of a page that would be a second banner landmark beside the app's own. */}
      <div className="takhin-dashboard-header">
        <h2 className="takhin-dashboard-title">{title}</h2>
        <ConnectionStatus status={status} paused={snapshot !== null} onRetry={onRetry} locale={locale} />
        <DashboardControls
          paused={snapshot !== null}
          onPausedChange={(paused) => setSnapshot(paused ? capture() : null)}
          timeWindow={timeWindow}
          onTimeWindowChange={setTimeWindow}
          frozenAt={frozenAt}
          pending={pending}
          locale={locale}
        />
      </div>
      <LagAlertStrip
        alerts={alerts ?? evaluated}
        onAlertSelect={(alert) => setLagFocus((focus) => ({ filter: alert.groupId, n: focus.n + 1 }))}
        locale={locale}
      />
      <div className="takhin-dashboard-grid" ref={lagArea}>
        <ClusterHealth
          className="takhin-area-health"
          data={metrics?.clusterHealth ?? null}
          connectionsReported={metrics?.connectionsReported}
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
        <TopicTable
          className="takhin-area-topics"
          data={metrics?.topicStats ?? null}
          ratesKnown={metrics?.ratesKnown}
          source={metrics?.throughputSource}
          known={metrics?.throughputKnown}
          locale={locale}
        />
        <ConsumerLagTable
          key={lagFocus.n}
          defaultFilter={lagFocus.filter}
          className="takhin-area-lag"
          data={metrics?.consumerLags ?? null}
          history={viewHistory}
          thresholds={thresholds}
          onThresholdCrossed={onThresholdCrossed}
          locale={locale}
        />
        <EventFeed
          className="takhin-area-events"
          topicEvents={snapshot ? snapshot.topicEvents : topicEvents}
          groupEvents={snapshot ? snapshot.groupEvents : groupEvents}
          locale={locale}
        />
      </div>
    </div>
  );
}
