/** Runs one scenario in this process (started by run.ts with --expose-gc) and writes its result file. */
import { writeResult, type ScenarioBody } from './results.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: node --expose-gc --import tsx bench/lib/child.ts <scenario>');
  process.exit(2);
}
const started = Date.now();
const scenario = (await import(`../scenarios/${name}.js`)) as { run(): Promise<ScenarioBody> };
const body = await scenario.run();
await writeResult(name, started, body);
process.exit(0);
