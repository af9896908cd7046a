import type { Row, ScenarioResult } from './results.js';

const HEADERS = ['scenario', 'metric', 'takhin-react', 'seed', 'react-use-websocket', 'ratio', 'budget', ''];

function cells(scenario: string, row: Row): string[] {
  return [
    scenario,
    row.metric,
    row.ours,
    row.seed ?? '',
    row.ruw ?? '',
    row.ratio ?? '',
    row.budget ?? '',
    row.met === undefined ? '' : row.met ? 'met' : 'MISSED',
  ];
}

function lines(results: ScenarioResult[]): string[][] {
  return results.flatMap((r) => r.rows.map((row, i) => cells(i === 0 ? r.scenario : '', row)));
}

/** An aligned plain-text table for the terminal. */
export function textTable(results: ScenarioResult[]): string {
  const rows = [HEADERS, ...lines(results)];
  const widths = HEADERS.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const format = (r: string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [format(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(format)].join(
    '\n',
  );
}

/** The same table in Markdown, for bench/README.md. */
export function markdownTable(results: ScenarioResult[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const rows = lines(results).map((r) => `| ${r.map(escape).join(' | ')} |`);
  return [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`, ...rows].join('\n');
}
