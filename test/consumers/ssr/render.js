/**
 * Renders <TakhinProvider><Dashboard/></TakhinProvider> to a string in plain Node and prints
 * `{"html": "…"}`. `window`, `document` and `WebSocket` become getters that throw when takhin-react's
 * code (anywhere on the call stack) reaches for them, during module evaluation or rendering; other
 * libraries read `undefined`, as in plain Node. Exits 1 if takhin-react touched any of them, or if
 * rendering threw or logged anything.
 *   node render.js ws://127.0.0.1:PORT/api/monitoring/ws
 */
const OURS = /[\\/]node_modules[\\/]takhin-react[\\/]/;
const touched = [];
Error.stackTraceLimit = Infinity;
for (const name of ['window', 'document', 'WebSocket']) {
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      const stack = new Error().stack ?? '';
      if (!OURS.test(stack)) return undefined;
      touched.push(`${name}\n${stack.split('\n').slice(2, 8).join('\n')}`);
      throw new Error(`takhin-react touched ${name} during server rendering`);
    },
  });
}

const url = process.argv[2];
if (!url) throw new Error('usage: node render.js WS_URL');

// Imported only now, so that module evaluation is watched too.
const { createElement } = await import('react');
const { renderToString } = await import('react-dom/server');
const { App } = await import('./src/App.js');

// React reports problems found while rendering (bad markup, invalid hooks use) through the console.
const logged = [];
const { error: logError, warn: logWarn } = console;
console.error = console.warn = (...args) => logged.push(args.map(String).join(' '));
let html = '';
let failure = null;
try {
  html = renderToString(createElement(App, { url }));
} catch (error) {
  failure = error;
} finally {
  console.error = logError;
  console.warn = logWarn;
}
if (touched.length > 0 || failure || logged.length > 0) {
  console.error(failure ? `render failed: ${failure.stack ?? failure}` : 'render finished');
  for (const access of touched) console.error(`touched ${access}`);
  for (const message of logged) console.error(`logged: ${message}`);
  process.exit(1);
}
console.log(JSON.stringify({ html }));
