import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs a module script in a plain Node process (no DOM) where react-dom and recharts cannot load. */
async function runInPlainNode(source: string) {
  return run(
    process.execPath,
    [
      '--import',
      './test/helpers/forbid-imports.mjs',
      '--import',
      'tsx',
      '--input-type=module',
      '--eval',
      source,
    ],
    { cwd: process.cwd(), timeout: 60_000 },
  );
}

describe('the main entry in plain Node', () => {
  it('imports without a DOM and without loading react-dom or recharts', async () => {
    const { stdout } = await runInPlainNode(`
      const entry = await import('./src/index.ts');
      const client = entry.createTakhinClient({ url: 'ws://127.0.0.1:9/api/monitoring/ws' });
      console.log(JSON.stringify({
        hasWindow: typeof window !== 'undefined',
        status: client.connection.status,
        exports: Object.keys(entry).length,
      }));
    `);
    const result = JSON.parse(stdout.trim()) as { hasWindow: boolean; status: string; exports: number };
    expect(result.hasWindow).toBe(false);
    expect(result.status).toBe('idle');
    // 16 values today; fewer than 10 would mean the import did not really work.
    expect(result.exports).toBeGreaterThan(10);
  });

  it('the vanilla entry imports in plain Node too', async () => {
    const { stdout } = await runInPlainNode(`
      const entry = await import('./src/core/index.ts');
      const client = entry.createTakhinClient({ url: 'ws://127.0.0.1:9/api/monitoring/ws' });
      console.log(JSON.stringify({ status: client.connection.status, exports: Object.keys(entry).length }));
    `);
    const result = JSON.parse(stdout.trim()) as { status: string; exports: number };
    expect(result.status).toBe('idle');
    expect(result.exports).toBeGreaterThan(20);
  });

  it('really fails when a forbidden module is imported (the guard works)', async () => {
    await expect(runInPlainNode(`await import('recharts');`)).rejects.toThrow(/forbidden import/);
  });
});
