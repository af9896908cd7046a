import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../../src/components/styles.css';
import { ClusterOverview } from '../../src/components/index.js';
import { TakhinProvider } from '../../src/react/index.js';
import { createSimulatedSocketFactory } from '../../src/sim/browser.js';
import { connections, makeSeries, smallCluster } from '../../stories/fixtures.js';

const series = makeSeries(smallCluster, 10);

describe('ClusterOverview', () => {
  it('shows each cluster given as data: status, topics, lag, worst group and alert level', () => {
    render(
      <ClusterOverview
        clusters={[
          {
            name: 'prod',
            data: { connection: connections.live(), metrics: series.metrics, history: series.history },
          },
          { name: 'lab', data: { connection: connections.error(), metrics: null } },
        ]}
        thresholds={{ warning: 1, critical: Number.MAX_SAFE_INTEGER }}
      />,
    );
    const [prod, lab] = screen.getAllByRole('listitem');
    expect(prod.dataset.state).toBe('live');
    expect(prod.dataset.level).toBe('warning');
    expect(within(prod).getByText('Topics').nextElementSibling!.textContent).toBe(
      String(series.metrics!.topicStats.length),
    );
    const worst = [...series.metrics!.consumerLags].sort((a, b) => b.totalLag - a.totalLag)[0];
    expect(within(prod).getByText(new RegExp(`^${worst.groupId} `))).toBeTruthy();
    expect(prod.querySelector('.takhin-cluster-card-spark path')).not.toBeNull();
    expect(lab.dataset.state).toBe('error');
    expect(within(lab).getByText(/Gave up after 10 attempts/)).toBeTruthy();
    // Without onSelect the names are not buttons.
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lays out providers given as children, each card reading its own store, and tells which was chosen', async () => {
    const onSelect = vi.fn();
    const factories = [1, 2].map((seed) => createSimulatedSocketFactory({ intervalMs: 100, seed }));
    const { unmount } = render(
      <ClusterOverview onSelect={onSelect}>
        {factories.map((factory, i) => (
          <TakhinProvider
            key={i}
            url={`ws://cluster-${i}.invalid/api/monitoring/ws`}
            createWebSocket={factory}
            dialect="takhin"
          >
            <ClusterOverview name={`cluster ${i}`} />
          </TakhinProvider>
        ))}
      </ClusterOverview>,
    );
    await waitFor(
      () =>
        expect(screen.getAllByRole('listitem').map((card) => card.dataset.state)).toEqual(['live', 'live']),
      {
        timeout: 5000,
      },
    );
    fireEvent.click(screen.getByRole('button', { name: 'cluster 1' }));
    expect(onSelect).toHaveBeenCalledWith({ name: 'cluster 1' });
    unmount();
    for (const factory of factories) factory.control.dispose();
  });
});
