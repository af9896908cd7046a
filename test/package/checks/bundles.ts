import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One file of a production build. */
export interface BuiltFile {
  /** Relative to the build's output folder. */
  path: string;
  text: string;
}

/** The JavaScript and CSS files a Vite build wrote. */
export interface BuiltAssets {
  js: BuiltFile[];
  css: BuiltFile[];
}

/**
 * Class names only recharts' own code writes into the DOM; minification keeps strings, so any of them in
 * a bundle means recharts was bundled.
 */
export const RECHARTS_MARKERS = /recharts-(?:surface|wrapper|layer|cartesian|legend|tooltip|dot|text)/;

/** Reads every `.js` and `.css` file under `outDir`. */
export async function readBuild(outDir: string): Promise<BuiltAssets> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  const assets: BuiltAssets = { js: [], css: [] };
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const kind = entry.name.endsWith('.js') ? assets.js : entry.name.endsWith('.css') ? assets.css : null;
    kind?.push({ path: relative(outDir, full), text: await readFile(full, 'utf8') });
  }
  return assets;
}

/** The files whose text matches `pattern`. */
export function filesMatching(files: BuiltFile[], pattern: RegExp): string[] {
  return files.filter((file) => pattern.test(file.text)).map((file) => file.path);
}

/** Total gzip size of the files, bytes (each compressed on its own, as a server sends them). */
export function gzipSize(files: BuiltFile[]): number {
  return files.reduce((sum, file) => sum + gzipSync(file.text, { level: 9 }).length, 0);
}
