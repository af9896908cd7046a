import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * Prints one plain `N passed, N failed, N skipped` line after every run, the form CI systems read,
 * alongside Vitest's own summary. It also fails the run when any project lets a test pass on a second
 * try: a test that needs a retry hides a race in the test or in the library.
 */
export default class SummaryReporter implements Reporter {
  #retrying: string[] = [];

  onInit(vitest: Vitest): void {
    this.#retrying = vitest.projects
      .filter((project) => (project.config.retry ?? 0) !== 0)
      .map((project) => project.name);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed += 1;
    }
    if (this.#retrying.length > 0) {
      process.stdout.write(
        `\nretry is configured for ${this.#retrying.join(', ')}: no test may pass on a second try`,
      );
      process.exitCode = 1;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
