import { act, renderHook } from '@testing-library/react';
import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { TakhinProvider, useLagAlerts } from '../../src/index.js';
import type { LagAlertRule, TakhinClient } from '../../src/index.js';
import { loadLagAlertEvaluator } from '../../src/react/useLagAlerts.js';
import { handDrivenClient } from '../helpers/handDrivenClient.js';
import { makeConsumerLag } from '../core/fixtures.js';

/** A wrapper rendering under StrictMode inside a provider of `client`. */
const strictProvider =
  (client: TakhinClient) =>
  ({ children }: { children?: ReactNode }) => (
    <StrictMode>
      <TakhinProvider client={client}>{children}</TakhinProvider>
    </StrictMode>
  );

describe('useLagAlerts', () => {
  // First in the file: the evaluator is loaded on first use, once for the whole module.
  it('evaluates the samples that came before its code was loaded, in order, once it is', async () => {
    const { client, tick } = handDrivenClient();
    const onAlert = vi.fn();
    const onResolve = vi.fn();
    const wrapper = strictProvider(client);
    const { result } = renderHook(
      () => useLagAlerts([{ kind: 'level', warning: 100 } satisfies LagAlertRule], { onAlert, onResolve }),
      { wrapper },
    );
    tick({ consumerLags: [makeConsumerLag('g', { t: [150] })] });
    tick({ consumerLags: [makeConsumerLag('g', { t: [10] })] });
    tick({ consumerLags: [makeConsumerLag('g', { t: [170] })] });
    // Waits for the load itself (an event, not a timer); the hook's callback runs before this resumes.
    await act(async () => {
      await loadLagAlertEvaluator();
    });
    expect(onAlert.mock.calls.map(([alert]) => alert.lag)).toEqual([150, 170]);
    expect(onResolve.mock.calls.map(([alert]) => alert.lag)).toEqual([150]);
    expect(result.current).toEqual([expect.objectContaining({ groupId: 'g', level: 'warning', lag: 170 })]);
  });

  it('returns the active alerts and calls each handler once per transition, under StrictMode', () => {
    const { client, tick } = handDrivenClient();
    const onAlert = vi.fn();
    const onResolve = vi.fn();
    const wrapper = strictProvider(client);
    const { result, rerender } = renderHook(
      // A new rules array and new handlers on every render must not reset anything.
      () => useLagAlerts([{ kind: 'level', warning: 100 } satisfies LagAlertRule], { onAlert, onResolve }),
      { wrapper },
    );
    expect(result.current).toEqual([]);
    tick({ consumerLags: [makeConsumerLag('g', { t: [150] })] });
    expect(result.current).toEqual([expect.objectContaining({ groupId: 'g', level: 'warning', lag: 150 })]);
    rerender();
    tick({ consumerLags: [makeConsumerLag('g', { t: [160] })] });
    expect(onAlert).toHaveBeenCalledTimes(1);
    expect(result.current[0]?.lag).toBe(160);
    tick({ consumerLags: [makeConsumerLag('g', { t: [10] })] });
    expect(result.current).toEqual([]);
    expect(onResolve).toHaveBeenCalledTimes(1);
    expect(onResolve).toHaveBeenCalledWith(expect.objectContaining({ groupId: 'g', lag: 160 }));
  });
});
