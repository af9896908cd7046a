import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/index.js';

// The README's "Without React" example, exactly as printed (only the address and the import path
// differ), run in a plain Node process: Node 20 has no global WebSocket, so the client must fall back on
// `ws` by itself, and print the total lag once metrics arrive.

let sim: Simulator | null = null;
let child: ChildProcess | null = null;
const script = join('test', 'core', '.readme-node-example.mts');

afterEach(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  child = null;
  await sim?.close();
  sim = null;
  await rm(script, { force: true });
});

async function readmeExample(): Promise<string> {
  const readme = await readFile('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('Without React:'));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('no ts block after "Without React:" in README.md');
  return block[1];
}

it("the README's Node example receives metrics from the simulator on Node without a global WebSocket", async () => {
  sim = await startSimulator({ port: 0, intervalMs: 50 });
  const example = await readmeExample();
  expect(example).toContain("from 'takhin-react/vanilla'");
  expect(example).toContain('ws://localhost:8080/api/monitoring/ws');
  const entry = pathToFileURL(join(process.cwd(), 'src', 'core', 'index.ts')).href;
  await writeFile(
    script,
    example
      .replace("from 'takhin-react/vanilla'", `from '${entry}'`)
      .replace('ws://localhost:8080/api/monitoring/ws', sim.url),
  );
  child = spawn(join('node_modules', '.bin', 'tsx'), [script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    child!.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const found = /^open \d+$/m.exec(output);
      if (found) resolve(found[0]);
    });
    child!.on('exit', (code) => reject(new Error(`exited with ${code} before any metrics: ${output}`)));
  });
  expect(line).toMatch(/^open \d+$/);
});
