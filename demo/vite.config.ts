import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const demoRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const source = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/**
 * The demo app's own Vite config. The page imports the package's public entries, exactly as a user's app
 * would; the aliases point them at the sources so edits show up live.
 */
export default defineConfig({
  root: demoRoot,
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^takhin-react$/, replacement: source('index.ts') },
      { find: /^takhin-react\/components$/, replacement: source('components/index.ts') },
      { find: /^takhin-react\/styles\.css$/, replacement: source('components/styles.css') },
    ],
  },
  // Listed up front so the dev server never discovers a dependency late and reloads an open page.
  optimizeDeps: {
    include: ['react', 'react/jsx-dev-runtime', 'react-dom/client', 'zustand/vanilla', 'recharts'],
  },
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/demo', import.meta.url)),
  clearScreen: false,
  server: {
    host: '127.0.0.1',
    port: 5173,
    fs: { allow: [repoRoot] },
  },
});
