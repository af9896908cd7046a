import { PAGE_CONFIG_PATH } from './pageConfig.js';
import type { DemoPageConfig } from './pageConfig.js';

/** Used when the page is served without `npm start` (e.g. `vite demo`), next to a local `takhin-sim`. */
const FALLBACK: DemoPageConfig = {
  url: 'ws://127.0.0.1:8080/api/monitoring/ws',
  dialect: 'takhin',
  source: 'simulator',
  simulator: { httpUrl: 'http://127.0.0.1:8080', intervalMs: 2000, scenario: 'steady', instrumented: false },
};

/** The configuration of the running demo, from the dev server; the fallback when there is none. */
export async function loadPageConfig(): Promise<DemoPageConfig> {
  try {
    const response = await fetch(PAGE_CONFIG_PATH, { cache: 'no-store' });
    if (response.ok) return (await response.json()) as DemoPageConfig;
  } catch {
    // Served some other way: fall through to the local defaults.
  }
  return FALLBACK;
}

/** Turns a same-origin proxy path into a `ws:`/`wss:` URL on this page's origin; full URLs pass through. */
export function resolveSocketUrl(url: string, base: string): string {
  const resolved = new URL(url, base);
  if (resolved.protocol === 'http:') resolved.protocol = 'ws:';
  if (resolved.protocol === 'https:') resolved.protocol = 'wss:';
  return resolved.toString();
}
