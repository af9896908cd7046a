import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A second process that keeps one core busy (a tight loop), for the "loaded machine" passes: the page
 * then shares its cores with it, as on a developer's laptop running a build. Stopped by its own id.
 */
export class BusyCore {
  private constructor(private readonly child: ChildProcess) {}

  static start(): BusyCore {
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    return new BusyCore(child);
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}
