'use client';
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { TakhinClientOptions } from '../core/options.js';
import type { Dialect } from '../core/protocol.js';
import type { Metrics, MetricsSample, TakhinState } from '../core/state.js';
import { TakhinProvider } from '../react/index.js';
import { DEFAULT_LAG_THRESHOLDS } from './ConsumerLagTable.js';
import { connectionView } from './ConnectionStatus.js';
import type { ConnectionStatusValue } from './ConnectionStatus.js';
import { formatCompact, formatCount } from './format.js';
import { levelOf } from './lagRows.js';
import type { LagThresholds } from './lagRows.js';
import { cx } from './cx.js';
import type { RootProps } from './types.js';
import { useSource } from '../react/context.js';

/** What one card shows, when given instead of read from a provider (stories, tests, server data). */
export interface ClusterCardData {
  connection: ConnectionStatusValue;
  metrics: Metrics | null;
  history?: readonly MetricsSample[];
}

/** One cluster of the overview. */
export interface ClusterOverviewCluster {
  /** Shown on the card and passed to `onSelect`; unique among the clusters. */
  name: string;
  /** The cluster's monitoring WebSocket; each cluster gets its own provider, client and store. */
  url?: string;
  /** @default 'takhin' */
  dialect?: Dialect;
  /** A token for this cluster only (see `TakhinClientOptions.token`). */
  token?: string;
  /** Further options of this cluster's client. */
  options?: Partial<TakhinClientOptions>;
  /** Shown as given instead of connecting (when there is no `url`). */
  data?: ClusterCardData;
}

export interface ClusterOverviewProps extends Omit<RootProps, 'onSelect'> {
  /**
   * The clusters, one card each, in this order. Without it, the overview lays out its `children`
   * (typically one `TakhinProvider` per cluster, each holding a `<ClusterOverview name="…" />`); and
   * with neither, it is the card of the provider it sits in.
   * @default undefined
   */
  clusters?: readonly ClusterOverviewCluster[];
  /** The card's title when the overview is the card of its provider. @default 'Cluster' */
  name?: string;
  /** Called when a card is chosen (click or Enter), with its cluster. @default undefined (cards are not buttons) */
  onSelect?: (cluster: ClusterOverviewCluster) => void;
  /** Lag levels of the worst group that give a card its alert level. @default DEFAULT_LAG_THRESHOLDS */
  thresholds?: LagThresholds;
  /** A cluster without a message for this long is shown as stale. @default 10000 */
  staleAfterMs?: number;
  /** Locale for numbers. @default the runtime's */
  locale?: string;
  children?: ReactNode;
}

type CardSettings = Pick<ClusterOverviewProps, 'onSelect' | 'thresholds' | 'staleAfterMs' | 'locale'>;

/** Settings the overview hands to the cards inside its children's providers. */
const OverviewContext = createContext<CardSettings | null>(null);

const selectCard = (state: TakhinState) => state;
const sameCard = (a: TakhinState | undefined, b: TakhinState | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.metrics === b.metrics &&
    a.history === b.history &&
    a.connection.status === b.connection.status &&
    a.connection.leader === b.connection.leader &&
    a.connection.lastError === b.connection.lastError);

const SPARK_WIDTH = 96;
const SPARK_HEIGHT = 24;

/** A line of total lag over the history, broken where a sample is a gap or lacks the value. */
function sparkPath(history: readonly MetricsSample[]): string {
  const points = history.slice(-60);
  const values = points.map((sample) => (sample.gap ? Number.NaN : sample.totalLag));
  const known = values.filter(Number.isFinite);
  if (known.length < 2) return '';
  const low = Math.min(...known);
  const span = Math.max(...known) - low || 1;
  const step = SPARK_WIDTH / Math.max(1, points.length - 1);
  let path = '';
  let drawing = false;
  values.forEach((value, i) => {
    if (!Number.isFinite(value)) {
      drawing = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (SPARK_HEIGHT - 1 - ((value - low) / span) * (SPARK_HEIGHT - 2)).toFixed(1);
    path += `${drawing ? 'L' : 'M'}${x} ${y}`;
    drawing = true;
  });
  return path;
}

function useClock(periodMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}

function ClusterCard({
  cluster,
  settings,
  className,
  theme,
  inList,
  ...rest
}: { cluster: ClusterOverviewCluster; settings: CardSettings; inList: boolean } & RootProps) {
  const live = useSource<TakhinState | undefined>(undefined, selectCard, sameCard);
  const data: ClusterCardData = cluster.data ??
    (live && { connection: live.connection, metrics: live.metrics, history: live.history }) ?? {
      connection: { status: 'idle' },
      metrics: null,
    };
  const { connection, metrics, history = [] } = data;
  const { onSelect, thresholds = DEFAULT_LAG_THRESHOLDS, staleAfterMs = 10_000, locale } = settings;
  const now = useClock(Math.min(5_000, staleAfterMs));
  const view = connectionView(connection);
  const lastAt = connection.lastMessageAt ?? metrics?.receivedAt ?? null;
  const stale = view === 'live' && metrics !== null && lastAt !== null && now - lastAt > staleAfterMs;
  const state =
    metrics === null && view !== 'error' && view !== 'offline' ? 'loading' : stale ? 'stale' : view;
  const worst = metrics?.consumerLags.reduce<Metrics['consumerLags'][number] | undefined>(
    (max, group) => (max === undefined || group.totalLag > max.totalLag ? group : max),
    undefined,
  );
  const level = (worst && levelOf(worst.totalLag, thresholds)) ?? 'ok';
  const statusText = {
    live: 'Live',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    error: 'Connection error',
    loading: view === 'live' ? 'Waiting for metrics…' : 'Connecting…',
    stale: 'Stale',
    waiting: 'Connected, waiting for data',
    paused: 'Paused',
  }[state];
  const following = connection.leader === false && view !== 'offline' && view !== 'error';
  const path = sparkPath(history);
  const select = onSelect ? () => onSelect(cluster) : undefined;
  const number = (value: number) => formatCount(value, { locale });

  return (
    <div
      {...rest}
      className={cx('takhin-cluster-card', select && 'takhin-cluster-card-selectable', className)}
      data-theme={theme}
      data-state={state}
      data-level={level}
      aria-label={cluster.name}
      role={inList ? 'listitem' : undefined}
    >
      <div className="takhin-cluster-card-head">
        {select ? (
          <button type="button" className="takhin-cluster-card-name" onClick={select}>
            {cluster.name}
          </button>
        ) : (
          <span className="takhin-cluster-card-name">{cluster.name}</span>
        )}
        <span className="takhin-cluster-card-status" data-state={state}>
          <span className="takhin-dot" aria-hidden="true" />
          {statusText}
          {following ? ' · following another tab' : ''}
        </span>
      </div>
      {state === 'error' && connection.lastError && (
        <p className="takhin-cluster-card-detail">{connection.lastError.message}</p>
      )}
      <dl className="takhin-cluster-card-figures">
        <div>
          <dt>Topics</dt>
          <dd>{metrics ? number(metrics.topicStats.length) : '—'}</dd>
        </div>
        <div>
          <dt>Total lag</dt>
          <dd>
            <span className="takhin-cluster-card-value">
              {metrics ? formatCompact(metrics.totalLag, { locale }) : '—'}
            </span>
            <svg
              className="takhin-cluster-card-spark"
              width={SPARK_WIDTH}
              height={SPARK_HEIGHT}
              viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
              aria-hidden="true"
            >
              {path && <path d={path} />}
            </svg>
          </dd>
        </div>
        <div>
          <dt>Worst group</dt>
          <dd>{worst ? `${worst.groupId} (${formatCompact(worst.totalLag, { locale })})` : '—'}</dd>
        </div>
        <div>
          <dt>Alert</dt>
          <dd className="takhin-cluster-card-level" data-level={level}>
            {metrics ? { ok: 'OK', warning: 'Warning', critical: 'Critical' }[level] : '—'}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/**
 * One card per cluster, each with its status, topic count, total lag with a sparkline, worst group and
 * alert level; choosing a card calls `onSelect` (for example to show that cluster's `Dashboard`). Each
 * cluster of `clusters` keeps its own connection, store and dialect.
 */
export function ClusterOverview(props: ClusterOverviewProps) {
  const { clusters, name = 'Cluster', onSelect, thresholds, staleAfterMs, locale, children, ...root } = props;
  const outer = useContext(OverviewContext);
  const settings: CardSettings = {
    onSelect: onSelect ?? outer?.onSelect,
    thresholds: thresholds ?? outer?.thresholds,
    staleAfterMs: staleAfterMs ?? outer?.staleAfterMs,
    locale: locale ?? outer?.locale,
  };
  if (clusters === undefined && children === undefined) {
    return <ClusterCard {...root} cluster={{ name }} settings={settings} inList={outer !== null} />;
  }
  const { className, theme, ...rest } = root;
  return (
    <div
      {...rest}
      className={cx('takhin', 'takhin-cluster-overview', className)}
      data-theme={theme}
      role="list"
    >
      <OverviewContext.Provider value={settings}>
        {clusters?.map((cluster) =>
          cluster.url === undefined ? (
            <ClusterCard key={cluster.name} cluster={cluster} settings={settings} inList />
          ) : (
            <TakhinProvider
              key={cluster.name}
              {...cluster.options}
              url={cluster.url}
              dialect={cluster.dialect ?? cluster.options?.dialect}
              token={cluster.token ?? cluster.options?.token}
            >
              <ClusterCard cluster={cluster} settings={settings} inList />
            </TakhinProvider>
          ),
        )}
        {children}
      </OverviewContext.Provider>
    </div>
  );
}
