'use client';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ConnectionState, TakhinState } from '../core/state.js';
import { useOptionalTakhinClient } from '../react/index.js';
import { dataAgeText, isStale } from './useDataAge.js';
import { formatCount } from './format.js';
import { cx } from './cx.js';
import type { RootProps } from './types.js';
import { useSource } from '../react/context.js';
import { useDataAt, useDataStale } from './useDataAge.js';

/** The connection fields the component reads; only `status` is required when passed as a prop. */
export type ConnectionStatusValue = Pick<ConnectionState, 'status'> &
  Partial<Omit<ConnectionState, 'status'>>;

/**
 * What the indicator shows, exposed as `data-state`. `waiting`: the socket is open but no metrics
 * came through it yet; `stale`: open, but the latest metrics are older than about two intervals;
 * `paused`: the view is frozen on purpose.
 */
export type ConnectionView =
  'live' | 'waiting' | 'stale' | 'paused' | 'connecting' | 'reconnecting' | 'offline' | 'error';

/** What is known about the data besides the connection, for {@link connectionView}. */
export interface DataFreshness {
  /** When the latest metrics arrived, ms since the epoch; null for none. */
  dataAt: number | null;
  /** The time to judge at. @default Date.now() */
  now?: number;
  /** Whether the data is stale, when already known. @default judged from `dataAt` and `now` */
  stale?: boolean;
  /** The view is paused. @default false */
  paused?: boolean;
}

/**
 * Maps the client's connection status to what a person needs to know. Without `data`, an open socket
 * reads `live`; with it, `live` only once metrics arrived on this socket and are fresh.
 */
export function connectionView(connection: ConnectionStatusValue, data?: DataFreshness): ConnectionView {
  switch (connection.status) {
    case 'open': {
      if (data === undefined) return 'live';
      if (data.paused) return 'paused';
      const { dataAt } = data;
      const openedAt = connection.openedAt ?? null;
      if (dataAt === null || (openedAt !== null && dataAt < openedAt)) return 'waiting';
      return (data.stale ?? isStale(dataAt, data.now ?? Date.now())) ? 'stale' : 'live';
    }
    case 'reconnecting':
      return 'reconnecting';
    case 'closed':
      return connection.lastError ? 'error' : 'offline';
    default:
      return 'connecting';
  }
}

export interface ConnectionStatusProps extends RootProps {
  /**
   * Connection to show. Wins over the provider's store.
   * @default the store's `connection`
   */
  status?: ConnectionStatusValue;
  /**
   * When the data on screen arrived (ms since the epoch), for "updated 3 s ago" / "data 45 s old";
   * null for no data.
   * @default the store's `metrics.receivedAt`; with a `status` prop, its `lastMessageAt`
   */
  dataAt?: number | null;
  /**
   * The data on screen is frozen on purpose: an open connection reads "Paused", not "Live".
   * @default false
   */
  paused?: boolean;
  /**
   * Called by "Retry now"; the button is hidden when there is nothing to call.
   * @default the provider client's `reconnect()`
   */
  onRetry?: () => void;
  /** Locale for numbers. @default the runtime's */
  locale?: string;
}

const IDLE: ConnectionStatusValue = { status: 'idle' };

type ShownConnection = Pick<
  ConnectionState,
  'status' | 'attempt' | 'nextRetryAt' | 'lastError' | 'openedAt' | 'leader'
>;

/**
 * Only the fields the indicator shows: `lastMessageAt` changes on every message (even a pong), and
 * selecting the whole connection would re-render the indicator for each of them.
 */
const selectShown = (state: TakhinState): ShownConnection => {
  const { status, attempt, nextRetryAt, lastError, openedAt, leader } = state.connection;
  return { status, attempt, nextRetryAt, lastError, openedAt, leader };
};

const sameShown = (a: ConnectionStatusValue | undefined, b: ConnectionStatusValue | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.status === b.status &&
    a.attempt === b.attempt &&
    a.nextRetryAt === b.nextRetryAt &&
    a.lastError === b.lastError &&
    a.openedAt === b.openedAt &&
    a.leader === b.leader);

/** The clock, refreshed every `everyMs` while `everyMs` is not null. */
function useNow(everyMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (everyMs === null) return;
    const tick = () => setNow(Date.now());
    // `now` may date from mount, long before the countdown began: refresh it at once.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}

const LABELS: Record<Exclude<ConnectionView, 'reconnecting'>, string> = {
  live: 'Live',
  waiting: 'Connected, waiting for data',
  stale: 'No new data',
  paused: 'Paused',
  connecting: 'Connecting…',
  offline: 'Offline',
  error: 'Connection error',
};

/**
 * "updated 3 s ago" / "data 45 s old", kept current once a second by writing the text itself: the
 * clock never re-renders the indicator (nor anything around it).
 */
function DataAge({ dataAt, stale, locale }: { dataAt: number; stale: boolean; locale?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const show = () => {
      if (ref.current) ref.current.textContent = dataAgeText(dataAt, Date.now(), { locale });
    };
    show();
    const timer = setInterval(show, 1000);
    return () => clearInterval(timer);
    // `stale` too: the words change with it at once, not at the next second.
  }, [dataAt, stale, locale]);
  return <span ref={ref} className="takhin-connection-age" data-stale={stale ? '' : undefined} />;
}

/**
 * Live / connected, waiting for data / no new data / paused / connecting / reconnecting in N s (a
 * live countdown) / offline / error, with the age of the data ("updated 3 s ago", then "data 45 s
 * old", `data-stale` once stale) and a "Retry now" button while not connected.
 */
export function ConnectionStatus(props: ConnectionStatusProps) {
  const {
    status: statusProp,
    dataAt: dataAtProp,
    paused = false,
    onRetry,
    locale,
    theme,
    className,
    ...rest
  } = props;
  const connection = useSource<ConnectionStatusValue>(statusProp, selectShown, sameShown) ?? IDLE;
  const storeDataAt = useDataAt();
  const dataAt =
    dataAtProp !== undefined ? dataAtProp : statusProp ? (statusProp.lastMessageAt ?? null) : storeDataAt;
  const client = useOptionalTakhinClient();
  const reconnecting = connection.status === 'reconnecting' && connection.nextRetryAt != null;
  const now = useNow(reconnecting ? 250 : null);
  // Re-renders when the data turns stale, not with the clock.
  const stale = useDataStale(dataAt) && !paused;
  const view = connectionView(connection, { dataAt, stale, paused });
  const nextRetryAt = view === 'reconnecting' ? (connection.nextRetryAt ?? null) : null;
  const retry = onRetry ?? (client ? () => client.reconnect() : undefined);

  let label: string;
  let detail: string | undefined;
  if (view === 'reconnecting') {
    const seconds = nextRetryAt === null ? 0 : Math.ceil((nextRetryAt - now) / 1000);
    label = seconds > 0 ? `Reconnecting in ${formatCount(seconds, { locale })} s` : 'Reconnecting…';
    detail = connection.lastError?.message;
  } else {
    label = LABELS[view];
    if (view === 'error') detail = connection.lastError?.message;
    // Another tab owns the socket (`shareAcrossTabs`); this one shows what it passes on.
    if ((view === 'live' || view === 'stale' || view === 'waiting') && connection.leader === false)
      detail = 'following another tab';
  }

  return (
    <div
      {...rest}
      className={cx('takhin', 'takhin-connection', className)}
      data-theme={theme}
      data-state={view}
      data-status={connection.status}
      data-stale={stale ? '' : undefined}
    >
      <span className="takhin-dot" aria-hidden="true" />
      <span className="takhin-connection-label" role="status">
        {label}
      </span>
      {/* Outside the live region: it changes every second, and is read when the reader asks. */}
      {dataAt !== null && !paused && <DataAge dataAt={dataAt} stale={stale} locale={locale} />}
      {detail && <span className="takhin-connection-detail">{detail}</span>}
      {retry && (view === 'reconnecting' || view === 'offline' || view === 'error') && (
        <button type="button" className="takhin-button" onClick={retry}>
          Retry now
        </button>
      )}
    </div>
  );
}
