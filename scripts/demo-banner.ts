import type { Demo } from './demo-server.js';

/** What `npm start` prints once everything listens. Never includes a key or a query string. */
export function demoBanner(demo: Demo): string {
  const lines = ['takhin-react demo', `  Dashboard  ${demo.url}`];
  const config = demo.pageConfig;
  if (demo.sim && config.simulator) {
    lines.push(
      `  Simulator  ${demo.target}`,
      `             ${config.dialect} dialect, scenario ${config.simulator.scenario}, metrics every ${config.simulator.intervalMs} ms`,
      `             REST ${demo.sim.httpUrl}/api/topics, controls ${demo.sim.httpUrl}/api/sim/`,
    );
    for (const cluster of config.clusters?.slice(1) ?? [])
      lines.push(`  Cluster    ${cluster.name}: ${cluster.url}`);
  } else {
    lines.push(`  Server     ${demo.target} (${config.dialect} dialect)`);
    lines.push(
      config.source === 'proxy'
        ? `             through the dev server's proxy at ${new URL(config.url, demo.url).pathname}, with the API key from TAKHIN_API_KEY`
        : '             connected to directly by the page (set TAKHIN_API_KEY if the server needs a key)',
    );
  }
  for (const moved of demo.movedPorts) {
    lines.push(`  Note: port ${moved.wanted} was taken, so the ${moved.what} uses ${moved.got}.`);
  }
  lines.push('  Ctrl+C to stop', '');
  return lines.join('\n');
}
