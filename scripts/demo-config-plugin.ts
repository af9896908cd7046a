import type { Plugin } from 'vite';
import { PAGE_CONFIG_PATH } from '../demo/pageConfig.js';
import type { DemoPageConfig } from '../demo/pageConfig.js';

/** Serves the running demo's {@link DemoPageConfig} to the page at `/demo-config.json`. */
export function pageConfigPlugin(config: DemoPageConfig): Plugin {
  const body = JSON.stringify(config);
  return {
    name: 'takhin-demo-config',
    configureServer(server) {
      server.middlewares.use(PAGE_CONFIG_PATH, (_request, response) => {
        response.setHeader('Content-Type', 'application/json');
        response.setHeader('Cache-Control', 'no-store');
        response.end(body);
      });
    },
  };
}
