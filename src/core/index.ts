export * from './protocol.js';
export * from './state.js';
export { TakhinError, type TakhinErrorCode, type TakhinErrorDetails } from './errors.js';
export type { WebSocketLike, WebSocketFactory } from './socket.js';
export { RECONNECT_DEFAULTS, backoffDelay, type ReconnectOptions } from './backoff.js';
export {
  CLIENT_DEFAULTS,
  HEARTBEAT_DEFAULTS,
  restUrlFor,
  type HeartbeatOptions,
  type TakhinClientOptions,
  type UrlSource,
} from './options.js';
export { TakhinClient, createTakhinClient, type TakhinClientEvents } from './client.js';
export {
  createTakhinStore,
  createInitialState,
  takhinReducer,
  STORE_DEFAULTS,
  type TakhinAction,
  type TakhinStore,
  type TakhinStoreOptions,
} from './store.js';
export { parseFrame, parseLine, type ParsedFrame } from './parse.js';
export { encodeClientMessage } from './encode.js';
export { normalizeMetrics } from './dialect.js';
export * from './selectors.js';
export { lagValues, lagEntries, sampleLag } from './lagValues.js';
export { lagSeries, type LagSeries } from './lagSeries.js';
export { trackGroupLag } from './trackGroupLag.js';
export {
  evaluateLagAlerts,
  type LagAlert,
  type LagAlertLevel,
  type LagAlertRule,
  type LagAlertSample,
  type LagAlertState,
  type LagAlertStep,
  type LagGrowthRule,
  type LagLevelRule,
  type LagStuckRule,
} from './lagAlerts.js';
