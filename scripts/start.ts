import { demoBanner } from './demo-banner.js';
import { DEMO_HELP, UsageError, parseDemoArgs } from './demo-args.js';
import type { DemoCommand } from './demo-args.js';
import type { Demo } from './demo-server.js';
import { TargetError } from './demo-target.js';

/** How long closing may take before the process exits anyway (a half-open socket must not hang Ctrl+C). */
const CLOSE_GRACE_MS = 5000;

async function main(argv: readonly string[]): Promise<number | null> {
  let command: DemoCommand;
  try {
    command = parseDemoArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`npm start: ${error.message}\nRun 'npm start -- --help' to see every option.\n`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(DEMO_HELP);
    return 0;
  }
  for (const note of command.notes) process.stdout.write(`Note: ${note}\n`);

  let demo: Demo;
  const ownListeners = new Set(process.listeners('SIGTERM'));
  try {
    // Loaded only now, so that --help and usage errors do not wait for Vite.
    const { startDemo } = await import('./demo-server.js');
    demo = await startDemo({ ...command.options, logLevel: 'info' });
  } catch (error) {
    process.stderr.write(`npm start: ${startError(error)}\n`);
    return 1;
  }
  process.stdout.write(demoBanner(demo));
  // Vite's dev server exits the process on SIGTERM by itself (code 143, simulator still open); this CLI
  // owns the signals and closes both servers before exiting 0.
  for (const listener of process.listeners('SIGTERM')) {
    if (!ownListeners.has(listener)) process.off('SIGTERM', listener as () => void);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the dev server${demo.sim ? ' and the simulator' : ''}\n`);
    setTimeout(() => process.exit(0), CLOSE_GRACE_MS).unref();
    demo.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Runs until a signal: the servers keep the process alive.
  return null;
}

function startError(error: unknown): string {
  if (error instanceof TargetError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    return `a port was taken while starting (${(error as Error).message}); try again.`;
  return `cannot start: ${error instanceof Error ? error.message : String(error)}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
