import { useEffect } from 'react';
import { useRequiredClient } from './context.js';

/**
 * Subscribes to a channel such as `topic:orders` while the component is mounted. Counted: several
 * components may ask for the same channel; re-sent after every reconnect. `null` subscribes to nothing.
 */
export function useSubscription(channel: string | null | undefined): void {
  const client = useRequiredClient('useSubscription');
  useEffect(() => (channel ? client.subscribe(channel) : undefined), [client, channel]);
}
