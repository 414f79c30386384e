// The script tag's first file: a classic script (a plain `<script src>`, with or without `defer` /
// `async`, works as before) that imports the ES-module entry rollup wrote to `chunks/`. Chunk
// names carry a content hash, so a host may cache them forever; only this small file must be
// revalidated. A classic script's `import()` needs no `type="module"` and runs on Chromium 63+.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Rollup plugin: emits `fileName`, the loader for the build's one entry chunk, and the widget's
 * licence files beside it.
 * @param {string} fileName
 * @returns {import('rollup').Plugin}
 */
export function scriptTagLoader(fileName) {
  const { version } = JSON.parse(readFileSync(new URL('../packages/widget/package.json', import.meta.url), 'utf8'));
  return {
    name: 'parley-script-tag-loader',
    generateBundle(_options, bundle) {
      const entries = Object.values(bundle).filter((file) => file.type === 'chunk' && file.isEntry);
      if (entries.length !== 1) this.error(`the script tag needs exactly one entry chunk, found ${entries.length}`);
      // Everything else loads on first use: a chunk the entry imports statically (a manual chunk
      // that took in a module the start code imports too) would load at start.
      if (entries[0].imports.length > 0) this.error(`the entry chunk imports ${entries[0].imports.join(', ')} statically: code meant for first use would load at start`);
      this.emitFile({ type: 'asset', fileName, source: loaderSource(entries[0].fileName, version) });
      // The folder is what a host copies to its static server: the licences travel with it (the
      // chunks are minified without comments).
      for (const notice of ['LICENSE', 'NOTICE', 'THIRD-PARTY-LICENSES.txt']) {
        this.emitFile({ type: 'asset', fileName: notice, source: readFileSync(new URL(`../packages/widget/${notice}`, import.meta.url), 'utf8') });
      }
      // What loads at start and what on first use, for `npm run size` and the bench.
      const chunks = Object.fromEntries(
        Object.values(bundle)
          .filter((file) => file.type === 'chunk')
          .map((chunk) => [chunk.fileName, { imports: chunk.imports, dynamicImports: chunk.dynamicImports, modules: Object.keys(chunk.modules).map((id) => relative(root, id)) }]),
      );
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: `${JSON.stringify({ loader: fileName, entry: entries[0].fileName, chunks }, null, 1)}\n` });
    },
  };
}

/**
 * The chunk is resolved against this script's own URL, not the page's, so the folder can live on
 * any path, or on another origin that sends CORS headers. A failed import (the folder copied
 * without `chunks/`, no CORS, a CSP that blocks it) is reported once, in words a page author can
 * act on. Markup on the page can shadow `document.currentScript` (`<img name="currentScript"
 * src=…>`): only a real script element names where the chunks are, else `import()` resolves
 * against this file. A server render that imports it in Node (no document) gets nothing. Written
 * minified (only the banner is kept): every page loads it before
 * anything else, in its own request, so its bytes are not shared with the chunks' compression.
 */
function loaderSource(entry, version) {
  const specifier = JSON.stringify(`./${entry}`);
  const message = JSON.stringify(
    ': serve the whole dist/script folder; from another origin than the page, it must send Access-Control-Allow-Origin (chunks are ES modules); and the page CSP must allow it in script-src.',
  );
  return `/*! @parley/widget ${version} | Apache-2.0 | <parley-chat> loader: keep chunks/ next to this file */
"object"==typeof document&&function(){var s=document.currentScript,u=s instanceof HTMLScriptElement&&s.src?new URL(${specifier},s.src).href:${specifier};import(u).catch(function(e){console.error("[parley] <parley-chat> could not load "+u+${message},e)})}();
`;
}
