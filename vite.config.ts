/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { chromiumArgs, chromiumPath } from './test/chromium.js';

/** Packages the library build leaves to the user's bundler. */
const external = [/^react($|\/)/, /^react-dom($|\/)/, /^zustand($|\/)/, /^recharts($|\/)/, /^ws$/, /^node:/];

/**
 * Keeps `'use client'` first in the named entry chunk, so React Server Components frameworks treat its
 * exports as client components: the bundler may drop module directives when it merges modules.
 */
function keepUseClient(entryName: string): Plugin {
  return {
    name: 'takhin:keep-use-client',
    renderChunk(code, chunk) {
      if (!chunk.isEntry || chunk.name !== entryName || /^["']use client["']/.test(code)) return null;
      // Prepended on the first line, so every line of the source map stays where it was.
      return { code: `"use client";${code}`, map: null };
    },
  };
}

/**
 * Leaves `process.env.NODE_ENV` in the library build for the app's bundler to replace: Vite would
 * otherwise bake in "production" and drop the development warnings before any app could see them. Only
 * for the library build (Storybook drops `build`, Vitest serves).
 */
function keepNodeEnv(): Plugin {
  return {
    name: 'takhin:keep-node-env',
    apply: (config, { command }) => command === 'build' && config.build?.lib !== undefined,
    configEnvironment: () => ({ keepProcessEnv: true }),
  };
}

export default defineConfig({
  plugins: [react(), keepNodeEnv()],
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: true,
    minify: false,
    target: 'es2022',
    lib: {
      entry: {
        index: 'src/index.ts',
        vanilla: 'src/core/index.ts',
        components: 'src/components/index.ts',
        sim: 'src/sim/index.ts',
        'sim-cli': 'src/sim/cli.ts',
        'sim-browser': 'src/sim/browser.ts',
        devtools: 'src/devtools/index.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external,
      plugins: [keepUseClient('components'), keepUseClient('index')],
      // TakhinClient and TakhinProvider go to a chunk of their own, so that the size checks can tell the
      // components' own weight from the client they share with the main entry (ClusterOverview creates
      // providers). Keeping only those two modules there needs 'allow-extension'; the entries still
      // export exactly their own names.
      preserveEntrySignatures: 'allow-extension',
      output: {
        preserveModules: false,
        codeSplitting: {
          includeDependenciesRecursively: false,
          groups: [{ name: 'client', test: /src[\\/](core[\\/]client\.ts|react[\\/]TakhinProvider\.tsx)$/ }],
        },
      },
    },
  },
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/sim/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'package',
          environment: 'node',
          include: ['test/package/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/react/**/*.test.{ts,tsx}', 'test/reliability/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup-dom.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/components/**/*.browser.test.{ts,tsx}'],
          setupFiles: ['test/setup-browser.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        // The testing recipes import the package by name, as an app does; here the names point at the sources.
        resolve: {
          alias: [
            {
              find: /^takhin-react$/,
              replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
            },
            {
              find: /^takhin-react\/vanilla$/,
              replacement: fileURLToPath(new URL('./src/core/index.ts', import.meta.url)),
            },
            {
              find: /^takhin-react\/sim\/browser$/,
              replacement: fileURLToPath(new URL('./src/sim/browser.ts', import.meta.url)),
            },
            {
              find: /^takhin-react\/sim$/,
              replacement: fileURLToPath(new URL('./src/sim/index.ts', import.meta.url)),
            },
          ],
        },
        test: {
          name: 'recipes',
          environment: 'node',
          include: ['examples/testing/**/*.test.{ts,tsx}'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
