// Registered with `node --import`: any attempt to load react-dom or recharts fails loudly.
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
  if (/^(react-dom|recharts)(\\/|$)/.test(specifier)) {
    throw new Error('forbidden import in a hooks-only entry: ' + specifier);
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
