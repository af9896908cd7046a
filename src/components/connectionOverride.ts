import { createContext, useContext } from 'react';
import type { ConnectionStatusValue } from './ConnectionStatus.js';

/** A connection given to a Dashboard as a prop, for its panels' "no data yet" messages. */
export interface ConnectionOverride {
  connection: ConnectionStatusValue;
  onRetry?: () => void;
}

/** Set by the Dashboard when it is given a `status`; panels prefer it to the provider's store. */
export const ConnectionOverrideContext = createContext<ConnectionOverride | null>(null);

export const useConnectionOverride = () => useContext(ConnectionOverrideContext);
