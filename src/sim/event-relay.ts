import type { ClusterEvent, ClusterModel } from './cluster.js';
import type { SimMode } from './mode.js';

/**
 * Forwards the model's events to `deliver` as a server of this mode would send them: `group_updated`
 * only when the mode sends it, each event `eventDelayMs` late when set (a broadcast that reaches the
 * client after the metrics that already show the change). Returns the function that stops it, dropping
 * any event still held back.
 */
export function relayEvents(
  model: ClusterModel,
  mode: SimMode,
  deliver: (event: ClusterEvent) => void,
): () => void {
  const held = new Set<ReturnType<typeof setTimeout>>();
  const stop = model.onEvent((event) => {
    if (event.type === 'group_updated' && !mode.groupEvents) return;
    if (mode.eventDelayMs === 0) return deliver(event);
    const timer = setTimeout(() => {
      held.delete(timer);
      deliver(event);
    }, mode.eventDelayMs);
    held.add(timer);
  });
  return () => {
    stop();
    for (const timer of held) clearTimeout(timer);
    held.clear();
  };
}
