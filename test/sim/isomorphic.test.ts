import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE_ONLY = /\b(Buffer|process|setImmediate|require|__dirname)\b|\.unref\(/;

/** Every module reachable from `entry` through value imports (type-only imports vanish at build time). */
function valueImportGraph(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const source = readFileSync(file, 'utf8');
    seen.set(file, source);
    const imports = source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms);
    for (const [, spec] of imports) {
      if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
      else seen.set(spec, '');
    }
  };
  visit(entry);
  return seen;
}

describe('src/sim/browser.ts', () => {
  it('reaches no Node API: no node: or ws imports, no Buffer/process/setImmediate/unref', () => {
    const graph = valueImportGraph(join(root, 'src', 'sim', 'browser.ts'));
    const files = [...graph.keys()].map((f) => (f.startsWith(root) ? relative(root, f) : f));
    expect(files).toEqual(
      expect.arrayContaining(
        ['cluster', 'metrics', 'fake-socket', 'frames'].map((f) => join('src', 'sim', `${f}.ts`)),
      ),
    );
    expect(files.filter((f) => !f.startsWith('src'))).toEqual([]);
    expect(files).not.toContain(join('src', 'sim', 'server.ts'));
    for (const [file, source] of graph) {
      const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code.match(NODE_ONLY)?.[0], relative(root, file)).toBeUndefined();
    }
  });
});
