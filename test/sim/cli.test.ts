import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HELP, parseCliArgs, UsageError } from '../../src/sim/args.js';
import { connect } from './helpers.js';

const TSX = join('node_modules', '.bin', 'tsx');
const CLI = join('src', 'sim', 'cli.ts');
const children: ChildProcess[] = [];
const servers: Server[] = [];

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function cli(...args: string[]): Run {
  const child = spawn(TSX, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function waitForOutput(run: Run, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const m = run.stdout().match(pattern);
    if (m) return m;
    if (Date.now() > end) throw new Error(`no ${pattern} in output: ${run.stdout()} ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.pid) process.kill(c.pid, 'SIGKILL');
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('parseCliArgs', () => {
  it('has defaults matching the real server', () => {
    expect(parseCliArgs([])).toEqual(
      expect.objectContaining({
        port: 8080,
        host: '127.0.0.1',
        dialect: 'takhin',
        seed: 1,
        size: 'small',
        intervalMs: 2000,
        // Left to the simulator: the real Console (counters at 0, no group_updated).
        instrumented: undefined,
        groupEvents: undefined,
      }),
    );
  });

  it('parses every option', () => {
    const o = parseCliArgs([
      ...['-p', '0', '--host', '127.0.0.1', '--dialect', 'spec', '--seed', '42', '--size', '10x3x4x2'],
      ...['--scenario', 'burst', '--interval', '500', '--api-key', 'k', '--accept-query-token'],
      ...['--filter-subscriptions', '--no-group-events', '--max-clients', '5', '--record', 'out.ndjson'],
      '--instrumented',
    ]);
    expect(o).toEqual(
      expect.objectContaining({
        port: 0,
        dialect: 'spec',
        seed: 42,
        size: { topics: 10, partitionsPerTopic: 3, groups: 4, topicsPerGroup: 2 },
        scenario: 'burst',
        intervalMs: 500,
        apiKey: 'k',
        acceptQueryToken: true,
        filterSubscriptions: true,
        groupEvents: false,
        instrumented: true,
        maxClients: 5,
        record: 'out.ndjson',
      }),
    );
    expect(parseCliArgs(['--crash-on-disconnect']).crashOnDisconnect).toEqual({
      afterMs: 1500,
      downMs: 3000,
    });
    expect(parseCliArgs(['--crash-on-disconnect', '--crash-down', '500']).crashOnDisconnect).toEqual({
      afterMs: 1500,
      downMs: 500,
    });
    expect(parseCliArgs([]).crashOnDisconnect).toBeUndefined();
    expect(parseCliArgs(['--replay', 'x.ndjson', '--speed', '2.5', '--loop'])).toEqual(
      expect.objectContaining({ replay: 'x.ndjson', speed: 2.5, loop: true }),
    );
  });

  it.each([
    [['--nope'], /Unknown option '--nope'/],
    [['extra'], /positional/i],
    [['--port', '70000'], /--port must be an integer/],
    [['--port', '1.5'], /--port must be an integer/],
    [['--dialect', 'kafka'], /--dialect must be one of takhin, spec/],
    [['--size', 'giant'], /--size must be one of/],
    [['--scenario', 'calm'], /--scenario must be one of/],
    [['--interval', '0'], /--interval/],
    [['--speed', '2'], /only apply with --replay/],
    [['--replay', 'a', '--speed', '0'], /--speed must be a positive number/],
    [['--replay', 'a', '--speed', '-1'], /use '--speed=-XYZ'/],
    [['--accept-query-token'], /needs --api-key/],
    [['--crash-down', '10'], /only applies with --crash-on-disconnect/],
    [['--replay', 'a', '--record', 'b'], /cannot be combined/],
    [['--port'], /argument missing/],
  ])('rejects %j', (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(UsageError);
    expect(() => parseCliArgs(args)).toThrow(message);
  });

  it('documents every option in --help', () => {
    for (const flag of [
      '--port',
      '--host',
      '--dialect',
      '--seed',
      '--size',
      '--scenario',
      '--interval',
      '--api-key',
      '--accept-query-token',
      '--filter-subscriptions',
      '--no-group-events',
      '--max-clients',
      '--record',
      '--replay',
      '--speed',
      '--loop',
      '--help',
    ]) {
      expect(HELP).toContain(flag);
    }
  });
});

describe('takhin-sim (spawned)', () => {
  it('prints help and exits 0', async () => {
    const run = cli('--help');
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toBe(HELP);
  });

  it('exits 2 with a clear message on a bad option or value', async () => {
    const bad = cli('--frobnicate');
    const value = cli('--dialect', 'kafka');
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toMatch(/takhin-sim: Unknown option '--frobnicate'[\s\S]*--help/);
    expect(await value.exit).toBe(2);
    expect(value.stderr()).toContain('--dialect must be one of takhin, spec, got "kafka"');
  });

  it('exits 1 with a clear message when the port is busy', async () => {
    const blocker = createServer();
    servers.push(blocker);
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const run = cli('--port', String(port));
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain(`port ${port} on 127.0.0.1 is already in use (EADDRINUSE)`);
  });

  it('serves, prints the ws URL, and closes cleanly on SIGTERM and SIGINT', async () => {
    const serveAndStop = async (signal: NodeJS.Signals) => {
      const run = cli('--port', '0', '--interval', '100', '--dialect', 'spec', '--seed', '7');
      const [, url] = await waitForOutput(run, /listening on (ws:\/\/127\.0\.0\.1:\d+\/api\/monitoring\/ws)/);
      const c = await connect(url);
      await c.until(() => c.of('metrics').length >= 1, 10_000);
      process.kill(run.child.pid!, signal);
      expect(await run.exit).toBe(0);
      await c.closed;
      await expect(connect(url)).rejects.toThrow();
    };
    await Promise.all([serveAndStop('SIGTERM'), serveAndStop('SIGINT')]);
  });

  it('replays a recording with --replay and --speed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'takhin-cli-'));
    try {
      const file = join(dir, 'r.ndjson');
      const frame = JSON.stringify({ type: 'topic_deleted', data: { name: 'x' }, timestamp: 1 });
      await writeFile(
        file,
        `${JSON.stringify({ t: 0, c: 1, open: true })}\n${JSON.stringify({ t: 200, c: 1, frame })}\n`,
      );
      const run = cli('--replay', file, '--speed', '2', '--port', '0');
      const [, url] = await waitForOutput(run, /listening on (ws:\S+)/);
      const c = await connect(url);
      await c.until(() => c.frames.length === 1, 10_000);
      expect(c.frames).toEqual([frame]);
      process.kill(run.child.pid!, 'SIGTERM');
      expect(await run.exit).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
