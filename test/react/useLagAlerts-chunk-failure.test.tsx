import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { expect, it, vi } from 'vitest';
import { TakhinProvider, useLagAlerts, type TakhinError } from '../../src/index.js';
import { loadLagAlertEvaluator } from '../../src/react/useLagAlerts.js';
import { handDrivenClient } from '../helpers/handDrivenClient.js';
import { makeConsumerLag } from '../core/fixtures.js';

// The evaluator is a chunk loaded on first use; one that cannot be loaded is an error through the
// provider's client (onError, listeners), and the hook returns no alerts instead of throwing.

vi.mock('../../src/react/lagAlertEvaluator.js', () => {
  throw new Error('chunk unavailable');
});

it('a chunk that cannot be loaded is one chunk_load_failed error, and no alert', async () => {
  const { client, tick } = handDrivenClient();
  const errors: TakhinError[] = [];
  client.on('error', (error) => errors.push(error));
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <TakhinProvider client={client}>{children}</TakhinProvider>
  );
  const { result } = renderHook(() => useLagAlerts([{ kind: 'level', warning: 100 }]), { wrapper });
  tick({ consumerLags: [makeConsumerLag('g', { t: [150] })] });
  await act(async () => {
    await expect(loadLagAlertEvaluator()).rejects.toThrow();
  });
  expect(errors.map((e) => [e.code, e.fatal])).toEqual([['chunk_load_failed', false]]);
  expect(errors[0].message).toMatch(/^Could not load the code of useLagAlerts: /);
  expect(result.current).toEqual([]);
  // The next sample tries again; the client reports the feature once.
  tick({ consumerLags: [makeConsumerLag('g', { t: [160] })] });
  await act(async () => {
    await expect(loadLagAlertEvaluator()).rejects.toThrow();
  });
  expect(errors).toHaveLength(1);
});
