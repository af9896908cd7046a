/**
 * `takhin-react/sim` (Node only): a protocol-faithful simulated Takhin monitoring server, its cluster
 * model, recording/replay, and the in-memory socket factory also available from `./browser.js`.
 */
export { DEFAULT_MAX_CLIENTS, DEFAULT_MAX_PENDING_BYTES, startSimulator } from './server.js';
export { CONTROL_LIMITS } from './control-limits.js';
export { DEFAULT_KEEP_MESSAGE_BYTES, DEFAULT_KEEP_RECEIVED_BYTES } from './received-log.js';
export { replaySimulator } from './replay.js';
export type { ReplayOptions, ReplaySimulator } from './replay.js';
export { readRecording } from './recorder.js';
export type { Recording, RecordingLine } from './recorder.js';
export type {
  ConnectionSubscriptions,
  DroppedMessage,
  ReceivedMessage,
  Simulator,
  SimulationOptions,
  SimulatorControls,
  SimulatorEvents,
  SimulatorOptions,
} from './types.js';
export type { AuthOptions } from './auth.js';
export { ClusterModel, createCluster } from './cluster.js';
export type {
  ClusterEvent,
  ClusterOptions,
  ClusterTotals,
  TopicChangeOptions,
  TruthSnapshot,
} from './cluster.js';
export { truthRates } from './truth.js';
export type { TruthRates } from './truth.js';
export { SimTopic } from './topic.js';
export { SimGroup } from './group.js';
export type { GroupKind } from './group.js';
export { metricsFor } from './metrics.js';
export { PROFILES, SCENARIOS, SIZES, resolveSize } from './presets.js';
export type { ClusterShape, ClusterSize, Scenario, ScenarioProfile } from './presets.js';
export { Random, createRandom } from './random.js';
export { burstEvents, oversizedMetrics } from './faults.js';
export type { BurstType } from './faults.js';
export { CLIENT_QUEUE_LIMIT, MALFORMED_LINES, decodeClientMessage, encodeMessage } from './frames.js';
export type { ClientVerdict, DecodedClientMessage, DropReason } from './frames.js';
export { createSimulatedSocketFactory, SimulatedSocket } from './browser.js';
export type { SimulatedSocketControl, SimulatedSocketFactory, SimulatedSocketOptions } from './browser.js';
