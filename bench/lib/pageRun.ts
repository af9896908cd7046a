import type { Page } from 'playwright-core';
import type { WebSocket } from 'ws';
import type { BenchWindow, ProbeSnapshot } from '../pages/shared/probe.js';
import type { BenchBrowser } from './browser.js';
import type { FLOOR_PAGE, Implementation } from './pages.js';
import type { BenchServer } from './server.js';

export interface PageSession {
  /** The page's directory under the built pages (an implementation, or a diagnostic page). */
  impl: Implementation | 'takhin-parts' | typeof FLOOR_PAGE;
  page: Page;
  socket: WebSocket;
  /** Page errors so far, by message. */
  errors: Map<string, number>;
  /** The probe's snapshot; rejects with WaitTimeout when the page stays busy longer than `timeoutMs`. */
  snapshot(timeoutMs?: number): Promise<ProbeSnapshot>;
  reset(): Promise<void>;
  /**
   * Waits until `predicate(snapshot)` holds, polling the page every `intervalMs`. Rejects with a
   * WaitTimeout carrying the last snapshot obtained (null if the page never answered).
   */
  waitFor(
    predicate: (s: ProbeSnapshot) => boolean,
    timeoutMs: number,
    intervalMs?: number,
  ): Promise<ProbeSnapshot>;
}

export class WaitTimeout extends Error {
  constructor(readonly last: ProbeSnapshot | null) {
    super('timed out waiting for the page');
  }
}

/** Opens one implementation's page, waits for its socket, runs `body`, and closes the page. */
export async function withPage<T>(
  browser: BenchBrowser,
  server: BenchServer,
  impl: PageSession['impl'],
  body: (session: PageSession) => Promise<T>,
): Promise<T> {
  server.dropClients();
  const connected = server.nextClient(30_000);
  const { page, errors } = await browser.open(`${server.origin}/index.html?page=${impl}`);
  try {
    const socket = await connected;
    let last: ProbeSnapshot | null = null;
    const snapshot = async (timeoutMs = 60_000): Promise<ProbeSnapshot> => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new WaitTimeout(last)), timeoutMs);
      });
      try {
        const evaluation = page.evaluate(() => (window as unknown as BenchWindow).__bench.snapshot());
        evaluation.catch(() => undefined);
        last = await Promise.race([evaluation, timeout]);
        return last;
      } finally {
        clearTimeout(timer);
      }
    };
    const session: PageSession = {
      impl,
      page,
      socket,
      errors,
      snapshot,
      reset: () => page.evaluate(() => (window as unknown as BenchWindow).__bench.reset()),
      async waitFor(predicate, timeoutMs, intervalMs = 25) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const s = await snapshot(Math.max(1, deadline - Date.now()));
          if (predicate(s)) return s;
          if (Date.now() > deadline) throw new WaitTimeout(s);
          await new Promise((resolve) => setTimeout(resolve, intervalMs));
        }
      },
    };
    // Let the first render and the socket settle.
    await page.waitForTimeout(300);
    return await body(session);
  } finally {
    await page.close();
    server.dropClients();
  }
}

/** Page errors as `message ×count` lines, for result details. */
export function errorList(errors: Map<string, number>): string[] {
  return [...errors].map(([message, count]) => `${message.slice(0, 200)} ×${count}`);
}
