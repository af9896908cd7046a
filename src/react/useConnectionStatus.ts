import { useMemo } from 'react';
import type { ConnectionState } from '../core/state.js';
import { useRequiredClient, useStoreSelector } from './context.js';
import { selectConnection } from '../core/selectors.js';

export interface ConnectionStatusView extends ConnectionState {
  /** Drops the connection and connects again now, with a fresh retry count. */
  reconnect(): void;
  /** Closes the connection until `reconnect()`. */
  disconnect(): void;
}

/** Connection state (status, attempt, next retry, last message, last error) with the two actions. */
export function useConnectionStatus(): ConnectionStatusView {
  const client = useRequiredClient('useConnectionStatus');
  const connection = useStoreSelector(client.store, selectConnection);
  return useMemo(
    () => ({ ...connection, reconnect: () => client.reconnect(), disconnect: () => client.close() }),
    [client, connection],
  );
}
