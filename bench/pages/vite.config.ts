import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * React's profiling build logs every component render through console.timeStamp; with the DevTools
 * protocol attached (as when Playwright drives a page) that logging costs more than the rendering
 * itself. Removing it before React loads, in every page, keeps <Profiler onRender> and drops the logging.
 */
const withoutRenderLogging: Plugin = {
  name: 'bench-without-render-logging',
  transformIndexHtml: () => [
    { tag: 'script', children: 'console.timeStamp = undefined;', injectTo: 'head-prepend' },
  ],
};

/**
 * The browser pages of the benchmarks (ours, the two baselines and the dashboard's floor page) in one
 * production build with one HTML entry, `index.html?page=<name>`; each page is a chunk of its own.
 * `react-dom/client` is swapped for `react-dom/profiling` (a production build with the Profiler's
 * timings on) in every page alike, so that <Profiler onRender> can count commits.
 */
export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  plugins: [react(), withoutRenderLogging],
  resolve: {
    alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }],
  },
  build: {
    outDir: here('../.tmp/pages'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Readable function names in CPU profiles; minifying changes download size, not the work measured.
    minify: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 10_000,
  },
});
