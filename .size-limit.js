/**
 * Size budgets, min + gzip, checked by `npm run size` after `npm run build`.
 *
 * The library build leaves `process.env.NODE_ENV` in place for the app's bundler, and the development
 * branches (full error texts, the dialect check, the warnings) sit behind it. What users ship is the
 * production bundle, so that is what the budgets hold: every check defines `NODE_ENV` as `production`
 * explicitly instead of relying on esbuild's implicit default (it only picks `production` when every
 * minify option is on). The last check measures a development bundle of the main entry, for the
 * record (docs/api.md, "Size").
 */

/** @param {string} mode */
const withNodeEnv = (mode) => (config) => ({
  ...config,
  define: { ...config.define, 'process.env.NODE_ENV': JSON.stringify(mode) },
});
const production = withNodeEnv('production');
/**
 * The chunks loaded on first use, measured on their own: by `shareAcrossTabs`, `persistHistory`,
 * `pollGroups` and `useLagAlerts`.
 */
const LAZY = ['./linkTabs-*', './persistHistory-*', './groupPoller-*', './lagAlertEvaluator-*'];

export default [
  {
    name: 'takhin-react (core + hooks)',
    path: 'dist/index.js',
    ignore: ['react', 'react-dom', 'zustand', ...LAZY],
    limit: '17 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: 'takhin-react/vanilla (no React)',
    path: 'dist/vanilla.js',
    ignore: ['zustand', ...LAZY],
    limit: '17.2 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: 'takhin-react, loaded on first use by shareAcrossTabs and persistHistory (with the chunks they share with the main entry)',
    path: ['dist/linkTabs-*.js', 'dist/persistHistory-*.js'],
    ignore: ['react', 'react-dom', 'zustand'],
    limit: '6.2 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: 'takhin-react, loaded on first use by pollGroups and useLagAlerts (with the chunks they share with the main entry)',
    path: ['dist/groupPoller-*.js', 'dist/lagAlertEvaluator-*.js'],
    ignore: ['react', 'react-dom', 'zustand'],
    limit: '3.2 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    // TakhinClient and TakhinProvider (which ClusterOverview creates) sit in their own chunk: every app
    // with a provider already loads them through the main entry. The charts' live layer (lines, time
    // axis, hover read-out) is ours now instead of recharts' Line, XAxis and Tooltip, which a Dashboard
    // app therefore no longer ships: the entry grew by about 0.8 kB, the app's JavaScript shrank by 17 kB.
    // The Dashboard's two renders per tick (HeavyPanels) and the lag table's sort caches add 0.6 kB.
    name: 'takhin-react/components (without recharts, TakhinClient and TakhinProvider)',
    path: 'dist/components.js',
    ignore: ['react', 'react-dom', 'recharts', './client-*'],
    limit: '27.5 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: 'takhin-react/devtools',
    path: 'dist/devtools.js',
    ignore: ['zustand'],
    limit: '1 kB',
    gzip: true,
    modifyEsbuildConfig: production,
  },
  {
    name: 'takhin-react (core + hooks), development build',
    path: 'dist/index.js',
    ignore: ['react', 'react-dom', 'zustand', ...LAZY],
    limit: '18.7 kB',
    gzip: true,
    modifyEsbuildConfig: withNodeEnv('development'),
  },
];
