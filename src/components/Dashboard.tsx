'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { LagAlert, LagAlertRule } from '../core/lagAlerts.js';
import type { GroupEvent, Metrics, MetricsSample, TakhinState, TopicEvent } from '../core/state.js';
import { useOptionalTakhinClient } from '../react/index.js';
import { ClusterHealth } from './ClusterHealth.js';
import { ConnectionStatus, connectionView } from './ConnectionStatus.js';
import type { ConnectionStatusValue } from './ConnectionStatus.js';
import { DashboardControls, TIME_WINDOWS } from './DashboardControls.js';
import { HeavyPanels } from './HeavyPanels.js';
import type { PanelData, PanelOptions } from './HeavyPanels.js';
import type { TimeWindow } from './DashboardControls.js';
import { LagAlertStrip } from './LagAlertStrip.js';
import type { LagThresholds } from './lagRows.js';
import { cx } from './cx.js';
import type { RootProps, ViewState } from './types.js';
import type { ThresholdCrossing } from './useThresholdAlerts.js';
import { useEvaluatedAlerts } from './useEvaluatedAlerts.js';
import { select } from '../core/selectors.js';
import { useSource } from '../react/context.js';
import { ConnectionOverrideContext } from './connectionOverride.js';
import { DEFAULT_LAG_THRESHOLDS } from './lagRows.js';
import { lagVerdict } from './lagVerdict.js';
import type { LagAlertStripProps } from './LagAlertStrip.js';
import { useDataAt, useDataStale } from './useDataAge.js';

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

/** The current state, for pausing: what is shown plus the events (read from the store, not subscribed to). */
type SnapshotProps = Pick<DashboardProps, 'topicEvents' | 'groupEvents' | 'defaultPaused'>;

function useSnapshot(props: SnapshotProps, liveMetrics: Metrics | null, liveHistory: MetricsSample[]) {
  const client = useOptionalTakhinClient();
  const capture = (): Snapshot => {
    const state = client?.store.getState();
    return {
      metrics: liveMetrics,
      history: liveHistory,
      topicEvents: props.topicEvents ?? state?.topicEvents ?? NONE,
      groupEvents: props.groupEvents ?? state?.groupEvents ?? NONE,
    };
  };
  const [snapshot, setSnapshot] = useState<Snapshot | null>(() => (props.defaultPaused ? capture() : null));
  const setPaused = (paused: boolean) => setSnapshot(paused ? capture() : null);
  const frozenAt = snapshot?.history[snapshot.history.length - 1]?.time ?? snapshot?.metrics?.receivedAt ?? 0;
  const pending = snapshot ? liveHistory.filter((sample) => sample.time > frozenAt).length : 0;
  return { snapshot, setPaused, frozenAt, pending };
}

/** The samples inside the chosen window, one array per history (so series memoised on it are reused). */
function useWindowed(history: MetricsSample[], timeWindow: TimeWindow): MetricsSample[] {
  const span = TIME_WINDOWS[timeWindow].ms;
  return useMemo(() => {
    const last = history[history.length - 1];
    return last ? history.filter((sample) => sample.time > last.time - span) : history;
  }, [history, span]);
}

/** Choosing an alert filters the lag table to its group (a new key remounts it) and scrolls to it. */
function useLagFocus() {
  const [lagFocus, setLagFocus] = useState({ filter: '', n: 0 });
  const lagArea = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (lagFocus.n > 0)
      lagArea.current?.querySelector('.takhin-area-lag')?.scrollIntoView?.({ block: 'nearest' });
  }, [lagFocus]);
  const focusGroup = useCallback(
    (groupId: string) => setLagFocus((focus) => ({ filter: groupId, n: focus.n + 1 })),
    [],
  );
  return { lagFocus, lagArea, focusGroup };
}

/** The verdict over the metrics shown (null before any), once per metrics object. */
function useVerdict(metrics: Metrics | null, windowed: MetricsSample[], thresholds?: LagThresholds) {
  const { warning, critical } = thresholds ?? DEFAULT_LAG_THRESHOLDS;
  return useMemo(
    () =>
      metrics &&
      lagVerdict({
        consumerLags: metrics.consumerLags,
        thresholds: { warning, critical },
        topics: metrics.topicStats,
        ratesKnown: metrics.ratesKnown,
        history: windowed,
      }),
    [metrics, windowed, warning, critical],
  );
}

/** Whether the data shown is fresh: from the `status` prop's last message when given, else the store's. */
function useFreshness(
  metrics: Metrics | null,
  status: ConnectionStatusValue | undefined,
  paused: boolean,
): LagAlertStripProps['freshness'] {
  const fromStore = useDataAt();
  const dataAt = (status ? status.lastMessageAt : fromStore) ?? metrics?.receivedAt ?? null;
  const stale = useDataStale(dataAt);
  if (paused) return 'paused';
  if (metrics === null) return 'none';
  return stale ? 'stale' : 'fresh';
}

function viewState(paused: boolean, metrics: Metrics | null, failed: boolean): ViewState {
  if (paused) return 'paused';
  if (metrics === null) return failed ? 'error' : 'loading';
  return metrics.topicStats.length === 0 && metrics.consumerLags.length === 0 ? 'empty' : 'live';
}

interface PanelsProps {
  /** What the cluster health tiles show: the latest tick. */
  data: PanelData;
  /** The element that carries `data-deferred` (see HeavyPanels). */
  rootRef: RefObject<HTMLDivElement | null>;
  snapshot: Snapshot | null;
  lagFocus: { filter: string; n: number };
  panel: PanelOptions;
}

/** The grid of panels, each fed from the dashboard's (live or frozen) view. */
function DashboardPanels({ data, rootRef, snapshot, lagFocus, panel }: PanelsProps) {
  const { locale, topicEvents, groupEvents } = panel;
  const metrics = data.metrics;
  return (
    <>
      <ClusterHealth
        className="takhin-area-health"
        data={metrics?.clusterHealth ?? null}
        connectionsReported={metrics?.connectionsReported}
        locale={locale}
      />
      <HeavyPanels
        data={data}
        rootRef={rootRef}
        lagFocus={lagFocus}
        chartWidth={panel.chartWidth}
        thresholds={panel.thresholds}
        onThresholdCrossed={panel.onThresholdCrossed}
        topicEvents={snapshot ? snapshot.topicEvents : topicEvents}
        groupEvents={snapshot ? snapshot.groupEvents : groupEvents}
        locale={locale}
      />
    </>
  );
}

/**
 * Everything at once: connection, a verdict strip (groups per level, the worst groups and how far
 * behind, stuck partitions, freshness, active alerts), cluster health, consumer lag over time,
 * throughput and latency charts, consumer lag, topics and recent events, in a grid that goes from one
 * column on a phone (lag table, lag chart and events first) to twelve tracks on a wide screen (lag chart
 * beside the events, the lag table left of topics, both as tall as the screen).
 * Pausing freezes a snapshot; resuming shows the current state (the store kept the history).
 * What the server does not measure (rates derived from offsets, latency, connections) each panel says
 * in words; `data-source` on the root carries `metrics.throughputSource`.
 * A tick is shown in two renders: the status, verdict and cluster health at once, then the charts
 * and tables in a low-priority (interruptible) render that starts once the frame with the
 * numbers is painted; `data-deferred` is on the root between the two, while the charts and tables
 * still show the tick before.
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
    defaultPaused,
    chartWidth,
    title = 'Takhin cluster',
    locale,
    theme,
    className,
    ...rest
  } = props;
  // The top level subscribes to metrics and history only: the event feed and the connection
  // indicator read the store themselves, so events and pongs do not re-render the whole dashboard.
  const liveMetrics = useSource(data, select.metrics) ?? null;
  const liveHistory = useSource(history, select.history) ?? NONE;
  const failed =
    useSource(status === undefined ? undefined : connectionView(status) === 'error', selectFailed) ?? false;
  const { snapshot, setPaused, frozenAt, pending } = useSnapshot(
    { topicEvents, groupEvents, defaultPaused },
    liveMetrics,
    liveHistory,
  );
  const [timeWindow, setTimeWindow] = useState<TimeWindow>(defaultWindow);
  const metrics = snapshot ? snapshot.metrics : liveMetrics;
  const windowed = useWindowed(snapshot ? snapshot.history : liveHistory, timeWindow);
  const shown = useMemo(() => ({ metrics, windowed }), [metrics, windowed]);
  const root = useRef<HTMLDivElement>(null);
  const evaluated = useEvaluatedAlerts(metrics, alerts ? undefined : alertRules);
  const { lagFocus, lagArea, focusGroup } = useLagFocus();
  const verdict = useVerdict(metrics, windowed, thresholds);
  const freshness = useFreshness(metrics, status, snapshot !== null);
  const override = useMemo(() => (status ? { connection: status, onRetry } : null), [status, onRetry]);
  // Set on the root for the stylesheet: a `:has()` rule looking for the indicator's state made every
  // style recalculation of the page check it.
  const stale = freshness === 'stale';

  return (
    <div
      {...rest}
      className={cx('takhin', 'takhin-dashboard', className)}
      data-theme={theme}
      data-state={viewState(snapshot !== null, metrics, failed)}
      data-window={timeWindow}
      data-source={metrics?.throughputSource ?? undefined}
      data-stale={stale ? '' : undefined}
      ref={root}
    >
      {/* Not <header>: at the top of a page that would be a second banner landmark beside the app's own. */}
      <div className="takhin-dashboard-header">
        <h2 className="takhin-dashboard-title">{title}</h2>
        <ConnectionStatus status={status} paused={snapshot !== null} onRetry={onRetry} locale={locale} />
        <DashboardControls
          paused={snapshot !== null}
          onPausedChange={setPaused}
          timeWindow={timeWindow}
          onTimeWindowChange={setTimeWindow}
          frozenAt={frozenAt}
          pending={pending}
          locale={locale}
        />
      </div>
      <LagAlertStrip
        alerts={alerts ?? evaluated}
        verdict={verdict}
        freshness={freshness}
        onGroupSelect={focusGroup}
        onAlertSelect={(alert) => focusGroup(alert.groupId)}
        locale={locale}
      />
      <ConnectionOverrideContext.Provider value={override}>
        <div className="takhin-dashboard-grid" ref={lagArea}>
          <DashboardPanels
            data={shown}
            rootRef={root}
            snapshot={snapshot}
            lagFocus={lagFocus}
            panel={{ chartWidth, locale, thresholds, onThresholdCrossed, topicEvents, groupEvents }}
          />
        </div>
      </ConnectionOverrideContext.Provider>
    </div>
  );
}
