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
  /**
   * Connects the store to a debugging tool while the provider is mounted: pass `connectDevtools` from
   * `takhin-react/devtools` for Redux DevTools (actions named after what happened). A function rather
   * than `true`, so that an app that does not import it ships none of it.
   * @default undefined
   */
  devtools?: (store: TakhinClient['store']) => () => void;
  children?: ReactNode;
}

/**
 * Owns one connection for the tree below it. The client is created once per `url`/`token`/`dialect`
 * (other options, including a `url` function, are read when it is created, and changing one later logs a
 * warning; `onError` may change freely);
 * it connects after mount, so server rendering opens nothing, and it closes on unmount, leaving no socket
 * and no timer. StrictMode's double mount opens one socket.
 */
export function TakhinProvider({
  client: givenClient,
  children,
  onError,
  devtools,
  ...options
}: TakhinProviderProps) {
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

  useWarnAboutIgnoredChanges(
    process.env.NODE_ENV !== 'production' && !givenClient ? settingsKey(options) : null,
    client,
  );

  const latestOnError = useRef(onError);
  useEffect(() => {
    latestOnError.current = onError;
  });
  useEffect(() => client.on('error', (error) => latestOnError.current?.(error)), [client]);
  useEffect(() => client.retain(), [client]);
  useEffect(() => devtools?.(client.store), [client, devtools]);

  return <TakhinContext.Provider value={client}>{children}</TakhinContext.Provider>;
}

/** The options a provider reads once, as text: everything but functions and what rebuilds the client. */
function settingsKey(options: Partial<TakhinClientOptions>): string {
  const { url: _url, token: _token, dialect: _dialect, store: _store, ...settings } = options;
  return JSON.stringify(settings, (_key, value: unknown) =>
    typeof value === 'function' ? undefined : value,
  );
}

/**
 * Warns (once per client) when settings read at creation change afterwards, since the change has no
 * effect until the client is rebuilt; a silent no-op is what users would otherwise meet.
 */
function useWarnAboutIgnoredChanges(key: string | null, client: TakhinClient): void {
  const created = useRef<{ client: TakhinClient; key: string | null; warned: boolean } | null>(null);
  useEffect(() => {
    // A development aid: production builds drop the comparison and its text.
    if (process.env.NODE_ENV === 'production') return;
    const seen = created.current;
    if (!seen || seen.client !== client) {
      created.current = { client, key, warned: false };
      return;
    }
    if (seen.warned || seen.key === key) return;
    seen.warned = true;
    console.warn(
      'takhin-react: <TakhinProvider> options other than `url`, `token`, `dialect` and `onError` are read ' +
        'when its client is created; this change has no effect. Give the provider a new `key` to apply it.',
    );
  });
}
