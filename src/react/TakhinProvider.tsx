import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { createTakhinClient, type TakhinClient } from '../core/client.js';
import type { TakhinClientOptions } from '../core/options.js';
import { TakhinContext } from './context.js';

export interface TakhinProviderProps extends Partial<TakhinClientOptions> {
  /**
   * A client made elsewhere (with `createTakhinClient`) to share instead of creating one; the provider
   * then ignores the connection options.
   * @default undefined
   */
  client?: TakhinClient;
  children?: ReactNode;
}

/**
 * Owns one connection for the tree below it. The client is created once per `url`/`token`/`dialect`
 * (other options, including a `url` function, are read when it is created; `onError` may change freely);
 * it connects after mount, so server rendering opens nothing, and it closes on unmount, leaving no socket
 * and no timer. StrictMode's double mount opens one socket.
 */
export function TakhinProvider({ client: givenClient, children, onError, ...options }: TakhinProviderProps) {
  const urlKey = typeof options.url === 'string' ? options.url : 'function';
  const { token, dialect } = options;

  const client = useMemo(() => {
    if (givenClient) return givenClient;
    if (options.url === undefined) {
      throw new Error('takhin-react: <TakhinProvider> needs a `url` (or a `client`).');
    }
    return createTakhinClient({ ...options, url: options.url });
    // The client is rebuilt only when what identifies the connection changes; other options are read once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [givenClient, urlKey, token, dialect]);

  const latestOnError = useRef(onError);
  useEffect(() => {
    latestOnError.current = onError;
  });
  useEffect(() => client.on('error', (error) => latestOnError.current?.(error)), [client]);
  useEffect(() => client.retain(), [client]);

  return <TakhinContext.Provider value={client}>{children}</TakhinContext.Provider>;
}
