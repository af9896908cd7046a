declare const process: { env: { NODE_ENV?: string } };

/**
 * True unless the app was built for production. Written as `process.env.NODE_ENV` so that bundlers
 * replace it statically (and drop what only development needs); where nothing defines `process`, as in
 * a browser without a bundler, it counts as development.
 */
export function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true;
  }
}
