import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError, parseDemoArgs } from '../../scripts/demo-args.js';
import { redactUrl, serverTarget, TargetError } from '../../scripts/demo-target.js';
import { startSimulator } from '../../src/sim/index.js';
import type { Simulator } from '../../src/sim/index.js';
import { refusesConnections, runCli } from './helpers/cli.js';
import type { CliRun } from './helpers/cli.js';

describe('npm start options', () => {
  it('runs the simulator with the documented defaults', () => {
    expect(parseDemoArgs([], {})).toEqual({
      help: false,
      notes: [],
      options: {
        dialect: 'takhin',
        webPort: 5173,
        simPort: 8080,
        scenario: 'steady',
        seed: 1,
        intervalMs: 1000,
      },
    });
  });

  it('shows the real Console by default and an instrumented simulator with --instrumented', () => {
    expect(parseDemoArgs(['--instrumented'], {}).options).toMatchObject({ instrumented: true });
    expect(() => parseDemoArgs(['--url', 'ws://h/api/monitoring/ws', '--instrumented'])).toThrow(
      /--instrumented applies to the simulator/,
    );
  });

  it('takes the server from --url, else from TAKHIN_URL, and the key only from TAKHIN_API_KEY', () => {
    const env = { TAKHIN_URL: 'ws://env:8080/api/monitoring/ws', TAKHIN_API_KEY: 'k' };
    expect(parseDemoArgs([], env).options).toEqual({
      dialect: 'takhin',
      webPort: 5173,
      url: 'ws://env:8080/api/monitoring/ws',
      apiKey: 'k',
    });
    expect(
      parseDemoArgs(['--url', 'ws://flag:1/api/monitoring/ws', '--dialect', 'spec'], env).options,
    ).toMatchObject({
      url: 'ws://flag:1/api/monitoring/ws',
      dialect: 'spec',
    });
    expect(() => parseDemoArgs(['--api-key', 'k'], {})).toThrow(UsageError);
  });

  it('runs several simulated clusters with --clusters, and only beside the simulator', () => {
    expect(parseDemoArgs(['--clusters', '3'], {}).options).toMatchObject({ clusters: 3 });
    expect(parseDemoArgs(['--clusters', '1'], {}).options.clusters).toBeUndefined();
    expect(() => parseDemoArgs(['--clusters', '0'])).toThrow(/--clusters must be an integer from 1 to 8/);
    expect(() => parseDemoArgs(['--url', 'ws://h/api/monitoring/ws', '--clusters', '2'])).toThrow(
      /--clusters applies to the simulator/,
    );
  });

  it('notes an API key that the simulator does not use', () => {
    const command = parseDemoArgs([], { TAKHIN_API_KEY: 'k' });
    expect(command.options.apiKey).toBeUndefined();
    expect(command.notes).toEqual([expect.stringContaining('TAKHIN_API_KEY is set but unused')]);
  });

  it('rejects bad values and simulator options next to a real server', () => {
    expect(() => parseDemoArgs(['--scenario', 'chaos'])).toThrow(/--scenario must be one of steady, burst/);
    expect(() => parseDemoArgs(['--dialect', 'kafka'])).toThrow(/--dialect must be one of takhin, spec/);
    expect(() => parseDemoArgs(['--port', '70000'])).toThrow(/--port must be an integer from 0 to 65535/);
    expect(() => parseDemoArgs(['--interval', '1.5'])).toThrow(/--interval/);
    expect(() => parseDemoArgs(['--url', 'ws://h/api/monitoring/ws', '--scenario', 'burst'])).toThrow(
      /--scenario applies to the simulator/,
    );
    expect(() => parseDemoArgs(['extra'])).toThrow(UsageError);
  });
});

describe('reaching a real server', () => {
  it('connects straight to the server without a key', () => {
    expect(serverTarget('http://h:8080/api/monitoring/ws')).toEqual({
      pageUrl: 'ws://h:8080/api/monitoring/ws',
      display: 'ws://h:8080/api/monitoring/ws',
    });
  });

  it('with a key, proxies what the page uses (WebSocket too) to the server with the Authorization header', () => {
    const target = serverTarget('wss://user:pw@h.example/takhin/api/monitoring/ws?x=1', 'K');
    expect(target.pageUrl).toBe('/api/monitoring/ws');
    expect(target.display).toBe('wss://h.example/takhin/api/monitoring/ws');
    expect(target.proxy).toEqual({
      '/api/': {
        target: 'https://h.example/takhin',
        changeOrigin: true,
        ws: true,
        headers: { Authorization: 'Bearer K' },
        bypass: expect.any(Function),
      },
    });
  });

  it('refuses URLs it cannot use, without echoing credentials', () => {
    expect(() => serverTarget('ftp://h/api/monitoring/ws')).toThrow(TargetError);
    expect(() => serverTarget('ws://h:8080/other', 'K')).toThrow(/must end with \/api\/monitoring\/ws/);
    expect(redactUrl('ws://u:secret@h:1/p?token=secret#x')).toBe('ws://h:1/p');
    expect(() => serverTarget('not a url?token=secret')).toThrow(TargetError);
    try {
      serverTarget('not a url?token=secret');
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
  });
});

describe('npm start, the command', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  const track = (run: CliRun) => (cleanup.push(() => run.stop()), run);

  it('documents every option with --help and exits 0', async () => {
    const run = track(runCli(['--help']));
    expect(await run.exited).toEqual({ code: 0, signal: null });
    for (const option of [
      '--url',
      '--dialect',
      '--scenario',
      '--seed',
      '--interval',
      '--port',
      '--sim-port',
      '--clusters',
    ]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).toContain('TAKHIN_URL');
    expect(run.stdout).toContain('TAKHIN_API_KEY');
  });

  it('exits 2 on a bad option, saying which', async () => {
    const run = track(runCli(['--scenario', 'chaos']));
    expect((await run.exited).code).toBe(2);
    expect(run.stderr).toContain('--scenario must be one of');
  });

  it('serves the page and the simulator, replaces a taken port, and stops both with exit 0 on SIGTERM', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => busy.close(() => resolve())));
    const busyPort = (busy.address() as { port: number }).port;

    const run = track(
      runCli([
        '--port',
        '0',
        '--sim-port',
        String(busyPort),
        '--interval',
        '500',
        '--scenario',
        'burst',
        '--dialect',
        'spec',
      ]),
    );
    await run.waitForOutput(/Ctrl\+C to stop/);
    const page = run.stdout.match(/Dashboard\s+(http:\/\/127\.0\.0\.1:\d+\/)/)![1];
    const socket = run.stdout.match(/Simulator\s+(ws:\/\/127\.0\.0\.1:(\d+)\/api\/monitoring\/ws)/)!;
    const simHttp = `http://127.0.0.1:${socket[2]}`;
    expect(Number(socket[2])).not.toBe(busyPort);
    expect(run.stdout).toContain(`port ${busyPort} was taken, so the simulator uses ${socket[2]}`);

    const html = await (await fetch(page)).text();
    expect(html).toContain('<div id="root"></div>');
    expect(await (await fetch(new URL('demo-config.json', page))).json()).toEqual({
      url: socket[1],
      dialect: 'spec',
      source: 'simulator',
      simulator: { httpUrl: simHttp, intervalMs: 500, scenario: 'burst', instrumented: true },
    });
    const status = (await (await fetch(`${simHttp}/api/sim/status`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ up: true, dialect: 'spec', instrumented: true, scenario: 'burst' });

    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(await refusesConnections(page)).toBe(true);
    expect(await refusesConnections(`${simHttp}/api/sim/status`)).toBe(true);
  });

  it('with TAKHIN_URL and TAKHIN_API_KEY proxies to the server, never prints the key, and stops on SIGINT', async () => {
    const key = 'cli-secret-91d2e6';
    const sim: Simulator = await startSimulator({ port: 0, auth: { apiKey: key }, intervalMs: 500 });
    cleanup.push(() => sim.close());

    const run = track(runCli(['--port', '0'], { TAKHIN_URL: sim.url, TAKHIN_API_KEY: key }));
    await run.waitForOutput(/Ctrl\+C to stop/);
    expect(run.stdout).toContain(`Server     ${sim.url} (takhin dialect)`);
    expect(run.stdout).toContain("through the dev server's proxy at /api/monitoring/ws");
    expect(run.stdout).not.toMatch(/Simulator/);
    const page = run.stdout.match(/Dashboard\s+(http:\/\/127\.0\.0\.1:\d+\/)/)![1];
    expect((await fetch(new URL('api/monitoring/metrics', page))).status).toBe(200);

    // With the server down, the proxy's complaint is one line, not a stack trace per retry.
    await sim.crash(60_000);
    expect((await fetch(new URL('api/monitoring/metrics', page))).ok).toBe(false);
    await run.waitForOutput(/http proxy error: ECONNREFUSED \(the page keeps retrying\)/);
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);

    // Ctrl+C under npm delivers SIGINT twice: once from the terminal, once forwarded by npm.
    run.child.kill('SIGINT');
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stdout + run.stderr).not.toContain(key);
    expect(await refusesConnections(page)).toBe(true);
  });
});
