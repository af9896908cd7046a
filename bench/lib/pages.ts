import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { BENCH_DIR, TMP_DIR } from './results.js';

export const PAGES_DIR = join(TMP_DIR, 'pages');

/** The three implementations every browser scenario compares. */
export const IMPLEMENTATIONS = ['takhin', 'seed', 'ruw'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

export const LABELS: Record<Implementation, string> = {
  takhin: 'takhin-react',
  seed: 'seed (quick reference hook)',
  ruw: 'react-use-websocket',
};

/**
 * The dashboard scenario's reference page: `JSON.parse` of each message and one number rendered, the
 * least any page does to show a tick (what no implementation can go below on the same machine).
 */
export const FLOOR_PAGE = 'floor';

/** Production build of the bench pages into bench/.tmp/pages. */
export async function buildPages(): Promise<void> {
  await build({ configFile: join(BENCH_DIR, 'pages', 'vite.config.ts'), mode: 'production' });
}

/** Builds the pages unless a build is already there (a scenario run on its own). */
export async function ensurePages(): Promise<void> {
  if (!existsSync(join(PAGES_DIR, 'index.html'))) await buildPages();
}
