/** What the client hears from the page: network up/down and tab visibility. */
export interface EnvironmentHandlers {
  online(): void;
  offline(): void;
  visible(): void;
}

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

function asEventTarget(value: unknown): EventTargetLike | null {
  const target = value as Partial<EventTargetLike> | undefined;
  return target &&
    typeof target.addEventListener === 'function' &&
    typeof target.removeEventListener === 'function'
    ? (target as EventTargetLike)
    : null;
}

/** False only when the environment says for sure that the network is down. */
export function isOnline(): boolean {
  const navigatorLike = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return navigatorLike?.onLine !== false;
}

/**
 * Listens to `online`, `offline` and `visibilitychange` where they exist (browsers, happy-dom) and does
 * nothing elsewhere (Node, server rendering). Returns the function that removes every listener.
 */
export function watchEnvironment(handlers: EnvironmentHandlers): () => void {
  const windowTarget = asEventTarget((globalThis as { window?: unknown }).window);
  const documentLike = (globalThis as { document?: { visibilityState?: string } }).document;
  const documentTarget = asEventTarget(documentLike);
  const onOnline = () => handlers.online();
  const onOffline = () => handlers.offline();
  const onVisibility = () => {
    if (documentLike?.visibilityState === 'visible') handlers.visible();
  };
  windowTarget?.addEventListener('online', onOnline);
  windowTarget?.addEventListener('offline', onOffline);
  documentTarget?.addEventListener('visibilitychange', onVisibility);
  return () => {
    windowTarget?.removeEventListener('online', onOnline);
    windowTarget?.removeEventListener('offline', onOffline);
    documentTarget?.removeEventListener('visibilitychange', onVisibility);
  };
}
