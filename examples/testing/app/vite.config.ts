import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const source = (path: string) => fileURLToPath(new URL(`../../../src/${path}`, import.meta.url));

/** Stands for your app's own Vite config. Only this repository needs the alias to the sources. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: { alias: [{ find: /^takhin-react$/, replacement: source('index.ts') }] },
  cacheDir: fileURLToPath(new URL('../../../node_modules/.vite/recipes', import.meta.url)),
  clearScreen: false,
});
