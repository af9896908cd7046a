import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

// Every README example that imports from takhin-react type-checks, as printed, against the sources
// (tsconfig maps the package names onto src/): an example that drifts from the API fails here.

const dir = join('test', '.readme-examples');

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('type-checks every README example that imports from takhin-react', async () => {
  const readme = await readFile('README.md', 'utf8');
  const blocks = [...readme.matchAll(/^ *```(tsx|ts)\n([\s\S]*?)^ *```/gm)]
    .map(([, lang, code]) => ({ lang, code: code.replace(/^ {2}/gm, '') }))
    .filter(({ code }) => code.includes("from 'takhin-react"));
  // The README has ten today; a broken extraction must not pass by checking nothing.
  expect(blocks.length).toBeGreaterThanOrEqual(10);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files = await Promise.all(
    blocks.map(async ({ lang, code }, i) => {
      const file = `example-${i + 1}.${lang}`;
      // Each example is its own module, so that two examples may declare the same names.
      await writeFile(join(dir, file), `${code}\nexport {};\n`);
      return file;
    }),
  );
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../tsconfig.json',
      compilerOptions: { noUnusedLocals: false },
      include: files,
    }),
  );
  const tsc = spawnSync(join('node_modules', '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.json')], {
    encoding: 'utf8',
  });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
});
