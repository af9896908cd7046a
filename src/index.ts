/**
 * takhin-react: React hooks and a provider for Takhin's real-time monitoring WebSocket, and the client and
 * store they run on. This entry never imports recharts or react-dom; components live in
 * `takhin-react/components`, and the framework-free building blocks (reducer, selectors, lag helpers,
 * parsing, `DEFAULTS`) in `takhin-react/vanilla`.
 */
export { createTakhinClient, createTakhinStore, TakhinError } from './core/index.js';
export type {
  ClusterHealth,
  ConnectionState,
  ConsumerLagRow,
  Dialect,
  GroupEvent,
  GroupInfo,
  GroupState,
  HeartbeatOptions,
  LagAlert,
  LagAlertRule,
  LagSeries,
  Metrics,
  MetricsSample,
  PartitionLagRow,
  PersistHistoryOptions,
  ReconnectOptions,
  TakhinClient,
  TakhinClientOptions,
  TakhinErrorCode,
  TakhinState,
  TakhinStore,
  TopicEvent,
  TopicInfo,
  TopicLagRow,
  TopicStat,
  WebSocketFactory,
} from './core/index.js';
export {
  TakhinProvider,
  shallow,
  useConnectionStatus,
  useConsumerGroups,
  useGroupEvents,
  useLagAlerts,
  useLagSeries,
  useMetrics,
  useMetricsHistory,
  useSubscription,
  useTakhinClient,
  useTopicEvents,
  useTopics,
} from './react/index.js';
export type { LagAlertHandlers, TakhinProviderProps } from './react/index.js';
