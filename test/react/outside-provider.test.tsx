import { render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import {
  useConnectionStatus,
  useConsumerGroups,
  useMetrics,
  useMetricsHistory,
  useSubscription,
  useTakhinClient,
  useTopicEvents,
  useTopics,
  useGroupEvents,
} from '../../src/index.js';
import { useTakhinStore } from '../../src/react/context.js';

const HOOKS: Record<string, () => unknown> = {
  useMetrics: () => useMetrics(),
  useMetricsHistory: () => useMetricsHistory(),
  useTopicEvents: () => useTopicEvents(),
  useGroupEvents: () => useGroupEvents(),
  useConnectionStatus: () => useConnectionStatus(),
  useSubscription: () => useSubscription('topic:orders'),
  useTopics: () => useTopics(),
  useConsumerGroups: () => useConsumerGroups(),
  useTakhinClient: () => useTakhinClient(),
  useTakhinStore: () => useTakhinStore((state) => state.connection),
};

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  // React logs the error a render threw before rethrowing it; the assertion is on the thrown one.
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  consoleError.mockRestore();
});

describe('a hook outside <TakhinProvider>', () => {
  for (const [name, call] of Object.entries(HOOKS)) {
    it(`${name} throws an error that names it and the provider`, () => {
      function Outside() {
        call();
        return null;
      }
      expect(() => render(<Outside />)).toThrow(
        `takhin-react: ${name} must be used inside <TakhinProvider>. Wrap your tree in <TakhinProvider url=`,
      );
    });
  }
});
