import { useContext } from 'react';
import type { TakhinClient } from '../core/client.js';
import { TakhinContext } from './context.js';

/**
 * The client of the nearest `TakhinProvider`. Throws when there is none, naming `hook` (the public hook
 * the user called), since a stack trace through React's internals rarely shows which call was outside.
 */
export function useRequiredClient(hook: string): TakhinClient {
  const client = useContext(TakhinContext);
  if (!client) {
    throw new Error(
      `takhin-react: ${hook} must be used inside <TakhinProvider>. Wrap your tree in <TakhinProvider url="ws://…/api/monitoring/ws">.`,
    );
  }
  return client;
}
