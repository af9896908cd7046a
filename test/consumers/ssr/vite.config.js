import { defineConfig } from 'vite';

/** The browser half: a client bundle that hydrates what render.js produced. */
export default defineConfig({
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: { input: 'src/client.js' },
  },
});
