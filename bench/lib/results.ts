import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, type MachineInfo } from './machine.js';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = join(BENCH_DIR, '..');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
/** Scratch space for builds (ignored by git). */
export const TMP_DIR = join(BENCH_DIR, '.tmp');

/** One line of the printed comparison table; values are preformatted. */
export interface Row {
  metric: string;
  ours: string;
  seed?: string;
  ruw?: string;
  /** How ours compares, with its meaning spelled out in the metric or here. */
  ratio?: string;
  budget?: string;
  /** Whether the budget of this row is met; undefined when the row has no budget. */
  met?: boolean;
}

export interface Budget {
  name: string;
  limit: string;
  actual: string;
  met: boolean;
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  ranAt: string;
  durationMs: number;
  machine: MachineInfo;
  budgets: Budget[];
  rows: Row[];
  /** Raw numbers (summaries of samples, counts, settings) for anyone re-analysing the run. */
  details: Record<string, unknown>;
  /** Free-text observations: why a budget is missed, where the time goes. */
  notes: string[];
}

export type ScenarioBody = Omit<ScenarioResult, 'scenario' | 'ranAt' | 'durationMs' | 'machine'>;

export function resultPath(scenario: string): string {
  return join(RESULTS_DIR, `${scenario}.json`);
}

export async function writeResult(
  scenario: string,
  startedAt: number,
  body: ScenarioBody,
): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    scenario,
    title: body.title,
    ranAt: new Date(startedAt).toISOString(),
    durationMs: Math.round(performance.now() - startedAtPerf(startedAt)),
    machine: machineInfo(),
    budgets: body.budgets,
    rows: body.rows,
    details: body.details,
    notes: body.notes,
  };
  await mkdir(dirname(resultPath(scenario)), { recursive: true });
  await writeFile(resultPath(scenario), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

// Wall-clock start converted to the monotonic clock, so a clock step during a run cannot skew durations.
const wallToPerf = Date.now() - performance.now();
function startedAtPerf(startedAt: number): number {
  return startedAt - wallToPerf;
}

export async function readResult(scenario: string): Promise<ScenarioResult> {
  return JSON.parse(await readFile(resultPath(scenario), 'utf8')) as ScenarioResult;
}
