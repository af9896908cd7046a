'use client';
import type { ClusterHealth as ClusterHealthData } from '../core/protocol.js';
import { formatBytes, formatCount } from './format.js';
import { StateMessage, WAITING_FOR_METRICS } from './StateMessage.js';
import { cx } from './types.js';
import type { RootProps } from './types.js';
import { select, useSource } from './useSource.js';

export interface ClusterHealthProps extends RootProps {
  /**
   * Cluster figures to show; `null` means "no metrics yet". Wins over the provider's store.
   * @default the store's latest `metrics.clusterHealth`
   */
  data?: ClusterHealthData | null;
  /**
   * Label of the `totalConsumers` tile. The real server counts consumer groups there.
   * @default 'Consumer groups'
   */
  consumersLabel?: string;
  /**
   * Whether to show the active-connections tile (the real server always reports 0).
   * @default false
   */
  showConnections?: boolean;
  /**
   * Title above the tiles.
   * @default 'Cluster health'
   */
  title?: string;
  /** Locale for numbers. @default the runtime's */
  locale?: string;
}

/** Tiles for topics, partitions, consumer groups, disk, memory and goroutines. */
export function ClusterHealth(props: ClusterHealthProps) {
  const {
    data: dataProp,
    consumersLabel = 'Consumer groups',
    showConnections = false,
    title = 'Cluster health',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const data = useSource(dataProp, select.clusterHealth);
  const options = { locale };
  const tiles: Array<[string, string]> = data
    ? [
        ['Topics', formatCount(data.totalTopics, options)],
        ['Partitions', formatCount(data.totalPartitions, options)],
        [consumersLabel, formatCount(data.totalConsumers, options)],
        ['Disk', formatBytes(data.diskUsageBytes, options)],
        ['Memory', formatBytes(data.memoryUsageBytes, options)],
        ['Goroutines', formatCount(data.goroutineCount, options)],
      ]
    : [];
  if (data && showConnections) tiles.push(['Connections', formatCount(data.activeConnections, options)]);

  return (
    <section
      {...rest}
      className={cx('takhin', 'takhin-panel', 'takhin-health', className)}
      data-theme={theme}
      data-state={data ? 'live' : 'loading'}
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{title}</h2>
      </header>
      {data ? (
        <dl className="takhin-tiles">
          {tiles.map(([label, value]) => (
            <div className="takhin-tile" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <StateMessage kind="loading">{WAITING_FOR_METRICS}</StateMessage>
      )}
    </section>
  );
}
