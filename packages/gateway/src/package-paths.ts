import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files the gateway serves at run time (corpus, demo pages, widget bundle) are found relative to
 * the package, never bundled. Walking up to package.json works the same from `src/` (tests),
 * `dist/` and `dist/chunks/` (rollup may move shared code into a chunk).
 */
function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (packageNameAt(dir) === '@parley/gateway') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@parley/gateway: cannot find the package root (package.json) above ' + import.meta.url);
    dir = parent;
  }
}

function packageNameAt(dir: string): string | undefined {
  const manifest = join(dir, 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).name : undefined;
}

let root: string | undefined;

/**
 * Absolute paths of the gateway package's run-time files. The demo pages exist only in the Parley
 * monorepo: installed from npm, a folder `demo` two levels up is some other package, never served.
 * The widget's script folder is wherever `@parley/widget` resolves from here, when it is installed
 * (an optional peer dependency, so pnpm and Yarn PnP let the gateway see it).
 */
export function packagePaths(): { root: string; corpus: string; demo: string | undefined; widgetDist: string | undefined } {
  root ??= findPackageRoot();
  const repo = join(root, '..', '..');
  return { root, corpus: join(root, 'corpus'), demo: packageNameAt(repo) === 'parley' ? join(repo, 'demo') : undefined, widgetDist: widgetScriptFolder() };
}

function widgetScriptFolder(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('@parley/widget/package.json')), 'dist', 'script');
  } catch {
    return undefined;
  }
}
