'use client';
import { useOptionalTakhinClient, useOptionalTakhinStore } from '../react/context.js';
import { StateMessage, WAITING_FOR_METRICS } from './StateMessage.js';
import { selectConnection } from '../core/selectors.js';
import { useConnectionOverride } from './connectionOverride.js';

/**
 * What a panel shows before its first metrics: "waiting", or, inside a provider whose connection is
 * failing, why there is nothing (the host and the reason, never the token), whether it is retrying,
 * and a "Retry now" button that reconnects at once. A Dashboard given a `status` prop passes it down, so
 * its panels say what failed without a provider too.
 */
export function WaitingForMetrics() {
  const override = useConnectionOverride();
  const fromStore = useOptionalTakhinStore(selectConnection);
  const client = useOptionalTakhinClient();
  const connection = override?.connection ?? fromStore;
  const retry = override?.onRetry ?? (client ? () => client.reconnect() : undefined);
  const failing =
    connection !== undefined &&
    connection.lastError != null &&
    (connection.status === 'reconnecting' || connection.status === 'closed');
  if (!failing) return <StateMessage kind="loading">{WAITING_FOR_METRICS}</StateMessage>;
  const next = connection.status === 'reconnecting' ? ' Retrying…' : ' Not retrying.';
  return (
    <div className="takhin-state">
      <StateMessage kind="error">
        No data yet: {connection.lastError?.message ?? 'the connection failed.'}
        {next}
      </StateMessage>
      {retry && (
        <button type="button" className="takhin-button" onClick={retry}>
          Retry now
        </button>
      )}
    </div>
  );
}
