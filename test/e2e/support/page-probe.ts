import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * The in-page half of the e2e suites, bundled with esbuild and served as a same-origin script
 * (`/__probe.js`), so it also loads under a strict CSP where an inline script would not.
 * Source: `page-probe.browser.ts`; it installs `window.__probe`.
 */
export function pageProbeScript(): string {
  const result = buildSync({
    entryPoints: [fileURLToPath(new URL('./page-probe.browser.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
  });
  return result.outputFiles[0]!.text;
}
