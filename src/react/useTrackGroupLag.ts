import { useEffect } from 'react';
import { trackGroupLag } from '../core/trackGroupLag.js';
import { useOptionalTakhinClient } from './context.js';

/**
 * Keeps every topic's lag of the given groups in the history while the component is mounted (from
 * the next sample on), ref-counted across components. Outside a provider, or with `null`, it does
 * nothing. The list may be a new array on every render: only its contents count.
 */
export function useTrackGroupLag(groupIds: string | readonly string[] | null | undefined): void {
  const client = useOptionalTakhinClient();
  const list = groupIds == null ? [] : typeof groupIds === 'string' ? [groupIds] : [...new Set(groupIds)];
  // The effect depends on the ids, not on the array that carries them.
  const key = JSON.stringify(list);
  useEffect(() => {
    if (client === null) return undefined;
    const ids = JSON.parse(key) as string[];
    const releases = ids.map((id) => trackGroupLag(client.store, id));
    return () => releases.forEach((release) => release());
  }, [client, key]);
}
