/**
 * Vitest configuration that runs the repository's hooks tests (happy-dom) and component tests
 * (Chromium) on the React a consumer folder installs, instead of the root's. Each React version folder
 * (react18, react19-0, …) has a vitest.config.ts that calls this; from the repository root:
 *
 *   vitest run --config test/consumers/react18/vitest.config.ts --project dom --project browser test/react/ test/components/
 */
import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import base from '../../../vite.config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    expectedReact: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Everything that imports React at run time, taken from the consumer folder so that exactly one React is
 * loaded. An alias (rather than a resolve plugin) because the browser's dependency pre-bundling honours
 * only aliases.
 */
const FROM_CONSUMER = /^(react|react-dom|react-is|zustand|recharts|@testing-library\/react)(\/.*)?$/;

/** The configuration for the folder of `configUrl` (its `import.meta.url`), which installs `react@version`. */
export function reactMatrixConfig(configUrl: string, version: string) {
  const here = fileURLToPath(new URL('.', configUrl));
  return mergeConfig(base, {
    root: repoRoot,
    cacheDir: `${here}node_modules/.vite`,
    resolve: { alias: [{ find: FROM_CONSUMER, replacement: `${here}node_modules/$1$2` }] },
    test: {
      provide: { expectedReact: version },
      setupFiles: [fileURLToPath(new URL('./react-version.ts', import.meta.url))],
    },
  });
}
