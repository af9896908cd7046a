import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as main from '../../src/index.js';
import * as vanilla from '../../src/core/index.js';
import { countExports } from '../../scripts/count-exports.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every bare import specifier reachable from `entry` through relative imports, with the file that has it. */
function packageImports(entry: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (fileName.startsWith('.')) visit(join(dirname(file), fileName.replace(/\.js$/, '.ts')));
      else found.push(`${relative(root, file)}: ${fileName}`);
    }
  };
  visit(join(root, entry));
  return found;
}

/** The most names the main entry may export, values and types together. */
const MAIN_ENTRY_LIMIT = 45;

describe('the size of the public API', () => {
  const counts = countExports();
  const of = (entry: string) => {
    const found = counts.find((count) => count.entry === entry);
    expect(found, `${entry} is not in package.json exports`).toBeDefined();
    return found!;
  };

  it(`keeps the main entry at ${MAIN_ENTRY_LIMIT} names or fewer`, () => {
    const { values, types } = of('takhin-react');
    expect(
      values.length + types.length,
      `takhin-react exports ${[...values, ...types].join(', ')}`,
    ).toBeLessThanOrEqual(MAIN_ENTRY_LIMIT);
  });

  it('counts the values the entries really export at runtime', () => {
    expect(of('takhin-react').values).toEqual(Object.keys(main).sort());
    expect(of('takhin-react/vanilla').values).toEqual(Object.keys(vanilla).sort());
  });

  it('keeps the vanilla entry free of React: it imports nothing but zustand/vanilla', () => {
    const imports = packageImports(of('takhin-react/vanilla').source);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((line) => !/: zustand\/vanilla$/.test(line))).toEqual([]);
  });

  it('exports TakhinClient as a type only: createTakhinClient creates clients', () => {
    expect(of('takhin-react').types).toContain('TakhinClient');
    expect(of('takhin-react').values).not.toContain('TakhinClient');
    expect(of('takhin-react/vanilla').values).not.toContain('TakhinClient');
  });
});
