/**
 * Builds takhin-react into a scratch directory, packs it with `npm pack`, and checks the tarball: its file
 * list, publint, Are The Types Wrong (ESM-only profile), the `'use client'` directive of the components
 * entry and the CLI's shebang. Prints the tarball's size and files; exits 1 on any problem.
 *
 *   tsx scripts/pack-check.ts [--keep] [--manifest path/to/package.json]
 *
 * `--keep` leaves the scratch directory (and the tarball in it) in place; `--manifest` packs with another
 * package.json, to try a manifest change before making it.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

/** The repository root (the package being packed). */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Top-level files a tarball may hold besides `dist/`. */
export const ALLOWED_TOP_LEVEL = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

/** Entry points that are not JavaScript modules, so attw has nothing to resolve types for. */
const NON_MODULE_ENTRYPOINTS = ['./styles.css'];

/** The outcome of a child process. */
export interface CommandResult {
  code: number;
  output: string;
}

/** Options of {@link run}. */
export interface RunOptions {
  cwd: string;
  /** Extra environment variables, on top of {@link childEnv}. */
  env?: Record<string, string>;
  /** Kills the process (and its children) after this long. @default 300000 */
  timeoutMs?: number;
}

/** Variables a parent npm or vitest run sets; children must not inherit them. */
const PARENT_RUN_VARIABLES = /^(npm_|VITEST|TEST$|NODE_ENV$|INIT_CWD$)/;

/** The user's own npm settings (cache, registry, proxy, certificates), which children should keep. */
const USER_NPM_SETTINGS =
  /^npm_config_(cache|registry|userconfig|globalconfig|proxy|https_proxy|noproxy|cafile|strict_ssl)$/;

/**
 * The environment for child tools. A parent run's variables would leak in otherwise:
 * `npm_config_local_prefix` sends a nested `npm install` to the parent's folder, `NODE_ENV=test` makes
 * Vite build for development.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (PARENT_RUN_VARIABLES.test(key) && !USER_NPM_SETTINGS.test(key)) continue;
    env[key] = value;
  }
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
}

/** Process groups still running; killed if this process exits first. */
const running = new Set<number>();
process.on('exit', () => {
  for (const pid of running) killGroup(pid);
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Runs a command and collects stdout and stderr together; never throws for a non-zero exit. The command
 * gets a process group of its own, so that a timeout also ends what it started (esbuild, browsers).
 */
export function run(command: string, args: string[], options: RunOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => {
      chunks.push(Buffer.from(`\n[killed after ${options.timeoutMs ?? 300_000} ms]\n`));
      if (pid !== undefined) killGroup(pid);
    }, options.timeoutMs ?? 300_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

/** Like {@link run}, but rejects with the command's output when it fails. */
export async function runOrThrow(command: string, args: string[], options: RunOptions): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.code}) in ${options.cwd}\n${result.output}`,
    );
  }
  return result.output;
}

/** A repository-local binary; never `npx`, whose wrapper process would outlive a kill. */
export const bin = (name: string, root = repoRoot) => join(root, 'node_modules', '.bin', name);

/** A file in the tarball. */
export interface PackedFile {
  path: string;
  size: number;
}

/** What `npm pack` produced. */
export interface PackedPackage {
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** Its file name, e.g. `takhin-react-0.1.0.tgz`. */
  filename: string;
  /** Compressed size, bytes. */
  size: number;
  unpackedSize: number;
  files: PackedFile[];
  /** The directory that was packed: its `dist/` is exactly what the tarball holds. */
  packageDir: string;
}

/**
 * Builds the package into `stageDir` the way `npm run build` builds `dist/` (vite build, declarations
 * with tsc, the stylesheet copied), without touching the working tree's `dist/`.
 */
export async function buildPackage(
  stageDir: string,
  manifest = join(repoRoot, 'package.json'),
): Promise<void> {
  const dist = join(stageDir, 'dist');
  await mkdir(dist, { recursive: true });
  await Promise.all([
    runOrThrow(bin('vite'), ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: repoRoot,
    }),
    runOrThrow(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', dist], { cwd: repoRoot }),
  ]);
  await copyFile(join(repoRoot, 'src/components/styles.css'), join(dist, 'styles.css'));
  await copyFile(manifest, join(stageDir, 'package.json'));
  for (const name of ALLOWED_TOP_LEVEL.filter((file) => file !== 'package.json')) {
    const from = join(repoRoot, name);
    if (await exists(from)) await copyFile(from, join(stageDir, name));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

interface NpmPackJson {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

/** `npm pack` of `packageDir` into `destination`, without lifecycle scripts. */
export async function packPackage(packageDir: string, destination: string): Promise<PackedPackage> {
  await mkdir(destination, { recursive: true });
  const output = await runOrThrow(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', destination],
    { cwd: packageDir },
  );
  const [info] = JSON.parse(output.slice(output.indexOf('['))) as NpmPackJson[];
  return {
    tarball: join(destination, info.filename),
    filename: info.filename,
    size: info.size,
    unpackedSize: info.unpackedSize,
    files: info.files.map(({ path, size }) => ({ path, size })),
    packageDir,
  };
}

/**
 * The files `npm pack` would take from the repository itself, as the manifest's `files` selects them:
 * the staged tarball only ever holds what was copied into it, so this catches a `files` field that
 * would publish more.
 */
export async function filesPublishedFromRepo(): Promise<string[]> {
  const output = await runOrThrow(
    'npm',
    ['pack', '--dry-run', '--json', '--ignore-scripts', '--loglevel=error'],
    {
      cwd: repoRoot,
    },
  );
  const [info] = JSON.parse(output.slice(output.indexOf('['))) as NpmPackJson[];
  return info.files.map((file) => file.path);
}

/** Paths that are neither under `dist/` nor one of {@link ALLOWED_TOP_LEVEL}. */
export function unexpectedFiles(paths: string[]): string[] {
  return paths.filter((path) => !path.startsWith('dist/') && !ALLOWED_TOP_LEVEL.includes(path));
}

/** publint's messages (errors, warnings and suggestions alike) about the tarball, formatted. */
export async function runPublint(pack: PackedPackage): Promise<string[]> {
  const tarball = await readFile(pack.tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
    level: 'suggestion',
    strict: true,
  });
  return messages.map(
    (message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`,
  );
}

/**
 * Are The Types Wrong on the tarball. The package is ESM-only, so the `esm-only` profile (which leaves
 * out `node10` and CommonJS `require` resolution) fits; the stylesheet is an asset, not a module.
 */
export function runAttw(pack: PackedPackage): Promise<CommandResult> {
  return run(
    bin('attw'),
    [
      pack.tarball,
      '--profile',
      'esm-only',
      '--exclude-entrypoints',
      ...NON_MODULE_ENTRYPOINTS,
      '--format',
      'ascii',
    ],
    { cwd: repoRoot, timeoutMs: 120_000 },
  );
}

/** Checks on built files that no linter makes; each returned string is a problem. */
export async function checkBuiltFiles(pack: PackedPackage): Promise<string[]> {
  const problems: string[] = [];
  const components = await readFile(join(pack.packageDir, 'dist/components.js'), 'utf8');
  if (!/^["']use client["'];/.test(components)) {
    problems.push("dist/components.js does not start with the 'use client' directive");
  }
  const manifest = JSON.parse(await readFile(join(pack.packageDir, 'package.json'), 'utf8')) as {
    bin?: Record<string, string>;
  };
  for (const [name, target] of Object.entries(manifest.bin ?? {})) {
    const text = await readFile(join(pack.packageDir, target), 'utf8');
    if (!text.startsWith('#!/usr/bin/env node\n'))
      problems.push(`bin ${name} (${target}) has no node shebang`);
  }
  return problems;
}

/** Everything {@link packCheck} found. */
export interface PackCheckReport {
  pack: PackedPackage;
  /** Files of the tarball that should not be published. */
  unexpected: string[];
  /** Files the repository's manifest would publish that should not be. */
  unexpectedFromRepo: string[];
  missingReadme: boolean;
  publint: string[];
  attw: CommandResult;
  builtFiles: string[];
  ok: boolean;
}

/** Builds and packs into `workDir`, then runs every check. */
export async function packCheck(workDir: string, manifest?: string): Promise<PackCheckReport> {
  const stageDir = join(workDir, 'package');
  const [, fromRepo] = await Promise.all([buildPackage(stageDir, manifest), filesPublishedFromRepo()]);
  const pack = await packPackage(stageDir, workDir);
  const [publintMessages, attw, builtFiles] = await Promise.all([
    runPublint(pack),
    runAttw(pack),
    checkBuiltFiles(pack),
  ]);
  const paths = pack.files.map((file) => file.path);
  const unexpected = unexpectedFiles(paths);
  const unexpectedFromRepo = unexpectedFiles(fromRepo);
  const ok =
    unexpected.length === 0 &&
    unexpectedFromRepo.length === 0 &&
    publintMessages.length === 0 &&
    attw.code === 0 &&
    builtFiles.length === 0;
  return {
    pack,
    unexpected,
    unexpectedFromRepo,
    missingReadme: !paths.includes('README.md'),
    publint: publintMessages,
    attw,
    builtFiles,
    ok,
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The human-readable summary printed by the CLI and by the consumers run. */
export function formatPackCheck(report: PackCheckReport): string {
  const { pack } = report;
  const lines = [
    `${pack.filename}: ${kB(pack.size)} packed, ${kB(pack.unpackedSize)} unpacked, ${pack.files.length} files`,
    ...pack.files
      .slice()
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((file) => `  ${kB(file.size).padStart(9)}  ${file.path}`),
  ];
  const section = (title: string, problems: string[]) =>
    lines.push(
      problems.length === 0 ? `${title}: ok` : `${title}: ${problems.length} problem(s)`,
      ...problems.map((p) => `  ${p}`),
    );
  section(
    'tarball contents',
    report.unexpected.map((path) => `not allowed in the tarball: ${path}`),
  );
  section(
    'files field',
    report.unexpectedFromRepo.map((path) => `the repository would publish: ${path}`),
  );
  if (report.missingReadme) lines.push('warning: README.md is missing, so the package page will be empty');
  section('publint', report.publint);
  lines.push(`attw (esm-only): ${report.attw.code === 0 ? 'ok' : 'problems'}`);
  if (report.attw.code !== 0) lines.push(report.attw.output.trim());
  section('built files', report.builtFiles);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { keep: { type: 'boolean' }, manifest: { type: 'string' } } });
  const workDir = await mkdtemp(join(tmpdir(), 'takhin-pack-'));
  try {
    const report = await packCheck(workDir, values.manifest);
    console.log(formatPackCheck(report));
    if (values.keep) console.log(`kept ${workDir}`);
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    if (!values.keep) await rm(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
