import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../test/chromium.js';

export interface OpenedPage {
  page: Page;
  /** Uncaught page errors and console errors, by message, with how often each happened. */
  errors: Map<string, number>;
}

export interface BenchBrowser {
  context: BrowserContext;
  /** Opens a fresh page (its own tab) and collects its errors; the first of each kind is printed. */
  open(url: string): Promise<OpenedPage>;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile. */
export async function launchBrowser(): Promise<BenchBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'takhin-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1280, height: 900 },
  });
  // The persistent context starts with one blank tab; close it so only the bench page runs.
  for (const page of context.pages()) await page.close();
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      const errors = new Map<string, number>();
      const record = (message: string) => {
        const count = (errors.get(message) ?? 0) + 1;
        errors.set(message, count);
        if (count === 1) console.error(`  [page] ${message.slice(0, 200)}`);
      };
      page.on('pageerror', (error) => record(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') record(message.text());
      });
      await page.goto(url, { waitUntil: 'load' });
      return { page, errors };
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
