import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { bin, childEnv } from '../../../scripts/pack-check.js';
import { chromiumArgs, chromiumPath } from '../../chromium.js';

/** A port free on 127.0.0.1 right now: `next start` cannot report the port it got for `-p 0`. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A running `next start`. */
export interface NextServer {
  url: string;
  /** Everything it printed so far. */
  output(): string;
  close(): Promise<void>;
}

/** Starts `next start` on 127.0.0.1 in `dir` and resolves once it says it is ready. */
export async function startNext(dir: string, env: Record<string, string>): Promise<NextServer> {
  const port = await freePort();
  // The bin itself (a Node script), not npx: killing it by its id then stops the server.
  const child = spawn(bin('next', dir), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: dir,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`next start did not get ready:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready in|✓ Ready/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`next start exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    output: () => output,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** What the Next.js page must do. */
export interface NextPageExpectation {
  url: string;
  /** Any of these (topic names of the simulated cluster) must show up once metrics arrive. */
  topicNames: string[];
  /** How many sockets the simulator accepted so far. */
  connections: () => number;
  /** What `next start` printed, checked for server-side errors. */
  serverOutput: () => string;
}

/**
 * Fetches the page as plain HTML (the server renders an idle Dashboard and opens no socket), then opens
 * it in Chromium: no console warning or error (hydration mismatches included), exactly one socket, live
 * topics on screen. Returns the problems (none when all is well) and what it saw.
 */
export async function checkNextPage(
  expect: NextPageExpectation,
): Promise<{ problems: string[]; seen: string[] }> {
  const problems: string[] = [];
  const seen: string[] = [];
  const response = await fetch(expect.url);
  const html = await response.text();
  if (response.status !== 200) problems.push(`GET / answered ${response.status}`);
  if (!/class="takhin takhin-dashboard"/.test(html)) problems.push('the server HTML holds no Dashboard');
  if (!/data-status="idle"/.test(html)) problems.push('the server HTML does not show an idle connection');
  if (expect.connections() !== 0)
    problems.push(`the server opened ${expect.connections()} socket(s) while rendering`);
  seen.push(`server HTML: ${(html.length / 1000).toFixed(1)} kB, idle Dashboard, no socket on the server`);

  const profile = await mkdtemp(join(tmpdir(), 'takhin-next-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const logged: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') logged.push(message.text());
      });
      page.on('pageerror', (error) => logged.push(`uncaught: ${error.message}`));
      page.on('response', (answer) => {
        if (answer.status() >= 400) logged.push(`${answer.status()} for ${answer.url()}`);
      });
      await page.goto(expect.url);
      const status = page.locator('.takhin-connection[data-status="open"]');
      await status.waitFor({ timeout: 20_000 });
      seen.push(`connection: ${(await status.textContent()) ?? ''}`);
      const shown = await page.waitForFunction(
        (names) => names.find((name) => document.body.innerText.includes(name)) ?? false,
        expect.topicNames,
        { timeout: 20_000 },
      );
      seen.push(`topic on screen: ${String(await shown.jsonValue())}`);
      for (const message of logged) problems.push(`browser console: ${message}`);
      const sockets = expect.connections();
      seen.push(`sockets opened: ${sockets}`);
      if (sockets !== 1) problems.push(`the page opened ${sockets} sockets, expected exactly 1`);
    } finally {
      await context.close();
    }
  } catch (error) {
    problems.push(`browser check failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const server = expect.serverOutput();
  if (/window is not defined|document is not defined|Error:/.test(server))
    problems.push(`next start reported:\n${server.trim()}`);
  return { problems, seen };
}
