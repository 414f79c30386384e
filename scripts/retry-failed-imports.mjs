// Rollup plugin for the script tag: every `import()` of a chunk goes through one small function
// that, when the import fails, asks once more under the same URL plus `?retry=<time>`.
// Browsers of the Chromium 80 era (360 / QQ) keep a failed module fetch for the life of the page
// (the HTML standard's rule until whatwg/html#10327), so a chunk that failed once — a network
// blip, a proxy's 502 — failed again on every later Retry until a reload. A new URL is a new
// module-map entry and a real request. Only a chunk that failed is asked for again, so no module
// ever runs twice; a static import of the failed chunk that failed itself is not covered.
import MagicString from 'magic-string';

const helper = '__parleyImport';
const source = `function ${helper}(u){return import(u).catch(function(){return import(u+"?retry="+Date.now())})}\n`;

/** @returns {import('rollup').Plugin} */
export function retryFailedImports() {
  return {
    name: 'parley-retry-failed-imports',
    renderDynamicImport({ targetModuleId }) {
      // Only imports rollup resolved to a module of the build (a chunk); anything else is left alone.
      return targetModuleId ? { left: `${helper}(`, right: ')' } : null;
    },
    renderChunk(code) {
      if (!code.includes(`${helper}(`)) return null;
      const out = new MagicString(code).prepend(source);
      return { code: out.toString(), map: out.generateMap({ hires: true }) };
    },
  };
}
