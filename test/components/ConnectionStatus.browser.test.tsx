import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../../src/components/styles.css';
import { ConnectionStatus } from '../../src/components/index.js';
import { connections } from '../../stories/fixtures.js';

describe('ConnectionStatus', () => {
  it('shows each state in words and as data-state', () => {
    const { rerender } = render(<ConnectionStatus status={connections.live()} data-testid="root" />);
    const root = () => screen.getByTestId('root');
    expect(root().dataset.state).toBe('live');
    expect(screen.getByRole('status').textContent).toBe('Live');

    rerender(<ConnectionStatus status={connections.connecting()} data-testid="root" />);
    expect(root().dataset.state).toBe('connecting');
    expect(screen.getByRole('status').textContent).toBe('Connecting…');

    rerender(<ConnectionStatus status={connections.offline()} data-testid="root" />);
    expect(root().dataset.state).toBe('offline');
    expect(screen.getByRole('status').textContent).toBe('Offline');

    rerender(<ConnectionStatus status={connections.error()} data-testid="root" />);
    expect(root().dataset.state).toBe('error');
    expect(screen.getByText(/Gave up after 10 attempts/)).toBeTruthy();

    rerender(<ConnectionStatus status={{ status: 'idle' }} data-testid="root" />);
    expect(root().dataset.state).toBe('connecting');
  });

  it('counts down to the next attempt and retries on demand', async () => {
    const onRetry = vi.fn();
    render(<ConnectionStatus status={connections.reconnecting(2500)} onRetry={onRetry} />);
    expect(screen.getByRole('status').textContent).toBe('Reconnecting in 3 s');
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Reconnecting in 2 s'), {
      timeout: 2000,
    });
    expect(screen.getByText(/code 1006/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('reads "Reconnecting…" once the retry time has passed', () => {
    render(<ConnectionStatus status={connections.reconnecting(-1000)} />);
    expect(screen.getByRole('status').textContent).toBe('Reconnecting…');
  });

  it('offers no retry button while live, nor without anything to call', () => {
    const { rerender } = render(<ConnectionStatus status={connections.live()} onRetry={() => {}} />);
    expect(screen.queryByRole('button')).toBeNull();
    rerender(<ConnectionStatus status={connections.offline()} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
