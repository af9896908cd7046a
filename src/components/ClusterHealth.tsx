'use client';
import type { ClusterHealth as ClusterHealthData } from '../core/protocol.js';
import { formatBytes, formatCount, plural } from './format.js';
import { WaitingForMetrics } from './WaitingForMetrics.js';
import { cx } from './cx.js';
import type { RootProps } from './types.js';
import { select } from '../core/selectors.js';
import { useSource } from '../react/context.js';
import { useStaleAttribute } from './useDataAge.js';

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
   * Whether to show the active-connections tile. `'auto'` shows it once the server has reported a
   * connection count (the Takhin Console never counts, and sends 0); `true` always shows it, reading
   * "not reported" until then; `false` never shows it.
   * @default 'auto'
   */
  showConnections?: boolean | 'auto';
  /**
   * Whether the server reports active connections at all; sets `data-connections`.
   * @default the store's `metrics.connectionsReported`, else whether `data.activeConnections` is above 0
   */
  connectionsReported?: boolean;
  /**
   * Title above the tiles.
   * @default 'Cluster health'
   */
  title?: string;
  /** Locale for numbers. @default the runtime's */
  locale?: string;
}

/** How the cluster looks from its figures alone, exposed as `data-verdict`. */
type Verdict = 'up' | 'no-groups' | 'empty' | 'stale';

const VERDICT_ICONS: Record<Verdict, string> = { up: '✓', 'no-groups': 'i', empty: '○', stale: '⧗' };

function verdictOf(data: ClusterHealthData, stale: boolean, locale?: string): [Verdict, string] {
  const options = { locale };
  if (stale) return ['stale', 'No verdict: stale figures.'];
  if (data.totalTopics === 0) return ['empty', 'Empty: no topics yet.'];
  const topics = plural(data.totalTopics, 'topic', 'topics', options);
  if (data.totalConsumers === 0)
    return ['no-groups', `Up with ${topics}; no known consumer group reads them.`];
  return [
    'up',
    `Up: ${topics} in ${plural(data.totalPartitions, 'partition', 'partitions', options)}, read by ` +
      `${plural(data.totalConsumers, 'consumer group', 'consumer groups', options)}.`,
  ];
}

const DISK_TITLE = 'Size of all partitions on disk; the server reports no capacity.';

/**
 * A one-line verdict (up, no consumer groups, empty, or none while the figures are stale), then tiles
 * for topics, partitions, consumer groups, disk used, memory and goroutines.
 */
export function ClusterHealth(props: ClusterHealthProps) {
  const {
    data: dataProp,
    consumersLabel = 'Consumer groups',
    showConnections = 'auto',
    connectionsReported: reportedProp,
    title = 'Cluster health',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const data = useSource(dataProp, select.clusterHealth);
  const connectionsReported =
    useSource(reportedProp, select.connectionsReported) ?? (data ? data.activeConnections > 0 : false);
  const stale = useStaleAttribute();
  const options = { locale };
  const verdict = data ? verdictOf(data, stale !== undefined, locale) : null;
  const tiles: Array<[string, string, boolean?]> = data
    ? [
        ['Topics', formatCount(data.totalTopics, options)],
        ['Partitions', formatCount(data.totalPartitions, options)],
        [consumersLabel, formatCount(data.totalConsumers, options)],
        ['Disk used', formatBytes(data.diskUsageBytes, options)],
        ['Memory', formatBytes(data.memoryUsageBytes, options)],
        ['Goroutines', formatCount(data.goroutineCount, options)],
      ]
    : [];
  // An unreported count is never shown as 0: the real Console sends 0 whatever the truth.
  if (data && connectionsReported && showConnections !== false)
    tiles.push(['Connections', formatCount(data.activeConnections, options)]);
  else if (data && showConnections === true) tiles.push(['Connections', 'not reported', true]);

  return (
    <section
      {...rest}
      className={cx('takhin', 'takhin-panel', 'takhin-health', className)}
      data-theme={theme}
      data-state={data ? 'live' : 'loading'}
      data-connections={data ? (connectionsReported ? 'reported' : 'not-reported') : undefined}
      data-verdict={verdict?.[0]}
      data-stale={stale}
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{title}</h2>
      </header>
      {verdict && (
        <p className="takhin-verdict" data-verdict={verdict[0]}>
          <span className="takhin-verdict-icon" aria-hidden="true">
            {VERDICT_ICONS[verdict[0]]}
          </span>
          {verdict[1]}
        </p>
      )}
      {data ? (
        <dl className="takhin-tiles">
          {tiles.map(([label, value, notReported]) => (
            <div
              className="takhin-tile"
              key={label}
              data-reported={notReported ? 'false' : undefined}
              title={
                notReported
                  ? 'The server has only ever sent 0 (the Takhin Console does not count connections).'
                  : label === 'Disk used'
                    ? DISK_TITLE
                    : undefined
              }
            >
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <WaitingForMetrics />
      )}
    </section>
  );
}
