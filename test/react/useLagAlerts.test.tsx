import { renderHook } from '@testing-library/react';
import { StrictMode } from 'react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { TakhinProvider, useLagAlerts } from '../../src/index.js';
import type { LagAlertRule } from '../../src/index.js';
import { handDrivenClient } from '../helpers/handDrivenClient.js';
import { makeConsumerLag } from '../core/fixtures.js';

describe('useLagAlerts', () => {
  it('returns the active alerts and calls each handler once per transition, under StrictMode', () => {
    const { client, tick } = handDrivenClient();
    const onAlert = vi.fn();
    const onResolve = vi.fn();
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <StrictMode>
        <TakhinProvider client={client}>{children}</TakhinProvider>
      </StrictMode>
    );
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
