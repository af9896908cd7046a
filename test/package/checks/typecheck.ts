/**
 * Type-checks a consumer project (its tsconfig.json, as `tsc -p` would, but with the declarations of
 * other libraries checked only where they are used) and lists the public
 * exports of the installed takhin-react that its source files never import. CPU-heavy, so the consumers
 * run starts it as a process of its own and reads the JSON it prints:
 *
 *   tsx test/package/checks/typecheck.ts FIXTURE_DIR [--coverage]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/** What {@link typecheck} found. */
export interface TypecheckResult {
  /** TypeScript's errors, formatted as `file(line,col): TS1234 message`. */
  diagnostics: string[];
  /** The package's JavaScript entry points, as import specifiers. */
  entries: string[];
  /** `specifier: name` for every export not imported by name (only with coverage). */
  uncovered: string[];
}

const OUR_PACKAGE = /\/node_modules\/takhin-react\//;

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};

/** Type-checks `fixtureDir/tsconfig.json`; with `coverage`, also compares imports with exports. */
export function typecheck(fixtureDir: string, coverage: boolean): TypecheckResult {
  const configPath = join(fixtureDir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.formatDiagnostic(diagnostic, formatHost));
    },
  });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  // Every file of ours is checked in full, the project's own and the package's declarations; other
  // libraries' declarations only as far as ours use them (their internals are not under test here).
  const ours = program
    .getSourceFiles()
    .filter((file) => !file.fileName.includes('/node_modules/') || OUR_PACKAGE.test(file.fileName));
  const diagnostics = [
    ...parsed.errors,
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...ours.flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ]),
  ].map((diagnostic) => ts.formatDiagnostic(diagnostic, formatHost).trim());
  const entries = packageEntries(fixtureDir);
  return { diagnostics, entries, uncovered: coverage ? uncoveredExports(program, entries) : [] };
}

/** `takhin-react`, `takhin-react/components`, … from the installed manifest (stylesheets and JSON left out). */
function packageEntries(fixtureDir: string): string[] {
  const manifestPath = join(fixtureDir, 'node_modules/takhin-react/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, unknown> };
  return Object.keys(manifest.exports)
    .filter((subpath) => !/\.(css|json)$/.test(subpath))
    .map((subpath) => (subpath === '.' ? 'takhin-react' : `takhin-react/${subpath.slice(2)}`));
}

function uncoveredExports(program: ts.Program, entries: string[]): string[] {
  const checker = program.getTypeChecker();
  const imported = new Map<string, { module?: ts.Symbol; names: Set<string> }>();
  for (const fileName of program.getRootFileNames()) {
    const file = program.getSourceFile(fileName);
    for (const statement of file?.statements ?? []) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const specifier = statement.moduleSpecifier.text;
      const seen = imported.get(specifier) ?? { names: new Set<string>() };
      seen.module ??= checker.getSymbolAtLocation(statement.moduleSpecifier);
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) seen.names.add((element.propertyName ?? element.name).text);
      }
      imported.set(specifier, seen);
    }
  }
  const uncovered: string[] = [];
  for (const specifier of entries) {
    const seen = imported.get(specifier);
    if (!seen?.module) {
      uncovered.push(`${specifier}: not imported (or it did not resolve)`);
      continue;
    }
    for (const symbol of checker.getExportsOfModule(seen.module)) {
      if (!seen.names.has(symbol.name)) uncovered.push(`${specifier}: ${symbol.name}`);
    }
  }
  return uncovered;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [fixtureDir, flag] = process.argv.slice(2);
  if (!fixtureDir) throw new Error('usage: typecheck.ts FIXTURE_DIR [--coverage]');
  const result = typecheck(resolve(fixtureDir), flag === '--coverage');
  console.log(JSON.stringify(result));
}
