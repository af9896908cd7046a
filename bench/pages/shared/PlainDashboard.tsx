/**
 * The view both baselines render, as an app written from the quick reference would: plain tables of
 * every row (no virtualization), numbers through toLocaleString, and two recharts line charts over the
 * history kept in component state. Everything re-renders whenever its props change.
 */
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { MonitoringMetrics } from '../../../src/core/protocol.js';

export interface Sample {
  time: number;
  produceRate: number;
  fetchRate: number;
  produceP50: number;
  produceP95: number;
  produceP99: number;
}

export interface TopicEventRow {
  type: string;
  name: string;
  partitions?: number;
}

export const HISTORY_SIZE = 300;
export const EVENT_ROWS = 200;

export function sampleOf(metrics: MonitoringMetrics): Sample {
  return {
    time: metrics.timestamp,
    produceRate: metrics.throughput.produceRate,
    fetchRate: metrics.throughput.fetchRate,
    produceP50: metrics.latency.produceP50,
    produceP95: metrics.latency.produceP95,
    produceP99: metrics.latency.produceP99,
  };
}

function Health({ metrics }: { metrics: MonitoringMetrics }) {
  const h = metrics.clusterHealth;
  return (
    <dl className="health">
      <dt>Topics</dt>
      <dd>{h.totalTopics.toLocaleString()}</dd>
      <dt>Partitions</dt>
      <dd>{h.totalPartitions.toLocaleString()}</dd>
      <dt>Consumers</dt>
      <dd>{h.totalConsumers.toLocaleString()}</dd>
      <dt>Connections</dt>
      <dd>{h.activeConnections.toLocaleString()}</dd>
      <dt>Disk</dt>
      <dd>{h.diskUsageBytes.toLocaleString()} B</dd>
      <dt>Memory</dt>
      <dd>{h.memoryUsageBytes.toLocaleString()} B</dd>
      <dt>Goroutines</dt>
      <dd>{h.goroutineCount.toLocaleString()}</dd>
    </dl>
  );
}

function Charts({ history }: { history: Sample[] }) {
  return (
    <div className="charts">
      <LineChart width={560} height={220} data={history}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="time" />
        <YAxis />
        <Tooltip />
        <Legend />
        <Line type="monotone" dataKey="produceRate" dot={false} isAnimationActive={false} />
        <Line type="monotone" dataKey="fetchRate" dot={false} isAnimationActive={false} />
      </LineChart>
      <LineChart width={560} height={220} data={history}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="time" />
        <YAxis />
        <Tooltip />
        <Legend />
        <Line type="monotone" dataKey="produceP50" dot={false} isAnimationActive={false} />
        <Line type="monotone" dataKey="produceP95" dot={false} isAnimationActive={false} />
        <Line type="monotone" dataKey="produceP99" dot={false} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}

function Topics({ metrics }: { metrics: MonitoringMetrics }) {
  const rows = [...metrics.topicStats].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return (
    <table className="topics">
      <thead>
        <tr>
          <th>Topic</th>
          <th>Partitions</th>
          <th>Messages</th>
          <th>Bytes</th>
          <th>Produce/s</th>
          <th>Fetch/s</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.name}>
            <td>{t.name}</td>
            <td>{t.partitions}</td>
            <td>{t.totalMessages.toLocaleString()}</td>
            <td>{t.totalBytes.toLocaleString()}</td>
            <td>{t.produceRate.toLocaleString()}</td>
            <td>{t.fetchRate.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Lag({ metrics }: { metrics: MonitoringMetrics }) {
  const rows = [...metrics.consumerLags].sort((a, b) => b.totalLag - a.totalLag);
  return (
    <table className="lag">
      <thead>
        <tr>
          <th>Group</th>
          <th>Topics</th>
          <th>Lag</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.groupId}>
            <td>{g.groupId}</td>
            <td>{g.topicLags.length}</td>
            <td>{g.totalLag.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Events({ events }: { events: TopicEventRow[] }) {
  return (
    <ul className="events">
      {events.slice(-50).map((e, i) => (
        <li key={i}>
          {e.type} {e.name}
          {e.partitions === undefined ? '' : ` (${e.partitions})`}
        </li>
      ))}
    </ul>
  );
}

export function PlainDashboard({
  metrics,
  history,
  events,
}: {
  metrics: MonitoringMetrics | null;
  history: Sample[];
  events: TopicEventRow[];
}) {
  return (
    <div className="dashboard">
      <h2>Takhin cluster</h2>
      {metrics === null ? <p>Waiting for metrics…</p> : <Health metrics={metrics} />}
      <Charts history={history} />
      {metrics && <Topics metrics={metrics} />}
      {metrics && <Lag metrics={metrics} />}
      <Events events={events} />
    </div>
  );
}
