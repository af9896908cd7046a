import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, formatFixture, runConsumers } from '../../scripts/consumers.js';
import type { ConsumersReport } from '../../scripts/consumers.js';

let report: ConsumersReport;

// One build and one `npm pack` for everything below; the fixtures install that tarball.
beforeAll(async () => {
  report = await runConsumers({ log: (line) => console.log(line) });
}, 900_000);

describe('the packed tarball', () => {
  it('holds dist/ and the package files, nothing else', () => {
    const paths = report.pack.pack.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining(['package.json', 'LICENSE', 'dist/index.js', 'dist/styles.css']),
    );
    expect(report.pack.unexpected).toEqual([]);
    expect(report.pack.unexpectedFromRepo).toEqual([]);
  });

  it('draws no publint message', () => {
    expect(report.pack.publint).toEqual([]);
  });

  it('passes Are The Types Wrong with the ESM-only profile', () => {
    expect(report.pack.attw.code, report.pack.attw.output).toBe(0);
  });

  it("starts the components entry with 'use client' and the CLI with a shebang", () => {
    expect(report.pack.builtFiles).toEqual([]);
  });
});

describe('consumer projects installing the tarball', () => {
  it.each(FIXTURES)('%s', (name) => {
    const fixture = report.fixtures.find((candidate) => candidate.name === name);
    expect(fixture, `${name} did not run`).toBeDefined();
    expect(fixture?.problems, fixture && formatFixture(fixture)).toEqual([]);
  });
});
