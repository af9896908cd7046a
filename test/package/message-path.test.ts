import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

// The walk is defined in the script's header; this keeps the path short and the architecture page true.
it('keeps the message path from socket frame to a Dashboard number at 12 files or fewer, as docs/architecture.md lists them', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/message-path.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
  const files = [...out.matchAll(/^\s+(src\/\S+)$/gm)].map((m) => m[1]);
  const count = Number(/^(\d+) files$/m.exec(out)?.[1]);
  expect(count).toBe(files.length);
  expect(files.length).toBeGreaterThan(5);
  expect(files.length).toBeLessThanOrEqual(12);
  const doc = readFileSync(`${root}docs/architecture.md`, 'utf8');
  const listed = [...doc.matchAll(/^\d+\. `(src\/[^`]+)`/gm)].map((m) => m[1]);
  expect([...listed].sort()).toEqual([...files].sort());
}, 60_000);
