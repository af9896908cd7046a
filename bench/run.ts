/**
 * `npm run bench [-- <scenario…>] [--markdown] [--strict] [--report]`: runs the benchmark scenarios one
 * after the other, each in its own Node process (with --expose-gc), writes bench/results/<scenario>.json,
 * and prints ours against the baselines with the budgets. `--report` only prints the table of the results
 * already in bench/results; `--markdown` prints it as Markdown; `--strict` exits 1 when a budget is missed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { machineInfo } from './lib/machine.js';
import { buildPages } from './lib/pages.js';
import { BENCH_DIR, readResult, REPO_DIR, type ScenarioResult } from './lib/results.js';
import { markdownTable, textTable } from './lib/table.js';

const SCENARIOS = [
  { name: 'ingest', browser: false },
  { name: 'burst', browser: true },
  { name: 'dashboard', browser: true },
  { name: 'isolation', browser: true },
  { name: 'bundle', browser: false },
  { name: 'memory', browser: false },
  { name: 'history', browser: false },
  { name: 'groups10k', browser: true },
] as const;

function runChild(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', join(BENCH_DIR, 'lib', 'child.ts'), name],
      {
        cwd: REPO_DIR,
        stdio: 'inherit',
      },
    );
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length > 0) {
    console.error(
      `unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`,
    );
    process.exit(2);
  }
  const selected = SCENARIOS.filter((s) => names.length === 0 || names.includes(s.name));
  if (flags.has('--report')) {
    const results = await Promise.all(selected.map((s) => readResult(s.name)));
    const m = results[0]?.machine;
    if (m) console.log(`${m.cpu} × ${m.cores}, ${m.os}, Node ${m.node}, ${m.chromium ?? 'no Chromium'}\n`);
    console.log(flags.has('--markdown') ? markdownTable(results) : textTable(results));
    for (const r of results) {
      console.log(
        `${r.scenario}: ran ${r.ranAt}, ${(r.durationMs / 1000).toFixed(1)} s, load average ${r.machine.loadAverage1m}`,
      );
    }
    return;
  }
  const started = performance.now();
  const machine = machineInfo();
  console.log(
    `takhin-react benchmarks on ${machine.cpu} × ${machine.cores}, ${machine.os}, Node ${machine.node}, ` +
      `${machine.chromium ?? 'no Chromium'}; load average ${machine.loadAverage1m}`,
  );

  if (selected.some((s) => s.browser)) {
    const t = performance.now();
    process.stdout.write('building the browser pages (production React)… ');
    await buildPages();
    console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  const results: ScenarioResult[] = [];
  const failed: string[] = [];
  for (const scenario of selected) {
    const t = performance.now();
    console.log(`\n▶ ${scenario.name}`);
    const code = await runChild(scenario.name);
    if (code !== 0) {
      failed.push(scenario.name);
      console.log(`✗ ${scenario.name} failed (exit ${code})`);
      continue;
    }
    results.push(await readResult(scenario.name));
    console.log(`✓ ${scenario.name} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  const total = (performance.now() - started) / 1000;
  console.log(`\n${flags.has('--markdown') ? markdownTable(results) : textTable(results)}`);
  const budgets = results.flatMap((r) => r.budgets.map((b) => ({ scenario: r.scenario, ...b })));
  const missed = budgets.filter((b) => !b.met);
  console.log(`\nBudgets: ${budgets.length - missed.length} of ${budgets.length} met.`);
  for (const b of missed) console.log(`  ✗ ${b.scenario}: ${b.name} — ${b.actual} (budget ${b.limit})`);
  for (const r of results) for (const note of r.notes) console.log(`  • ${r.scenario}: ${note}`);
  console.log(`\nTotal run time ${Math.floor(total / 60)} min ${Math.round(total % 60)} s.`);
  if (failed.length > 0) {
    console.log(`Scenarios that did not finish: ${failed.join(', ')}`);
    process.exitCode = 1;
  } else if (flags.has('--strict') && missed.length > 0) {
    process.exitCode = 1;
  }
}

await main();
