import { useState } from 'react';
import type { FormEvent } from 'react';
import { useConsumerGroups, useTopics } from 'takhin-react';
import type { SimApi } from './simApi.js';

/** How long the crash and stall buttons take the simulator away. */
export const OUTAGE_SECONDS = 10;

export interface SimControlsProps {
  api: SimApi;
  /** Whether the simulator feeds its counters (`npm start -- --instrumented`), for the hint shown. */
  instrumented?: boolean;
}

/**
 * Buttons on the simulator's REST API, so a person can make events, lag and reconnection happen and
 * watch the dashboard react.
 */
export function SimControls({ api, instrumented = false }: SimControlsProps) {
  const topics = useTopics();
  const groups = useConsumerGroups();
  const [created, setCreated] = useState(1);
  const [name, setName] = useState('demo-topic-1');
  const [partitions, setPartitions] = useState(3);
  const [topicChoice, setTopicChoice] = useState('');
  const [groupChoice, setGroupChoice] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  // A Kafka client's topic changes reach the Console's socket as no event: the page has to infer them.
  const [silent, setSilent] = useState(false);

  // A choice that no longer exists (deleted topic, dead group) falls back to the first one listed.
  const topic = topics.some((t) => t.name === topicChoice) ? topicChoice : (topics[0]?.name ?? '');
  const group = groups.some((g) => g.groupId === groupChoice) ? groupChoice : (groups[0]?.groupId ?? '');

  async function run(action: () => Promise<string>) {
    setBusy(true);
    try {
      setStatus(await action());
    } finally {
      setBusy(false);
    }
  }

  function createTopic(event: FormEvent) {
    event.preventDefault();
    const topicName = name.trim();
    if (!topicName) return;
    void run(async () => {
      const result = await api.createTopic(topicName, partitions, silent);
      const next = created + 1;
      setCreated(next);
      setName(`demo-topic-${next}`);
      return result;
    });
  }

  return (
    <section className="demo-controls" aria-label="Simulator controls">
      <h2 className="demo-controls-title">Simulator controls</h2>
      <p className="demo-controls-mode">
        {instrumented
          ? 'Instrumented server: counters and latency move, group_updated is sent.'
          : 'Real Console view: throughput and latency stay at 0 on the wire; rates come from offsets. Run npm start -- --instrumented for a server that feeds them.'}
      </p>
      <label className="demo-control">
        <input type="checkbox" checked={silent} onChange={(event) => setSilent(event.target.checked)} />
        Change topics as a Kafka client (no event: the page infers it)
      </label>
      <form className="demo-control" onSubmit={createTopic}>
        <input
          className="takhin-filter"
          aria-label="New topic name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={249}
        />
        <input
          className="takhin-filter"
          aria-label="Partitions"
          type="number"
          min={1}
          max={64}
          value={partitions}
          onChange={(event) => setPartitions(Math.max(1, Math.min(64, Number(event.target.value) || 1)))}
        />
        <button type="submit" className="takhin-button" disabled={busy || name.trim() === ''}>
          Create topic
        </button>
      </form>
      <div className="demo-control">
        <select
          className="takhin-filter"
          aria-label="Topic to delete"
          value={topic}
          onChange={(event) => setTopicChoice(event.target.value)}
        >
          {topics.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="takhin-button"
          disabled={busy || !topic}
          onClick={() => void run(() => api.deleteTopic(topic, silent))}
        >
          Delete topic
        </button>
      </div>
      <div className="demo-control">
        <select
          className="takhin-filter"
          aria-label="Consumer group"
          value={group}
          onChange={(event) => setGroupChoice(event.target.value)}
        >
          {groups.map((g) => (
            <option key={g.groupId} value={g.groupId}>
              {g.groupId}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="takhin-button"
          disabled={busy || !group}
          onClick={() => void run(() => api.stallGroup(group))}
        >
          Stall group
        </button>
        <button
          type="button"
          className="takhin-button"
          disabled={busy || !group}
          onClick={() => void run(() => api.resumeGroup(group))}
        >
          Resume group
        </button>
      </div>
      <div className="demo-control">
        <button
          type="button"
          className="takhin-button"
          disabled={busy}
          onClick={() => void run(() => api.crash(OUTAGE_SECONDS))}
        >
          Crash server for {OUTAGE_SECONDS} s
        </button>
        <button
          type="button"
          className="takhin-button"
          disabled={busy}
          onClick={() => void run(() => api.stall(OUTAGE_SECONDS))}
        >
          Silence server for {OUTAGE_SECONDS} s
        </button>
      </div>
      <p className="demo-controls-status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
