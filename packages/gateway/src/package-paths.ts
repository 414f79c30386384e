import { existsSync, readFileSync } from 'node:fs';
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
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@parley/gateway') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('@parley/gateway: cannot find the package root (package.json) above ' + import.meta.url);
    dir = parent;
  }
}

let root: string | undefined;

/** Absolute paths of the gateway package's run-time files. The repo paths exist only in the Parley monorepo. */
export function packagePaths(): { root: string; corpus: string; demo: string; widgetDist: string } {
  root ??= findPackageRoot();
  return {
    root,
    corpus: join(root, 'corpus'),
    demo: join(root, '..', '..', 'demo'),
    widgetDist: join(root, '..', 'widget', 'dist', 'script'),
  };
}
