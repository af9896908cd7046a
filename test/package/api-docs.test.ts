import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as main from '../../src/index.js';
import * as vanilla from '../../src/core/index.js';
import * as components from '../../src/components/index.js';
import * as sim from '../../src/sim/index.js';
import * as devtools from '../../src/devtools/index.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const API = read('docs/api.md');

interface Section {
  heading: string;
  level: number;
  body: string;
}

/** Splits markdown into sections: each runs from its heading to the next heading of the same or a higher level. */
function sections(markdown: string): Section[] {
  const lines = markdown.split('\n');
  const found: Section[] = [];
  let fence = false;
  lines.forEach((line, index) => {
    if (line.startsWith('```')) fence = !fence;
    const match = fence ? null : /^(#{1,6}) (.*)$/.exec(line);
    if (!match) return;
    const level = match[1].length;
    let end = lines.length;
    for (let i = index + 1, inner = false; i < lines.length; i++) {
      if (lines[i].startsWith('```')) inner = !inner;
      const next = inner ? null : /^(#{1,6}) /.exec(lines[i]);
      if (next && next[1].length <= level) {
        end = i;
        break;
      }
    }
    found.push({ heading: match[2], level, body: lines.slice(index, end).join('\n') });
  });
  return found;
}

const ALL = sections(API);

/** The one section whose heading is exactly the code span `` `name` `` (optionally followed by text). */
function sectionFor(name: string): Section {
  const matches = ALL.filter((s) => s.heading === `\`${name}\`` || s.heading.startsWith(`\`${name}\` `));
  expect(matches, `docs/api.md needs exactly one heading for \`${name}\``).toHaveLength(1);
  return matches[0];
}

const mentions = (text: string, name: string) => text.includes(`\`${name}\``) || text.includes(`\`${name}(`);

/**
 * Exported interfaces of a source file and their member names, read with the TypeScript parser; an
 * interface that extends another of the same file gets that one's members too.
 */
function exportedInterfaces(path: string): Map<string, string[]> {
  const source = ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true);
  const declared = new Map<string, ts.InterfaceDeclaration>();
  for (const statement of source.statements)
    if (ts.isInterfaceDeclaration(statement)) declared.set(statement.name.text, statement);
  const membersOf = (declaration: ts.InterfaceDeclaration): string[] => {
    const own = declaration.members
      .filter((m) => m.name !== undefined)
      .map((m) => (m.name as ts.Identifier).text);
    const inherited = (declaration.heritageClauses ?? [])
      .flatMap((clause) => clause.types)
      .map((type) => declared.get(type.expression.getText(source)))
      .flatMap((parent) => (parent ? membersOf(parent) : []));
    return [...own, ...inherited];
  };
  const interfaces = new Map<string, string[]>();
  for (const [name, declaration] of declared)
    if (declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
      interfaces.set(name, membersOf(declaration));
  return interfaces;
}

describe('docs/api.md documents the public API', () => {
  // The least each entry exports, which proves its import worked.
  const entries: Array<[string, Record<string, unknown>, number]> = [
    ['takhin-react', main, 5],
    ['takhin-react/vanilla', vanilla, 5],
    ['takhin-react/components', components, 5],
    ['takhin-react/sim', sim, 5],
    ['takhin-react/devtools', devtools, 2],
  ];

  for (const [entry, module, least] of entries) {
    it(`names every runtime export of ${entry} in its own section`, () => {
      const names = Object.keys(module).sort();
      expect(names.length).toBeGreaterThanOrEqual(least);
      const body = sectionFor(entry).body;
      const missing = names.filter((name) => !mentions(body, name));
      expect(missing, `exports of ${entry} missing from its section of docs/api.md`).toEqual([]);
    });
  }

  const optionSources: Array<[string, string[] | 'all']> = [
    ['src/core/options.ts', 'all'],
    ['src/core/backoff.ts', ['ReconnectOptions']],
    ['src/core/store.ts', ['TakhinStoreOptions']],
    ['src/sim/types.ts', ['SimulatorOptions']],
    ['src/devtools/connectDevtools.ts', ['DevtoolsOptions']],
  ];

  for (const [path, wanted] of optionSources) {
    it(`lists every field of the option interfaces in ${path} under that interface's heading`, () => {
      const interfaces = exportedInterfaces(path);
      const names = wanted === 'all' ? [...interfaces.keys()] : wanted;
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        const fields = interfaces.get(name);
        expect(fields, `${name} is not an exported interface of ${path}`).toBeDefined();
        const body = sectionFor(name).body;
        const missing = fields!.filter((field) => !mentions(body, field));
        expect(missing, `fields of ${name} missing under its heading in docs/api.md`).toEqual([]);
      }
    });
  }

  it('finds a missing name (the check itself works)', () => {
    expect(mentions('`useMetrics()` and `useTopics`', 'useMetrics')).toBe(true);
    expect(mentions('useMetricsHistory', 'useMetrics')).toBe(false);
    const parsed = sections('# a\n## `x` y\ntext `f`\n```\n# not a heading\n```\n## `z`\n');
    expect(parsed.map((s) => s.heading)).toEqual(['a', '`x` y', '`z`']);
    expect(parsed[1].body).toContain('# not a heading');
    expect(parsed[1].body).not.toContain('`z`');
  });
});
