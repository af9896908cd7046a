import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The browser pages of the benchmarks: ours and the two baselines, one production build each.
 * `react-dom/client` is swapped for `react-dom/profiling` (a production build with the Profiler's
 * timings on) in every page alike, so that <Profiler onRender> can count commits.
 */
export default defineConfig({
  root: here('.'),
  base: './',
  logLevel: 'warn',
  plugins: [react()],
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
    rolldownOptions: {
      input: {
        takhin: here('takhin/index.html'),
        seed: here('seed/index.html'),
        ruw: here('ruw/index.html'),
        'takhin-parts': here('takhin-parts/index.html'),
      },
    },
  },
});
