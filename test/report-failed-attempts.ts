import { beforeEach } from 'vitest';

/**
 * Prints why each failed attempt failed. The projects that talk to real browsers and sockets retry a
 * failed test once; without this, a test that passes on its retry would leave no trace of its first
 * failure (the summary names such tests, this line says why).
 */
beforeEach(({ onTestFailed, task }) => {
  onTestFailed(() => {
    const attempt = (task.result?.retryCount ?? 0) + 1;
    const reasons = (task.result?.errors ?? []).map((error) => error.message ?? String(error));
    console.error(`attempt ${attempt} of "${task.fullName ?? task.name}" failed: ${reasons.join(' | ')}`);
  });
});
