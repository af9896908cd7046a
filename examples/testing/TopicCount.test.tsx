// @vitest-environment happy-dom
/**
 * Recipe: test a component of your app in Vitest (happy-dom) against the in-memory simulated server. No
 * network, no timers to fake: the provider runs its real client over a simulated socket.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { TakhinProvider } from 'takhin-react';
import { createSimulatedSocketFactory } from 'takhin-react/sim/browser';
import { TopicCount } from './TopicCount.js';

afterEach(() => cleanup());

it('shows the topic count of the simulated cluster, and follows a new topic', async () => {
  // A small seeded cluster (6 topics); metrics every 100 ms instead of 2 s.
  const factory = createSimulatedSocketFactory({ size: 'small', seed: 1, intervalMs: 100 });
  try {
    render(
      <TakhinProvider url="ws://simulated.invalid/api/monitoring/ws" createWebSocket={factory}>
        <TopicCount />
      </TakhinProvider>,
    );
    expect(await screen.findByText(/6 topics/)).toBeTruthy();
    expect(screen.getByTestId('status').textContent).toBe('open');

    factory.control.createTopic('orders-archive', 3);
    expect(await screen.findByText(/7 topics/)).toBeTruthy();
  } finally {
    factory.control.dispose();
  }
});
