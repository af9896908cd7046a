/**
 * The React layer, for the main entry and the components; `src/index.ts` chooses which of these are
 * public. `useTrackGroupLag`, the `Optional` hooks and `useStoreSelector` stay internal.
 */
export { TakhinProvider, type TakhinProviderProps } from './TakhinProvider.js';
export { TakhinContext } from './context.js';
export { useTakhinClient, useOptionalTakhinClient } from './context.js';
export { useTakhinStore, useOptionalTakhinStore } from './context.js';
export { useMetrics, useMetricsHistory } from './useMetrics.js';
export { useTrackGroupLag } from './useTrackGroupLag.js';
export { useLagSeries } from './useLagSeries.js';
export { useTopicEvents } from './useTopicEvents.js';
export { useGroupEvents } from './useGroupEvents.js';
export { useConnectionStatus, type ConnectionStatusView } from './useConnectionStatus.js';
export { useSubscription } from './useSubscription.js';
export { useTopics, useConsumerGroups } from './useTopics.js';
export { useStoreSelector } from './context.js';
export { shallow } from './shallow.js';
export { useLagAlerts, type LagAlertHandlers } from './useLagAlerts.js';
