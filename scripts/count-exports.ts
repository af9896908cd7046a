/**
 * Counts the public names of every entry point in package.json `exports` (values and types apart), read
 * from the sources with the TypeScript compiler, so that the surface of each entry stays a number anyone
 * can check:
 *
 *   npx tsx scripts/count-exports.ts [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The names one entry point exports. */
export interface EntryExports {
  /** The import specifier, such as `takhin-react/vanilla`. */
  entry: string;
  /** The source file it is built from, relative to the repository. */
  source: string;
  /** Names that exist at runtime (functions, components, classes, constants), sorted. */
  values: string[];
  /** Names that exist only for the type checker, sorted. */
  types: string[];
}

/** `takhin-react/x` → `src/x.ts` (or `.tsx`), from the `types` path `./dist/x.d.ts` of its export. */
export function entrySources(root = repoRoot): Array<{ entry: string; source: string }> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string | { types?: string }>;
  };
  const found: Array<{ entry: string; source: string }> = [];
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const types = typeof target === 'string' ? undefined : target.types;
    if (types === undefined) continue;
    const base = types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '');
    const source = [`${base}.ts`, `${base}.tsx`].find((file) => existsSync(join(root, file)));
    if (source === undefined) throw new Error(`no source file for ${subpath} (${types})`);
    found.push({ entry: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`, source });
  }
  return found;
}

/** True when `symbol`, an export, only reaches a value through a type-only export or import. */
function exportedAsTypeOnly(symbol: ts.Symbol, checker: ts.TypeChecker): boolean {
  let current: ts.Symbol | undefined = symbol;
  while (current && current.flags & ts.SymbolFlags.Alias) {
    for (const declaration of current.declarations ?? []) {
      if (
        ts.isExportSpecifier(declaration) &&
        (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly)
      )
        return true;
      if (
        ts.isImportSpecifier(declaration) &&
        (declaration.isTypeOnly || declaration.parent.parent.isTypeOnly)
      )
        return true;
    }
    current = checker.getImmediateAliasedSymbol(current);
  }
  return false;
}

/** The exports of each entry point, from one program over all their sources. */
export function countExports(root = repoRoot): EntryExports[] {
  const entries = entrySources(root);
  const program = ts.createProgram({
    rootNames: entries.map(({ source }) => join(root, source)),
    options: {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      jsx: ts.JsxEmit.ReactJSX,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    },
  });
  const checker = program.getTypeChecker();
  return entries.map(({ entry, source }) => {
    const file = program.getSourceFile(join(root, source));
    const module = file && checker.getSymbolAtLocation(file);
    if (!module) throw new Error(`cannot read the exports of ${source}`);
    const values: string[] = [];
    const types: string[] = [];
    for (const symbol of checker.getExportsOfModule(module)) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const isValue = (target.flags & ts.SymbolFlags.Value) !== 0 && !exportedAsTypeOnly(symbol, checker);
      (isValue ? values : types).push(symbol.name);
    }
    return { entry, source, values: values.sort(), types: types.sort() };
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = countExports();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    for (const { entry, values, types } of result) {
      const total = String(values.length + types.length).padStart(3);
      console.log(`${entry.padEnd(26)} ${total} names: ${values.length} values, ${types.length} types`);
    }
  }
}
