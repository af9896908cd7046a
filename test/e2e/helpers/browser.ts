import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../chromium.js';

/** Where the e2e screenshots go (gitignored). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-results/e2e/', import.meta.url));

/** A real Chromium with a fresh profile and one page. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Every console message of the page, as `type: text`. */
  console: string[];
  /** Uncaught page errors. */
  pageErrors: string[];
  /** Saves a full-page screenshot as `test-results/e2e/NAME.png`. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Launches Debian's Chromium headless on a throw-away profile directory. */
export async function openBrowser(): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'takhin-e2e-'));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
      viewport: { width: 1920, height: 1200 },
      colorScheme: 'light',
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  // Guards against a hung page, not performance limits: a loaded CI machine can take seconds per step.
  page.setDefaultTimeout(20_000);
  page.setDefaultNavigationTimeout(60_000);
  const consoleMessages: string[] = [];
  const pageErrors: string[] = [];
  page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    context,
    page,
    console: consoleMessages,
    pageErrors,
    async screenshot(name) {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, timeout: 60_000 });
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
