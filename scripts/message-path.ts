/**
 * Prints the files one metrics message passes through, from the socket's message handler to a number the
 * Dashboard paints, and their count. docs/architecture.md quotes the result; keep the two in step.
 *
 *   npx tsx scripts/message-path.ts [--why]
 *
 * How the path is defined (a static walk, with the TypeScript checker, over `src/`):
 * 1. It starts from the declarations in `ENTRIES`: the client's frame handler (`socket.onmessage`), the
 *    flush the client's `FlushScheduler` runs, the store's `ingest` step (what `dispatch` runs for the
 *    client's batch), and, in the Dashboard, the `ClusterHealth` element with the `metrics` it is given.
 *    The hops between them go through a stored callback, the `TakhinStore` type or React's
 *    `useSyncExternalStore`, which a static walk cannot see through; everything else is found.
 * 2. From each declaration reached it follows every identifier that names a value declared in `src/` (a
 *    function, class member, variable or constant, through re-exports), and walks that declaration in
 *    turn. A class reached by `new` contributes its constructor and field initialisers; each method is
 *    walked only when called. Type positions and type-only imports are not followed.
 * 3. In a `switch` on a message's `type`, only the `'metrics'` case is followed: the message is a
 *    metrics message.
 * 4. The files and declarations in `OFF_PATH` are not followed: the painted number does not depend on
 *    what they compute (error reporting, liveness, a development hint, events for listeners, the topic
 *    and group records, the charts' history, class names); `--why` prints each with its reason and
 *    the declarations reached in each file on the path.
 * The path is the set of files holding a declaration reached.
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = resolve(root, 'src');

/** Where the walk starts: a declaration, or only some nodes inside it (`within`). */
interface Entry {
  file: string;
  /** `name` or `Class.member`. */
  name: string;
  /** Only these nodes of the declaration are walked: variables by name, JSX elements by tag. */
  within?: string[];
  why: string;
}

const ENTRIES: Entry[] = [
  {
    file: 'core/client.ts',
    name: 'TakhinClient.#handleFrame',
    why: "socket.onmessage: the frame's text is parsed into the pending batch",
  },
  {
    file: 'core/client.ts',
    name: 'TakhinClient.#flush',
    why: 'what the FlushScheduler runs: the batch goes to store.dispatch',
  },
  { file: 'core/store.ts', name: 'ingest', why: "what dispatch runs for the client's batch" },
  {
    file: 'components/Dashboard.tsx',
    name: 'Dashboard',
    within: ['liveMetrics'],
    why: 'the Dashboard reads metrics from the store',
  },
  {
    file: 'components/Dashboard.tsx',
    name: 'DashboardPanels',
    within: ['ClusterHealth'],
    why: 'its grid hands clusterHealth to the ClusterHealth panel',
  },
];

/**
 * Not followed: whole files (`file`) or declarations (`file:name`). The number on the screen does not
 * depend on what they compute; each serves another concern, given here.
 */
const OFF_PATH: Record<string, string> = {
  'core/errors.ts': 'error reporting: a good frame makes no error',
  'core/liveness.ts': 'liveness: the frame only proves the link is alive',
  'core/dialectCheck.ts': 'a development hint about the chosen dialect',
  'core/emitter.ts': 'events for `client.on` listeners',
  'core/events.ts': 'topic and group events',
  'core/history.ts': 'the bounded history the charts read; a tile shows the latest metrics',
  'core/recordEdits.ts': 'the topic and group records',
  'core/store.ts:updateRecords':
    'the topic and group records (useTopics, useConsumerGroups) and inferred events',
  'core/client.ts:TakhinClient.#liveness': 'liveness',
  'core/client.ts:TakhinClient.#dialectCheck': 'a development hint',
  'core/client.ts:TakhinClient.#checkDialect': 'a development hint',
  'core/client.ts:TakhinClient.#events': 'events for `client.on` listeners',
  'core/client.ts:TakhinClient.#emitError': 'error reporting',
  'core/client.ts:TakhinClient.#redact': 'error reporting',
  'components/cx.ts': "class names of the panel's root",
  'components/WaitingForMetrics.tsx': 'shown only until the first metrics arrive',
};

const configPath = resolve(root, 'tsconfig.json');
const config = ts.getParsedCommandLineOfConfigFile(
  configPath,
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
if (!config) throw new Error('tsconfig.json could not be read');
const program = ts.createProgram({
  rootNames: config.fileNames.filter((f) => f.startsWith(src + '/')),
  options: config.options,
});
const checker = program.getTypeChecker();

function fileKey(node: ts.Node): string {
  return relative(src, node.getSourceFile().fileName);
}

function memberName(node: ts.Node): string | null {
  const name = (node as { name?: ts.Node }).name;
  if (!name) return null;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name)) return name.text;
  return null;
}

/** `name` or `Class.member`, as `ENTRIES` and `OFF_PATH` spell them. */
function qualifiedName(node: ts.Node): string {
  const own = memberName(node) ?? '?';
  const parent = node.parent;
  if (ts.isClassLike(parent) && parent.name) return `${parent.name.text}.${own}`;
  return own;
}

/** Declared inside a function: walked when used, but not listed. */
function isLocal(node: ts.Node): boolean {
  for (let at = node.parent; at !== undefined; at = at.parent) if (ts.isFunctionLike(at)) return true;
  return false;
}

function isInSrc(node: ts.Node): boolean {
  const file = node.getSourceFile().fileName;
  return file.startsWith(src + '/') && !file.endsWith('.d.ts');
}

/** The declaration a walk continues with, or null for anything that carries no code of its own. */
function walkable(decl: ts.Declaration): ts.Node | null {
  if (
    ts.isFunctionDeclaration(decl) ||
    ts.isMethodDeclaration(decl) ||
    ts.isGetAccessorDeclaration(decl) ||
    ts.isSetAccessorDeclaration(decl) ||
    ts.isPropertyDeclaration(decl) ||
    ts.isClassDeclaration(decl) ||
    ts.isEnumDeclaration(decl)
  ) {
    return decl;
  }
  if (ts.isVariableDeclaration(decl)) return decl;
  // `export const select = { metrics: (s) => … }`: a property of an object literal is walked alone.
  if (ts.isPropertyAssignment(decl) || ts.isShorthandPropertyAssignment(decl)) return decl;
  return null;
}

const reached = new Map<string, Set<string>>();
const skipped = new Map<string, string>();
const seen = new Set<ts.Node>();
const queue: ts.Node[] = [];

function reach(decl: ts.Node): void {
  if (seen.has(decl)) return;
  seen.add(decl);
  const file = fileKey(decl);
  const key = `${file}:${qualifiedName(decl)}`;
  const off = Object.hasOwn(OFF_PATH, key) ? key : Object.hasOwn(OFF_PATH, file) ? file : null;
  if (off !== null) {
    skipped.set(off, OFF_PATH[off]);
    return;
  }
  const names = reached.get(file) ?? new Set<string>();
  if (!isLocal(decl)) names.add(qualifiedName(decl));
  reached.set(file, names);
  queue.push(decl);
}

function follow(symbol: ts.Symbol | undefined): void {
  if (!symbol) return;
  if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  for (const decl of symbol.declarations ?? []) {
    if (!isInSrc(decl)) continue;
    const node = walkable(decl);
    if (node) reach(node);
  }
}

function isMetricsSwitch(node: ts.SwitchStatement): boolean {
  return (
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'type' &&
    node.caseBlock.clauses.some(
      (clause) =>
        ts.isCaseClause(clause) &&
        ts.isStringLiteral(clause.expression) &&
        clause.expression.text === 'metrics',
    )
  );
}

function visit(node: ts.Node): void {
  if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
  if (ts.isSwitchStatement(node) && isMetricsSwitch(node)) {
    visit(node.expression);
    for (const clause of node.caseBlock.clauses) {
      if (
        ts.isCaseClause(clause) &&
        ts.isStringLiteral(clause.expression) &&
        clause.expression.text === 'metrics'
      )
        clause.statements.forEach(visit);
    }
    return;
  }
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
    follow(checker.getSymbolAtLocation(node));
    return;
  }
  ts.forEachChild(node, visit);
}

/** The code a reached declaration contributes: a class only its constructor and field initialisers. */
function walk(decl: ts.Node): void {
  if (ts.isClassDeclaration(decl)) {
    for (const member of decl.members) {
      if (ts.isConstructorDeclaration(member)) visit(member);
      if (ts.isPropertyDeclaration(member) && member.initializer) visit(member.initializer);
    }
    for (const clause of decl.heritageClauses ?? []) clause.types.forEach((t) => visit(t.expression));
    return;
  }
  if (ts.isVariableDeclaration(decl) || ts.isPropertyAssignment(decl) || ts.isPropertyDeclaration(decl)) {
    const init = (decl as { initializer?: ts.Node }).initializer;
    if (init) visit(init);
    return;
  }
  ts.forEachChild(decl, visit);
}

function findEntry(entry: Entry): ts.Node[] {
  const sourceFile = program.getSourceFile(resolve(src, entry.file));
  if (!sourceFile) throw new Error(`${entry.file}: not in the program`);
  let found: ts.Node | null = null;
  const look = (node: ts.Node): void => {
    if (found) return;
    if (
      walkable(node as ts.Declaration) &&
      qualifiedName(node) === entry.name &&
      !ts.isVariableDeclaration(node)
    )
      found = node;
    else if (ts.isVariableDeclaration(node) && memberName(node) === entry.name) found = node;
    else ts.forEachChild(node, look);
  };
  look(sourceFile);
  if (!found) throw new Error(`${entry.file}: ${entry.name} not found`);
  if (!entry.within) return [found];
  const parts: ts.Node[] = [];
  const pick = (node: ts.Node): void => {
    const tag =
      ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node) ? node.tagName.getText() : null;
    if (
      (ts.isVariableDeclaration(node) && entry.within!.includes(memberName(node) ?? '')) ||
      (tag !== null && entry.within!.includes(tag))
    ) {
      parts.push(node);
      return;
    }
    ts.forEachChild(node, pick);
  };
  pick(found);
  const missing = entry.within.filter(
    (name) =>
      !parts.some(
        (p) =>
          memberName(p) === name ||
          ((ts.isJsxSelfClosingElement(p) || ts.isJsxOpeningElement(p)) && p.tagName.getText() === name),
      ),
  );
  if (missing.length > 0) throw new Error(`${entry.file}: ${missing.join(', ')} not found in ${entry.name}`);
  return parts;
}

for (const entry of ENTRIES) {
  const names = reached.get(entry.file) ?? new Set<string>();
  names.add(entry.name);
  reached.set(entry.file, names);
  for (const node of findEntry(entry)) {
    seen.add(node);
    if (ts.isVariableDeclaration(node)) walk(node);
    else visit(node);
  }
}
while (queue.length > 0) walk(queue.shift()!);

const files = [...reached.keys()].sort();
const why = process.argv.includes('--why');
console.log(`The message path: ${files.length} files under src/, from socket frame to a Dashboard number\n`);
for (const file of files) {
  console.log(`  src/${file}`);
  if (why) console.log(`      ${[...reached.get(file)!].sort().join(', ')}`);
}
if (why) {
  console.log('\nNot followed (another concern):');
  for (const [key, reason] of [...skipped].sort()) console.log(`  ${key}: ${reason}`);
}
console.log(`\n${files.length} files`);
