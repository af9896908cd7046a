#!/usr/bin/env node
import { HELP, parseCliArgs, UsageError } from './args.js';
import type { CliOptions } from './args.js';
import { replaySimulator } from './replay.js';
import { startSimulator } from './server.js';

interface Running {
  url: string;
  httpUrl: string;
  close(): Promise<void>;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv, process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`takhin-sim: ${err.message}\nRun 'takhin-sim --help' to see every option.\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }

  let running: Running;
  try {
    running = await start(options);
  } catch (err) {
    process.stderr.write(`takhin-sim: ${startError(err as NodeJS.ErrnoException, options)}\n`);
    return 1;
  }

  const what = options.replay
    ? `replaying ${options.replay} at ${options.speed}x${options.loop ? ', looping' : ''}`
    : `${options.dialect} dialect${instrumentation(options)}, ${sizeLabel(options)} cluster, scenario ${options.scenario}, seed ${options.seed}, ` +
      `metrics every ${options.intervalMs} ms${options.apiKey ? ', API key required' : ''}`;
  process.stdout.write(
    `takhin-sim listening on ${running.url}\n` +
      `  ${what}\n` +
      (options.replay
        ? ''
        : `  REST ${running.httpUrl}/api/monitoring/metrics, controls ${running.httpUrl}/api/sim/\n`) +
      `  Ctrl+C to stop\n`,
  );

  const stop = (signal: NodeJS.Signals) => {
    process.stdout.write(`takhin-sim: ${signal}, closing\n`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
    // Exit even if closing hangs on a half-open socket.
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Runs until a signal; the listening server keeps the process alive.
  return new Promise<number>(() => {});
}

function start(o: CliOptions): Promise<Running> {
  if (o.replay)
    return replaySimulator({ file: o.replay, speed: o.speed, port: o.port, host: o.host, loop: o.loop });
  return startSimulator({
    port: o.port,
    host: o.host,
    dialect: o.dialect,
    instrumented: o.instrumented,
    seed: o.seed,
    size: o.size,
    scenario: o.scenario,
    intervalMs: o.intervalMs,
    auth: o.apiKey ? { apiKey: o.apiKey, acceptQueryToken: o.acceptQueryToken } : undefined,
    filterSubscriptions: o.filterSubscriptions,
    groupEvents: o.groupEvents,
    maxClients: o.maxClients,
    crashOnDisconnect: o.crashOnDisconnect,
    cors: o.cors,
    allowedHosts: o.allowedHosts,
    record: o.record,
  });
}

function startError(err: NodeJS.ErrnoException, o: CliOptions): string {
  if (err.code === 'EADDRINUSE') {
    return `port ${o.port} on ${o.host} is already in use (EADDRINUSE). Stop whatever holds it or pick another port with --port.`;
  }
  if (err.code === 'EACCES')
    return `not allowed to listen on port ${o.port} (EACCES). Pick a port above 1023.`;
  if (err.code === 'EADDRNOTAVAIL')
    return `cannot bind ${o.host} (EADDRNOTAVAIL): not an address of this machine.`;
  if (err.code === 'ENOENT') return `cannot read ${o.replay ?? 'file'}: no such file.`;
  return `cannot start: ${err.message}`;
}

function instrumentation(o: CliOptions): string {
  if (o.dialect === 'spec') return '';
  return o.instrumented ? ' (instrumented: counters move)' : ' (as the real Console: counters stay at 0)';
}

function sizeLabel(o: CliOptions): string {
  const s = o.size;
  return typeof s === 'string' ? s : `${s.topics}x${s.partitionsPerTopic}x${s.groups}x${s.topicsPerGroup}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`takhin-sim: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
