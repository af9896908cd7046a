'use client';
import { useOptionalTakhinClient, useOptionalTakhinStore } from '../react/context.js';
import { StateMessage, WAITING_FOR_METRICS } from './StateMessage.js';
import { selectConnection } from '../core/selectors.js';

/**
 * What a panel shows before its first metrics: "waiting", or, inside a provider whose connection is
 * failing, why there is nothing (the host and the reason, never the token), whether it is retrying,
 * and a "Retry now" button that reconnects at once.
 */
export function WaitingForMetrics() {
  const connection = useOptionalTakhinStore(selectConnection);
  const client = useOptionalTakhinClient();
  const failing =
    connection !== undefined &&
    connection.lastError !== null &&
    (connection.status === 'reconnecting' || connection.status === 'closed');
  if (!failing) return <StateMessage kind="loading">{WAITING_FOR_METRICS}</StateMessage>;
  const next = connection.status === 'reconnecting' ? ' Retrying…' : ' Not retrying.';
  return (
    <div className="takhin-state">
      <StateMessage kind="error">
        No data yet: {connection.lastError!.message}
        {next}
      </StateMessage>
      {client && (
        <button type="button" className="takhin-button" onClick={() => client.reconnect()}>
          Retry now
        </button>
      )}
    </div>
  );
}
