/**
 * Uses every public export of every entry point of the installed takhin-react, so that type-checking this
 * file (with `skipLibCheck: false`) proves the published declarations resolve and fit together under the
 * consumer's module resolution. scripts/consumers.ts checks that nothing exported is left out.
 */
import { useEffect, useState } from 'react';
import type { JSX } from 'react';
import {
  TakhinError,
  TakhinProvider,
  createTakhinClient,
  createTakhinStore,
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
} from 'takhin-react';
import type {
  ClusterHealth as ClusterHealthData,
  ConnectionState,
  ConsumerLagRow,
  Dialect,
  GroupEvent,
  GroupInfo,
  GroupState,
  HeartbeatOptions,
  LagAlert,
  LagAlertHandlers,
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
  TakhinProviderProps,
  TakhinState,
  TakhinStore,
  TopicEvent,
  TopicInfo,
  TopicLagRow,
  TopicStat,
  WebSocketFactory,
} from 'takhin-react';
import {
  DEFAULTS,
  DEFAULT_METRICS_INTERVAL_MS,
  GROUP_STATES,
  MAX_CLIENT_MESSAGE_BYTES,
  MONITORING_REST_PATH,
  MONITORING_WS_PATH,
  SERVER_MESSAGE_TYPES,
  TakhinError as VanillaTakhinError,
  createInitialState,
  createTakhinClient as vanillaCreateTakhinClient,
  createTakhinStore as vanillaCreateTakhinStore,
  encodeClientMessage,
  estimateCatchUpSeconds,
  evaluateLagAlerts,
  lagEntries,
  lagKey,
  lagSeries,
  lagTrend,
  lagValues,
  normalizeMetrics,
  parseFrame,
  parseLine,
  sampleLag,
  selectConnection,
  selectConsumerLag,
  selectCounters,
  selectGroup,
  selectGroupEvents,
  selectGroupList,
  selectHistory,
  selectMetrics,
  selectTopic,
  selectTopicEvents,
  selectTopicList,
  selectTopicStat,
  selectTotalLag,
  takhinReducer,
  trackGroupLag,
} from 'takhin-react/vanilla';
import type {
  ClientMessage,
  ClientMessageType,
  ConsumerLag,
  Counters,
  GroupLifecycleData,
  GroupUpdatedData,
  LagAlertLevel,
  LagAlertSample,
  LagAlertState,
  LagAlertStep,
  LagDirection,
  LagGrowthRule,
  LagLevelRule,
  LagStuckRule,
  LagTrend,
  LagTrendOptions,
  LagValues,
  Latency,
  MonitoringMetrics,
  ParsedFrame,
  PartitionLag,
  RateBaseline,
  ServerMessage,
  ServerMessageType,
  TakhinAction,
  TakhinClientEvents,
  TakhinErrorDetails,
  TakhinStoreOptions,
  Throughput,
  TopicCreatedData,
  TopicDeletedData,
  TopicLag,
  UrlSource,
  WebSocketLike,
  ClusterHealth as VanillaClusterHealth,
  ConnectionState as VanillaConnectionState,
  ConsumerLagRow as VanillaConsumerLagRow,
  Dialect as VanillaDialect,
  GroupEvent as VanillaGroupEvent,
  GroupInfo as VanillaGroupInfo,
  GroupState as VanillaGroupState,
  HeartbeatOptions as VanillaHeartbeatOptions,
  LagAlert as VanillaLagAlert,
  LagAlertRule as VanillaLagAlertRule,
  LagSeries as VanillaLagSeries,
  Metrics as VanillaMetrics,
  MetricsSample as VanillaMetricsSample,
  PartitionLagRow as VanillaPartitionLagRow,
  ReconnectOptions as VanillaReconnectOptions,
  TakhinClient as VanillaTakhinClient,
  TakhinClientOptions as VanillaTakhinClientOptions,
  TakhinErrorCode as VanillaTakhinErrorCode,
  TakhinState as VanillaTakhinState,
  TakhinStore as VanillaTakhinStore,
  TopicEvent as VanillaTopicEvent,
  TopicInfo as VanillaTopicInfo,
  TopicLagRow as VanillaTopicLagRow,
  TopicStat as VanillaTopicStat,
  WebSocketFactory as VanillaWebSocketFactory,
  PersistHistoryOptions as VanillaPersistHistoryOptions,
} from 'takhin-react/vanilla';
import {
  ClusterHealth,
  ClusterOverview,
  ConnectionStatus,
  ConsumerLagChart,
  ConsumerLagTable,
  DEFAULT_LAG_THRESHOLDS,
  Dashboard,
  EventFeed,
  LagAlertStrip,
  lagVerdict,
  LatencyChart,
  Sparkline,
  TIME_WINDOWS,
  ThroughputChart,
  TopicTable,
  connectionView,
  csvField,
  downloadCsv,
  formatBytes,
  formatBytesRate,
  formatCompact,
  formatCount,
  formatDuration,
  formatMs,
  formatRate,
  formatTime,
  rowWindow,
  toCsv,
  useVirtualRows,
} from 'takhin-react/components';
import type {
  ClusterHealthProps,
  ClusterOverviewProps,
  ConnectionStatusProps,
  ConnectionStatusValue,
  ConnectionView,
  ConsumerLagChartProps,
  ConsumerLagData,
  ConsumerLagTableProps,
  CsvValue,
  DashboardProps,
  EventFeedProps,
  FormatOptions,
  LagAlertStripProps,
  LagColumn,
  LagVerdict,
  VerdictGroup,
  VerdictInput,
  LagThresholds,
  LatencyChartProps,
  RateSource,
  RootProps,
  RowWindow,
  SortDirection,
  SortState,
  SparklineProps,
  TakhinTheme,
  ThresholdCrossing,
  ThresholdLevel,
  ThroughputChartProps,
  ThroughputKnown,
  TimeWindow,
  TopicColumn,
  TopicTableProps,
  ViewState,
  VirtualRows,
  VirtualRowsOptions,
} from 'takhin-react/components';
import {
  CLIENT_QUEUE_LIMIT,
  CONTROL_LIMITS,
  ClusterModel,
  DEFAULT_KEEP_MESSAGE_BYTES,
  DEFAULT_KEEP_RECEIVED_BYTES,
  DEFAULT_MAX_CLIENTS,
  DEFAULT_MAX_PENDING_BYTES,
  MALFORMED_LINES,
  PROFILES,
  Random,
  SCENARIOS,
  SIZES,
  SimGroup,
  SimTopic,
  SimulatedSocket,
  burstEvents,
  createCluster,
  createRandom,
  createSimulatedSocketFactory,
  decodeClientMessage,
  encodeMessage,
  metricsFor,
  oversizedMetrics,
  readRecording,
  replaySimulator,
  resolveSize,
  startSimulator,
  truthRates,
} from 'takhin-react/sim';
import type {
  AuthOptions,
  BurstType,
  ClientVerdict,
  ClusterEvent,
  ClusterOptions,
  ClusterShape,
  ClusterSize,
  ClusterTotals,
  ConnectionSubscriptions,
  DecodedClientMessage,
  DropReason,
  DroppedMessage,
  GroupKind,
  ReceivedMessage,
  Recording,
  RecordingLine,
  ReplayOptions,
  ReplaySimulator,
  Scenario,
  ScenarioProfile,
  SimulatedSocketControl,
  SimulatedSocketFactory,
  SimulatedSocketOptions,
  SimulationOptions,
  Simulator,
  SimulatorControls,
  SimulatorEvents,
  SimulatorOptions,
  TopicChangeOptions,
  TruthRates,
  TruthSnapshot,
} from 'takhin-react/sim';

import {
  ClusterModel as BrowserClusterModel,
  SimulatedSocket as BrowserSimulatedSocket,
  createCluster as browserCreateCluster,
  createSimulatedSocketFactory as browserSocketFactory,
  metricsFor as browserMetricsFor,
  truthRates as browserTruthRates,
} from 'takhin-react/sim/browser';
import { actionName, connectDevtools } from 'takhin-react/devtools';
import type { DevtoolsOptions } from 'takhin-react/devtools';
import type {
  ClusterEvent as BrowserClusterEvent,
  ClusterOptions as BrowserClusterOptions,
  ClusterShape as BrowserClusterShape,
  ClusterSize as BrowserClusterSize,
  ClusterTotals as BrowserClusterTotals,
  Scenario as BrowserScenario,
  SimulationOptions as BrowserSimulationOptions,
  SimulatorControls as BrowserSimulatorControls,
  SimulatedSocketControl as BrowserSocketControl,
  SimulatedSocketFactory as BrowserSocketFactory,
  SimulatedSocketOptions as BrowserSocketOptions,
  TopicChangeOptions as BrowserTopicChangeOptions,
  TruthRates as BrowserTruthRates,
  TruthSnapshot as BrowserTruthSnapshot,
} from 'takhin-react/sim/browser';

// ---- takhin-react/sim/browser: the in-memory simulator, safe in a browser bundle ------------------------

const browserSimulation: BrowserSimulationOptions = { size: 'small' satisfies BrowserClusterSize };
const browserOptions: BrowserSocketOptions = { ...browserSimulation, dialect: 'spec' };
const browserFactory: BrowserSocketFactory = browserSocketFactory(browserOptions);
const browserControl: BrowserSocketControl = browserFactory.control;
const browserControls: BrowserSimulatorControls = browserControl;
export const stopBrowserStall = (): void => browserControls.resume();
const browserModel: BrowserClusterModel = browserCreateCluster({ seed: 1 } satisfies BrowserClusterOptions);
const browserTotals: BrowserClusterTotals = browserModel.totals;
const browserScenario: BrowserScenario = 'steady';
const browserShape: BrowserClusterShape | undefined = undefined;
const browserEvents: BrowserClusterEvent[] = [];
const browserSnapshot: BrowserTruthSnapshot = browserModel.truth();
const browserRates: BrowserTruthRates = browserTruthRates(browserSnapshot, browserModel.truth());
const browserSilent: BrowserTopicChangeOptions = { silent: true };
export const browserTruth = { browserRates, browserSilent };
const snapshot: TruthSnapshot = browserModel.truth();
const truth: TruthRates = truthRates(snapshot, snapshot);
const silentChange: TopicChangeOptions = { silent: true };
export const nodeTruth = { truth, silentChange };
export const browserSim = {
  browserControl,
  browserTotals,
  browserScenario,
  browserShape,
  browserEvents,
  metrics: browserMetricsFor(browserModel, 'spec'),
  socketClass: BrowserSimulatedSocket,
};

// ---- takhin-react/vanilla: the same client, store and types as the main entry ---------------------------

/** True when `A` and `B` are the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameInBothEntries: boolean[] = [
  vanillaCreateTakhinClient === createTakhinClient,
  vanillaCreateTakhinStore === createTakhinStore,
  VanillaTakhinError === TakhinError,
];
export const sameTypes: [
  Same<VanillaClusterHealth, ClusterHealthData>,
  Same<VanillaConnectionState, ConnectionState>,
  Same<VanillaConsumerLagRow, ConsumerLagRow>,
  Same<VanillaDialect, Dialect>,
  Same<VanillaGroupEvent, GroupEvent>,
  Same<VanillaGroupInfo, GroupInfo>,
  Same<VanillaGroupState, GroupState>,
  Same<VanillaHeartbeatOptions, HeartbeatOptions>,
  Same<VanillaLagAlert, LagAlert>,
  Same<VanillaLagAlertRule, LagAlertRule>,
  Same<VanillaLagSeries, LagSeries>,
  Same<VanillaMetrics, Metrics>,
  Same<VanillaMetricsSample, MetricsSample>,
  Same<VanillaPartitionLagRow, PartitionLagRow>,
  Same<VanillaReconnectOptions, ReconnectOptions>,
  Same<VanillaTakhinClient, TakhinClient>,
  Same<VanillaTakhinClientOptions, TakhinClientOptions>,
  Same<VanillaTakhinErrorCode, TakhinErrorCode>,
  Same<VanillaTakhinState, TakhinState>,
  Same<VanillaTakhinStore, TakhinStore>,
  Same<VanillaTopicEvent, TopicEvent>,
  Same<VanillaTopicInfo, TopicInfo>,
  Same<VanillaTopicLagRow, TopicLagRow>,
  Same<VanillaTopicStat, TopicStat>,
  Same<VanillaWebSocketFactory, WebSocketFactory>,
] = [
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
];

// ---- takhin-react (and takhin-react/vanilla): the framework-free client and store ---------------------

const dialect: Dialect = 'takhin';
const url: UrlSource = () => `ws://127.0.0.1:8080${MONITORING_WS_PATH}`;
const createWebSocket: WebSocketFactory = (target) => new WebSocket(target) satisfies WebSocketLike;
const reconnect: Partial<ReconnectOptions> = { initialDelayMs: DEFAULTS.reconnect.initialDelayMs * 2 };
const heartbeat: Partial<HeartbeatOptions> = { staleAfterMs: DEFAULTS.heartbeat.staleAfterMs };
const storeOptions: TakhinStoreOptions = { dialect, historySize: DEFAULTS.historySize };
const store: TakhinStore = createTakhinStore(storeOptions);
const clientOptions: TakhinClientOptions = {
  url,
  dialect: DEFAULTS.dialect,
  createWebSocket,
  reconnect,
  heartbeat,
  store,
  onError: (error: TakhinError) => {
    const code: TakhinErrorCode = error.code;
    const details: TakhinErrorDetails = { closeCode: error.closeCode, fatal: error.fatal };
    console.warn(code, details);
  },
};
export const client: TakhinClient = createTakhinClient(clientOptions);
const unsubscribe: () => void = client.subscribe('topic:orders');
const onTopic = (event: TakhinClientEvents['topicEvent']) => event.name;
client.on('topicEvent', onTopic);
client.send('ping' satisfies ClientMessageType);
unsubscribe();

const state: TakhinState = createInitialState(storeOptions);
const action: TakhinAction = { type: 'reset' };
const next: TakhinState = takhinReducer(state, action);
const metrics: Metrics | null = selectMetrics(next);
const history: MetricsSample[] = selectHistory(next);
const connection: ConnectionState = selectConnection(next);
const statusName: ConnectionState['status'] = connection.status;
const counters: Counters = selectCounters(next);
const topicEvents: TopicEvent[] = selectTopicEvents(next);
const groupEvents: GroupEvent[] = selectGroupEvents(next);
const topics: TopicInfo[] = selectTopicList(next);
const groups: GroupInfo[] = selectGroupList(next);
const totalLag: number = selectTotalLag(next);
const topic: TopicInfo | undefined = selectTopic(next, 'orders');
const group: GroupInfo | undefined = selectGroup(next, 'billing');
const stat: TopicStat | undefined = selectTopicStat(next, 'orders');
const lag: ConsumerLag | undefined = selectConsumerLag(next, 'billing');
const trendOptions: LagTrendOptions = { samples: 10 };
const trend: LagTrend = lagTrend(history, 'billing', 'orders', trendOptions);
const direction: LagDirection = trend.direction;
const eta: number | null = estimateCatchUpSeconds(totalLag, trend.slopePerSec);
const key: string = lagKey('billing', 'orders');
const rest: string = `http://127.0.0.1:8080${MONITORING_REST_PATH}`;

const frame: ParsedFrame = parseFrame('{"type":"pong","data":null,"timestamp":1}\n');
const line: ServerMessage | TakhinError = parseLine('{"type":"pong","data":null,"timestamp":1}');
const types: readonly ServerMessageType[] = SERVER_MESSAGE_TYPES;
const encoded: string = encodeClientMessage('subscribe', 'topic:orders');
const fits: boolean = encoded.length <= MAX_CLIENT_MESSAGE_BYTES;
const clientMessage: ClientMessage = { type: 'subscribe', data: 'topic:orders', timestamp: 1 };
const groupState: GroupState = GROUP_STATES[0];
const interval: number = DEFAULT_METRICS_INTERVAL_MS;

const throughput: Throughput = { produceRate: 1, fetchRate: 1, produceBytes: 1, fetchBytes: 1 };
const latency: Latency = {
  produceP50: 1,
  produceP95: 1,
  produceP99: 1,
  fetchP50: 1,
  fetchP95: 1,
  fetchP99: 1,
};
const partitionLag: PartitionLag = { partition: 0, currentOffset: 1, logEndOffset: 2, lag: 1 };
const topicLag: TopicLag = { topic: 'orders', totalLag: 1, partitionLags: [partitionLag] };
const consumerLag: ConsumerLag = { groupId: 'billing', totalLag: 1, topicLags: [topicLag] };
const health: ClusterHealthData = {
  activeConnections: 0,
  totalTopics: 1,
  totalPartitions: 1,
  totalConsumers: 1,
  diskUsageBytes: 0,
  memoryUsageBytes: 0,
  goroutineCount: 1,
};
const raw: MonitoringMetrics = {
  throughput,
  latency,
  topicStats: [],
  consumerLags: [consumerLag],
  clusterHealth: health,
  timestamp: 1,
};
const baseline: RateBaseline | null = normalizeMetrics(raw, dialect, null, Date.now()).baseline;
const created: TopicCreatedData = { name: 'orders', partitions: 3 };
const deleted: TopicDeletedData = { name: 'orders' };
const updated: GroupUpdatedData = { groupId: 'billing', state: groupState, members: 2 };
const lifecycle: GroupLifecycleData = { groupId: 'billing' };
const failure = new TakhinError('invalid_json', 'not JSON', { line: 1 });

const partitionRow: PartitionLagRow = { ...partitionLag, consumeRate: null };
const topicRow: TopicLagRow = { topic: 'orders', totalLag: 1, partitionLags: [partitionRow], consumeRate: 2 };
const groupRow: ConsumerLagRow = { groupId: 'billing', totalLag: 1, topicLags: [topicRow], consumeRate: 2 };
const column: LagValues = lagValues({ billing: 1 });
const sampled: number | undefined = sampleLag(column, 'billing');
const entries: Array<[string, number]> = lagEntries(column);
const series: LagSeries = lagSeries(history, 'billing', 'orders');
const release: () => void = trackGroupLag(store, 'billing');
release();
export const lagHistory = { groupRow, sampled, entries, series };

const levelRule: LagLevelRule = {
  kind: 'level',
  warning: 100,
  critical: 1000,
  clearBelow: 0.8,
  calmSamples: 2,
};
const growthRule: LagGrowthRule = {
  kind: 'growth',
  name: 'runaway',
  minutes: 2,
  minRatePerSec: 50,
  level: 'critical',
};
const stuckRule: LagStuckRule = { kind: 'stuck', minutes: 3, level: 'warning' };
const alertRules: LagAlertRule[] = [levelRule, growthRule, stuckRule];
const alertSample: LagAlertSample = {
  time: 1000,
  consumerLags: [groupRow],
  topicStats: [{ name: 'orders', produceRate: 5 }],
};
const firstStep: LagAlertStep = evaluateLagAlerts(alertRules, undefined, alertSample);
const alertState: LagAlertState = firstStep.state;
const nextStep: LagAlertStep = evaluateLagAlerts(alertRules, alertState, { ...alertSample, time: 3000 });
const alertLevels: LagAlertLevel[] = nextStep.alerts.map((alert: LagAlert) => alert.level);
const alertHandlers: LagAlertHandlers = { onAlert: (alert) => alert.id, onResolve: (alert) => alert.since };
export const lagAlerts = { alertLevels, resolved: nextStep.resolved.length + nextStep.raised.length };

// ---- takhin-react: the React layer ---------------------------------------------------------------------

function Hooks(): JSX.Element {
  const all: Metrics | null = useMetrics();
  const rate: number = useMetrics((m) => m?.throughput.produceRate ?? 0);
  const samples: MetricsSample[] = useMetricsHistory();
  const count: number = useMetricsHistory((h) => h.length);
  const sizes: { topics: number; groups: number } = useMetrics(
    (m) => ({ topics: m?.topicStats.length ?? 0, groups: m?.consumerLags.length ?? 0 }),
    shallow,
  );
  const created: TopicEvent[] = useTopicEvents((event) => event.name);
  const changed: GroupEvent[] = useGroupEvents((event) => event.groupId);
  const status = useConnectionStatus();
  const state: ConnectionState = status;
  const topicList: TopicInfo[] = useTopics();
  const groupList: GroupInfo[] = useConsumerGroups();
  const attached: TakhinClient = useTakhinClient();
  const own: number = attached.store.getState().history.length;
  const billing: LagSeries = useLagSeries('billing', 'orders');
  const active: LagAlert[] = useLagAlerts(alertRules, alertHandlers);
  useSubscription('topic:orders');
  const [paused, setPaused] = useState(false);
  useEffect(() => setPaused(state.status !== 'open'), [state.status]);
  return (
    <p onClick={() => status.reconnect()}>
      {[all?.totalLag, rate, samples.length, count, created.length, changed.length, topicList.length]}
      {[groupList.length, own, paused, sizes.topics, sizes.groups]}
      {billing.known}
      {active.map((alert) => alert.timeBehindMs)}
    </p>
  );
}

const providerProps: TakhinProviderProps = { url: 'ws://127.0.0.1:8080/api/monitoring/ws', dialect: 'spec' };

export function HooksApp(): JSX.Element {
  return (
    <TakhinProvider {...providerProps} reconnect={{ maxRetries: 5 }} devtools={connectDevtools}>
      <Hooks />
      <TakhinProvider client={client}>
        <Hooks />
      </TakhinProvider>
    </TakhinProvider>
  );
}

// ---- takhin-react/devtools ----------------------------------------------------------------------------

const devtoolsOptions: DevtoolsOptions = { name: 'usage', inProduction: false };
const disconnectDevtools: () => void = connectDevtools(client.store, devtoolsOptions);
disconnectDevtools();
const changeName: string = actionName(client.store.getState(), client.store.getState());

// ---- takhin-react/components ---------------------------------------------------------------------------

const theme: TakhinTheme = 'dark';
const view: ViewState = 'live';
const rootProps: RootProps = { theme, className: 'mine', style: { maxWidth: 1200 }, 'aria-label': view };
const thresholds: LagThresholds = { ...DEFAULT_LAG_THRESHOLDS, critical: 50_000 };
const level: ThresholdLevel = 'warning';
const onCrossed = (crossing: ThresholdCrossing) => crossing.level === level;
const sortDirection: SortDirection = 'descending';
const lagSort: SortState<LagColumn> = { column: 'lag', direction: sortDirection };
const topicSort: SortState<TopicColumn> = { column: 'produceRate', direction: 'descending' };
const timeWindow: TimeWindow = '10m';
const windowMs: number = TIME_WINDOWS[timeWindow].ms;
const statusValue: ConnectionStatusValue = { status: 'reconnecting', attempt: 2 };
const connectionViewName: ConnectionView = connectionView(statusValue);
const formatOptions: FormatOptions = { locale: 'en-GB' };
const formatted: string[] = [
  formatBytes(1024, formatOptions),
  formatBytesRate(2048),
  formatCompact(12_345),
  formatCount(12_345),
  formatDuration(90),
  formatMs(12.5),
  formatRate(3.5),
  formatTime(Date.now()),
];
const rows: RowWindow = rowWindow(1000, 28, 10, 400, 5);
export const simLimits = [
  CONTROL_LIMITS,
  DEFAULT_KEEP_MESSAGE_BYTES,
  DEFAULT_KEEP_RECEIVED_BYTES,
  DEFAULT_MAX_CLIENTS,
  DEFAULT_MAX_PENDING_BYTES,
];

const dashboardProps: DashboardProps = {
  ...rootProps,
  thresholds,
  onThresholdCrossed: onCrossed,
  defaultWindow: timeWindow,
  chartWidth: windowMs / 1000,
  alertRules,
};
const csvRows: CsvValue[][] = [
  ['topic', 'lag'],
  ['=cmd', 1],
  [null, undefined],
  [true, csvField('a,b')],
];
const csvText: string = toCsv(csvRows);
export const exportCsv = (): void => downloadCsv('lag.csv', csvText);
const verdictInput: VerdictInput = {
  consumerLags: [consumerLag],
  thresholds,
  topics: stat ? [stat] : null,
  ratesKnown: true,
};
const verdict: LagVerdict = lagVerdict(verdictInput);
const worstGroup: VerdictGroup | undefined = verdict.worst[0];
const stripProps: LagAlertStripProps = {
  alerts: nextStep.alerts,
  onAlertSelect: (alert) => alert.groupId,
  verdict,
  freshness: worstGroup ? 'fresh' : 'none',
  onGroupSelect: (groupId) => groupId,
};
const lagProps: ConsumerLagTableProps = { data: [consumerLag], thresholds, defaultSort: lagSort };
const topicProps: TopicTableProps = { data: stat ? [stat] : [], defaultSort: topicSort };
const healthProps: ClusterHealthProps = { data: health };
const statusProps: ConnectionStatusProps = { status: statusValue, onRetry: () => client.reconnect() };
const feedProps: EventFeedProps = { topicEvents, groupEvents, limit: 20 };
const latencyProps: LatencyChartProps = { history, height: 200 };
const rateSource: RateSource = 'offsets';
const known: ThroughputKnown = { produceRate: true, fetchRate: true, produceBytes: true, fetchBytes: false };
const throughputProps: ThroughputChartProps = { history, view: 'both', source: rateSource, known };
const lagData: ConsumerLagData[] = [groupRow, consumerLag];
const lagChartProps: ConsumerLagChartProps = { history, top: 3, onGroupChange: (group) => group };
const sparklineProps: SparklineProps = { values: [1, 2, Number.NaN, 3], label: 'lag trend', width: 60 };
const overviewProps: ClusterOverviewProps = {
  clusters: [{ name: 'prod', url: 'ws://127.0.0.1:8080/api/monitoring/ws', dialect: 'takhin' }],
  onSelect: (cluster) => cluster.name,
};
const persisted: PersistHistoryOptions = { storage: 'session', maxBytes: 256 * 1024 };
const persistedToo: VanillaPersistHistoryOptions = persisted;
export const persistOptions: TakhinClientOptions = {
  url: 'ws://127.0.0.1:8080/api/monitoring/ws',
  persistHistory: persistedToo,
  shareAcrossTabs: true,
};
export const lagRows = { lagData };

function VirtualList(): JSX.Element {
  const options: VirtualRowsOptions = { count: 1000, rowHeight: 28, viewportHeight: 400, overscan: 5 };
  const virtual: VirtualRows = useVirtualRows(options);
  return <div ref={virtual.scrollRef} onScroll={virtual.onScroll} style={{ paddingTop: virtual.padTop }} />;
}

export function ComponentsApp(): JSX.Element {
  return (
    <TakhinProvider url="ws://127.0.0.1:8080/api/monitoring/ws">
      <Dashboard {...dashboardProps} />
      <ConsumerLagTable {...lagProps} />
      <TopicTable {...topicProps} />
      <ClusterHealth {...healthProps} />
      <ConnectionStatus {...statusProps} />
      <EventFeed {...feedProps} />
      <LagAlertStrip {...stripProps} />
      <Dashboard alerts={nextStep.alerts} />
      <LatencyChart {...latencyProps} />
      <ThroughputChart {...throughputProps} />
      <ConsumerLagChart {...lagChartProps} />
      <Sparkline {...sparklineProps} />
      <ClusterOverview {...overviewProps} />
      <VirtualList />
      <p data-view={connectionViewName}>{formatted.join(' ')}</p>
    </TakhinProvider>
  );
}

// ---- takhin-react/sim (Node only) ----------------------------------------------------------------------

export async function simulate(): Promise<void> {
  const auth: AuthOptions = { apiKey: 'secret' };
  const size: ClusterSize = 'small';
  const scenario: Scenario = SCENARIOS[0];
  const simulation: SimulationOptions = { size, scenario, intervalMs: 100 };
  const options: SimulatorOptions = { ...simulation, port: 0, host: '127.0.0.1', auth };
  const sim: Simulator = await startSimulator(options);
  const onMessage = (message: SimulatorEvents['message']) => {
    const received: ReceivedMessage = message;
    const decoded: DecodedClientMessage = received;
    return decoded.type;
  };
  const controls: SimulatorControls = sim;
  const stop = controls.on('message', onMessage);
  const dropped: DroppedMessage[] = sim.dropped;
  const subscriptions: ConnectionSubscriptions[] = sim.subscriptions;
  stop();
  await sim.close();

  const replayOptions: ReplayOptions = { file: 'recording.ndjson', speed: 2 };
  const replay: ReplaySimulator = await replaySimulator(replayOptions);
  await replay.close();
  const recording: Recording = await readRecording('recording.ndjson');
  const recordingLine: RecordingLine = { t: 0, c: 1, open: true };

  const shape: ClusterShape = resolveSize(size);
  const smallShape: ClusterShape = SIZES.small;
  const profile: ScenarioProfile = PROFILES[scenario];
  const clusterOptions: ClusterOptions = { seed: 7, size: shape, scenario };
  const model: ClusterModel = createCluster(clusterOptions);
  const again = new ClusterModel({ seed: 7 });
  const totals: ClusterTotals = model.totals;
  const stopEvents = model.onEvent((event: ClusterEvent) => event.type);
  stopEvents();
  const simTopic: SimTopic | undefined = model.topic('orders');
  const simGroup: SimGroup | undefined = model.group('billing');
  const kind: GroupKind | undefined = simGroup?.kind;
  const random: Random = createRandom(7);
  const forked = new Random(8).fork(1);
  const burstType: BurstType = 'topic_created';
  const events: ClusterEvent[] = burstEvents(model, 3, burstType);
  const big: MonitoringMetrics = oversizedMetrics(model, 'spec', 1_000_000);
  const tick: MonitoringMetrics = metricsFor(again, 'takhin', random);
  const verdict: ClientVerdict = decodeClientMessage('{"type":"ping"}');
  const reason: DropReason | undefined = verdict.ok ? undefined : verdict.reason;
  const wire: string = encodeMessage({ type: 'pong', data: null }, 1) + MALFORMED_LINES[0];
  const queue: number = CLIENT_QUEUE_LIMIT;

  const socketOptions: SimulatedSocketOptions = { seed: 7, intervalMs: 50 };
  const factory: SimulatedSocketFactory = createSimulatedSocketFactory(socketOptions);
  const control: SimulatedSocketControl = factory.control;
  const socket: WebSocketLike = factory('ws://simulated/api/monitoring/ws');
  const isSimulated: boolean = socket instanceof SimulatedSocket;
  control.dispose();

  console.log(dropped, subscriptions, recording, recordingLine, smallShape, profile, totals, simTopic, kind);
  console.log(forked, events, big, tick, reason, wire, queue, isSimulated);
}

/** Everything above, kept alive for `noUnusedLocals`. */
export const used = [
  rest,
  frame,
  line,
  types,
  fits,
  clientMessage,
  interval,
  baseline,
  created,
  deleted,
  updated,
  lifecycle,
  failure,
  metrics,
  statusName,
  counters,
  topics,
  groups,
  topic,
  group,
  lag,
  direction,
  eta,
  key,
  next,
  rows,
  changeName,
];
