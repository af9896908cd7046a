import { render, screen } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { shallow, useMetrics, useMetricsHistory, type Metrics } from '../../src/index.js';
import { handDrivenClient, withClient } from '../helpers/handDrivenClient.js';

const TOPIC = {
  name: 'orders',
  partitions: 3,
  totalMessages: 1,
  totalBytes: 1,
  produceRate: 0,
  fetchRate: 0,
};

/** Builds a new object on every call: equal by `shallow`, never by `Object.is`. */
const counts = (m: Metrics | null) => ({
  topics: m?.topicStats.length ?? 0,
  partitions: m?.clusterHealth.totalPartitions ?? 0,
});

let warn: MockInstance<typeof console.warn>;
const selectorWarnings = () =>
  warn.mock.calls.filter(([message]) => String(message).includes('a selector returned a new value'));

beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  warn.mockRestore();
});

function Counts({ equality }: { equality?: typeof shallow }) {
  const value = useMetrics(counts, equality);
  return (
    <p data-testid="counts">
      {value.topics}/{value.partitions}
    </p>
  );
}

/** Renders `children` under a Profiler and counts its commits. */
function renderCounted(ui: React.ReactNode, client: ReturnType<typeof handDrivenClient>['client']) {
  const commits = { count: 0 };
  render(
    <Profiler id="counted" onRender={() => commits.count++}>
      {ui}
    </Profiler>,
    { wrapper: withClient(client) },
  );
  return commits;
}

describe('selectors that build objects', () => {
  it('warns once, in development, for a selector that returns a new value for the same state', () => {
    const { client, tick } = handDrivenClient();
    const commits = renderCounted(<Counts />, client);
    tick();
    tick();
    tick({ topicStats: [TOPIC] });
    expect(screen.getByTestId('counts').textContent).toBe('1/3');
    expect(selectorWarnings()).toHaveLength(1);
    expect(String(selectorWarnings()[0][0])).toContain('shallow');
    // Without an equality every tick re-renders, even when the numbers did not change.
    expect(commits.count).toBeGreaterThanOrEqual(4);
  });

  it('does not warn for a selector that returns a stable value', () => {
    const { client, tick } = handDrivenClient();
    function Stable() {
      const rate = useMetrics((m) => m?.throughput.produceRate ?? 0);
      const history = useMetricsHistory();
      const topics = useMetrics((m) => m?.topicStats ?? null);
      return (
        <p>
          {rate} {history.length} {topics?.length}
        </p>
      );
    }
    renderCounted(<Stable />, client);
    tick();
    tick({ throughput: { produceRate: 5, fetchRate: 0, produceBytes: 0, fetchBytes: 0 } });
    expect(selectorWarnings()).toHaveLength(0);
  });

  it('with `shallow`, neither warns nor re-renders while the slice is unchanged', () => {
    const { client, tick } = handDrivenClient();
    const commits = renderCounted(<Counts equality={shallow} />, client);
    const mounted = commits.count;
    tick();
    const afterFirstTick = commits.count;
    expect(afterFirstTick).toBe(mounted);
    tick();
    tick();
    expect(commits.count).toBe(afterFirstTick);
    tick({ topicStats: [TOPIC] });
    expect(screen.getByTestId('counts').textContent).toBe('1/3');
    expect(commits.count).toBe(afterFirstTick + 1);
    expect(selectorWarnings()).toHaveLength(0);
  });
});
