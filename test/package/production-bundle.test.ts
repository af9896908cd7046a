/**
 * What an app's bundler makes of the main entry: with NODE_ENV defined as 'production' (as Vite,
 * webpack and esbuild do for a production build) the full error texts, the dialect check and the
 * development warnings are gone and the short form stays; with 'development' they are all there.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

async function bundle(mode: 'production' | 'development'): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external: ['react', 'react-dom', 'zustand', 'zustand/*', 'react/*'],
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Pieces of development-only text: error sentences, the dialect check's warning, the provider's. */
const DEVELOPMENT_ONLY = [
  'call reconnect() to try again',
  'pass ws://HOST:PORT/api/monitoring/ws',
  'must be a finite number',
  'more bad lines in this frame',
  "above the server's limit",
  'latency percentiles are exactly mean',
  'this change has no effect',
  'Wrap your tree in <TakhinProvider',
  'a selector returned a new value',
];

describe('the main entry in an app bundle', () => {
  it('production: short messages only', async () => {
    const code = await bundle('production');
    for (const text of DEVELOPMENT_ONLY) expect(code, text).not.toContain(text);
    expect(code).toContain('(full message in development builds)');
    expect(code).not.toContain('process.env');
  });

  it('development: the full texts', async () => {
    const code = await bundle('development');
    for (const text of DEVELOPMENT_ONLY) expect(code, text).toContain(text);
  });
});
