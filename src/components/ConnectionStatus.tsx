'use client';
import { useEffect, useState } from 'react';
import type { ConnectionState, TakhinState } from '../core/state.js';
import { useOptionalTakhinClient } from '../react/index.js';
import { formatCount } from './format.js';
import { cx } from './types.js';
import type { RootProps } from './types.js';
import { useSource } from './useSource.js';

/** The connection fields the component reads; only `status` is required when passed as a prop. */
export type ConnectionStatusValue = Pick<ConnectionState, 'status'> &
  Partial<Omit<ConnectionState, 'status'>>;

/** What the indicator shows, exposed as `data-state`. */
export type ConnectionView = 'live' | 'connecting' | 'reconnecting' | 'offline' | 'error';

/** Maps the client's connection status to what a person needs to know. */
export function connectionView(connection: ConnectionStatusValue): ConnectionView {
  switch (connection.status) {
    case 'open':
      return 'live';
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
   * Called by "Retry now"; the button is hidden when there is nothing to call.
   * @default the provider client's `reconnect()`
   */
  onRetry?: () => void;
  /** Locale for numbers. @default the runtime's */
  locale?: string;
}

const IDLE: ConnectionStatusValue = { status: 'idle' };

type ShownConnection = Pick<ConnectionState, 'status' | 'attempt' | 'nextRetryAt' | 'lastError' | 'leader'>;

/**
 * Only the fields the indicator shows: `lastMessageAt` changes on every message (even a pong), and
 * selecting the whole connection would re-render the indicator for each of them.
 */
const selectShown = (state: TakhinState): ShownConnection => {
  const { status, attempt, nextRetryAt, lastError, leader } = state.connection;
  return { status, attempt, nextRetryAt, lastError, leader };
};

const sameShown = (a: ConnectionStatusValue | undefined, b: ConnectionStatusValue | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.status === b.status &&
    a.attempt === b.attempt &&
    a.nextRetryAt === b.nextRetryAt &&
    a.lastError === b.lastError &&
    a.leader === b.leader);

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    // `now` may date from mount, long before the countdown began: refresh it at once.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 250);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active]);
  return now;
}

/**
 * Live / connecting / reconnecting in N s (a live countdown) / offline / error, with a "Retry now"
 * button while not connected.
 */
export function ConnectionStatus(props: ConnectionStatusProps) {
  const { status: statusProp, onRetry, locale, theme, className, ...rest } = props;
  const connection = useSource<ConnectionStatusValue>(statusProp, selectShown, sameShown) ?? IDLE;
  const client = useOptionalTakhinClient();
  const view = connectionView(connection);
  const nextRetryAt = view === 'reconnecting' ? (connection.nextRetryAt ?? null) : null;
  const now = useNow(nextRetryAt !== null);
  const retry = onRetry ?? (client ? () => client.reconnect() : undefined);

  let label: string;
  let detail: string | undefined;
  switch (view) {
    case 'live':
      label = 'Live';
      // Another tab owns the socket (`shareAcrossTabs`); this one shows what it passes on.
      if (connection.leader === false) detail = 'following another tab';
      break;
    case 'connecting':
      label = 'Connecting…';
      break;
    case 'reconnecting': {
      const seconds = nextRetryAt === null ? 0 : Math.ceil((nextRetryAt - now) / 1000);
      label = seconds > 0 ? `Reconnecting in ${formatCount(seconds, { locale })} s` : 'Reconnecting…';
      detail = connection.lastError?.message;
      break;
    }
    case 'offline':
      label = 'Offline';
      break;
    case 'error':
      label = 'Connection error';
      detail = connection.lastError?.message;
      break;
  }

  return (
    <div
      {...rest}
      className={cx('takhin', 'takhin-connection', className)}
      data-theme={theme}
      data-state={view}
      data-status={connection.status}
    >
      <span className="takhin-dot" aria-hidden="true" />
      <span className="takhin-connection-label" role="status">
        {label}
      </span>
      {detail && <span className="takhin-connection-detail">{detail}</span>}
      {retry && (view === 'reconnecting' || view === 'offline' || view === 'error') && (
        <button type="button" className="takhin-button" onClick={retry}>
          Retry now
        </button>
      )}
    </div>
  );
}
