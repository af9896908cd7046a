import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import './report-failed-attempts.js';

afterEach(() => {
  cleanup();
});
