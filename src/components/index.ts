'use client';
/**
 * `takhin-react/components`: prebuilt views over the Takhin monitoring stream. Each works inside a
 * `TakhinProvider` (reading the store) and standalone from props; import `takhin-react/styles.css`
 * once for the default theme.
 */
export { Dashboard } from './Dashboard.js';
export type { DashboardProps } from './Dashboard.js';
export { TIME_WINDOWS } from './DashboardControls.js';
export type { TimeWindow } from './DashboardControls.js';
export { LatencyChart } from './LatencyChart.js';
export type { LatencyChartProps } from './LatencyChart.js';
export { ThroughputChart } from './ThroughputChart.js';
export type { ThroughputChartProps, ThroughputKnown } from './ThroughputChart.js';
export type { RateSource } from './RateSourceBadge.js';
export { ConsumerLagChart } from './ConsumerLagChart.js';
export type { ConsumerLagChartProps } from './ConsumerLagChart.js';
export { Sparkline } from './Sparkline.js';
export type { SparklineProps } from './Sparkline.js';
export { ConsumerLagTable, DEFAULT_LAG_THRESHOLDS } from './ConsumerLagTable.js';
export type { ConsumerLagTableProps } from './ConsumerLagTable.js';
export type { ConsumerLagData, LagColumn, LagThresholds, ThresholdLevel } from './lagRows.js';
export type { ThresholdCrossing } from './useThresholdAlerts.js';
export { TopicTable } from './TopicTable.js';
export type { TopicColumn, TopicTableProps } from './TopicTable.js';
export { ClusterHealth } from './ClusterHealth.js';
export { ClusterOverview } from './ClusterOverview.js';
export type { ClusterOverviewProps } from './ClusterOverview.js';
export type { ClusterHealthProps } from './ClusterHealth.js';
export { ConnectionStatus, connectionView } from './ConnectionStatus.js';
export type { ConnectionStatusProps, ConnectionStatusValue, ConnectionView } from './ConnectionStatus.js';
export { EventFeed } from './EventFeed.js';
export type { EventFeedProps } from './EventFeed.js';
export { useVirtualRows, rowWindow } from './useVirtualRows.js';
export type { RowWindow, VirtualRows, VirtualRowsOptions } from './useVirtualRows.js';
export type { SortDirection, SortState } from './sorting.js';
export type { RootProps, TakhinTheme, ViewState } from './types.js';
export {
  formatBytes,
  formatBytesRate,
  formatCompact,
  formatCount,
  formatDuration,
  formatMs,
  formatRate,
  formatTime,
} from './format.js';
export type { FormatOptions } from './format.js';
export { LagAlertStrip } from './LagAlertStrip.js';
export type { LagAlertStripProps } from './LagAlertStrip.js';
export { lagVerdict } from './lagVerdict.js';
export type { LagVerdict, VerdictGroup, VerdictInput } from './lagVerdict.js';
export { csvField, downloadCsv, toCsv } from './toCsv.js';
export type { CsvValue } from './toCsv.js';
