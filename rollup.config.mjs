// Builds every package: ESM + .d.ts for bundlers and Node, and the widget's script tag (a loader + chunks).
import { existsSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import { minifyCssLiterals } from './scripts/minify-css-literals.mjs';
import { minifyHtmlLiterals } from './scripts/minify-html-literals.mjs';
import { retryFailedImports } from './scripts/retry-failed-imports.mjs';
import { scriptTagLoader } from './scripts/script-tag-loader.mjs';
import dts from 'rollup-plugin-dts';

const only = process.env.PARLEY_BUILD?.split(',');

/** zod 4 and lit trip rollup's harmless circular-dependency / annotation warnings. */
function onwarn(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'INVALID_ANNOTATION') return;
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
}

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
/** Every bare import stays external in the library builds: consumers' bundlers resolve them. */
const bare = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

/**
 * `typed`: the entries that get a `.d.ts`. An entry that exports nothing (the gateway's cli) has no
 * declarations, and rollup warns "Generated an empty chunk" for it.
 */
function library(pkg, entries, { target = 'es2022', platform = 'neutral', typed = entries } = {}) {
  const inputOf = (names) =>
    Object.fromEntries(names.filter((e) => existsSync(`packages/${pkg}/src/${e}.ts`)).map((e) => [e, `packages/${pkg}/src/${e}.ts`]));
  const input = inputOf(entries);
  if (Object.keys(input).length === 0) return [];
  return [
    {
      input,
      external: (id) => bare(id) || nodeBuiltins.includes(id),
      plugins: [esbuild({ target, platform, tsconfig: 'tsconfig.json' })],
      // One file per source module, as in src: an app's bundler then drops the adapters and
      // features it does not use, and a protocol named by string stays its own lazy chunk.
      output: { dir: `packages/${pkg}/dist`, format: 'esm', sourcemap: true, preserveModules: true, preserveModulesRoot: `packages/${pkg}/src` },
      onwarn,
    },
    {
      input: inputOf(typed),
      external: (id) => bare(id) || nodeBuiltins.includes(id),
      plugins: [dts({ tsconfig: 'tsconfig.json' })],
      output: { dir: `packages/${pkg}/dist`, format: 'esm', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
      onwarn,
    },
  ];
}

/**
 * The script tag's floor: Chromium 80 (360 / QQ browsers). ES2020 as well, so class fields
 * (which Chrome 80 runs but ES2020 parsers and some embedded engines refuse) are lowered too;
 * `npm run check:legacy` parses the bundle as ES2020.
 */
const legacyTarget = ['es2020', 'chrome80'];
/**
 * esbuild lowers `?.` below Chrome 91 for one V8 bug (crbug.com/v8/11558: a call in an optional
 * chain with a spread argument before its last one). Chrome 80 runs every other `?.`, so it stays
 * (0.9 KB gzip at start); `npm run check:legacy` refuses the buggy form anywhere in the bundle.
 */
const legacySupported = { 'optional-chain': true };

/**
 * The script tag, `dist/script/`: copy the folder to any static host and load `parley-chat.js`
 * with a plain `<script src>`. That file is a tiny classic script which imports the element's
 * ES-module entry from `chunks/` next to it; what a page may never use (the other protocols'
 * adapters, other languages, action cards…) stays in chunks loaded on first use. Every dependency
 * is inside, minified, runnable on Chromium 80 (360 / QQ browsers).
 */
function scriptTag() {
  if (!existsSync('packages/widget/src/define.ts')) return [];
  return [
    {
      input: { 'parley-chat': 'packages/widget/src/define.ts' },
      plugins: [
        nodeResolve({ browser: true, exportConditions: ['production'] }),
        // highlight.js's ES entry wraps its CommonJS core (the code highlighter's chunk, loaded on first use).
        commonjs({ include: /[\\/]node_modules[\\/]highlight\.js[\\/]/ }),
        // Dependencies too (lit ships `??=`): the syntax floor holds for every module, then terser minifies.
        esbuild({ target: legacyTarget, supported: legacySupported, tsconfig: 'tsconfig.json', include: /\.[cm]?[jt]s$/, exclude: [] }),
        minifyCssLiterals(),
        minifyHtmlLiterals(),
        retryFailedImports(),
        // terser: ~1.4 KB gzip smaller than esbuild's minifier here; ecma 2020 keeps the syntax floor, no eval.
        // Statements stay statements (`sequences: false`): comma-joined ones are shorter but repeat
        // less, −150 B gzip over all chunks; a second pass only reshuffled names, +35 B at start.
        // Rewrites that hold for these sources and their dependencies, −76 B at start (the browser
        // and e2e suites run on this output, and a review read the diff): a function expression
        // that never reads `this` becomes an arrow (`unsafe_arrows`: none is built with `new`),
        // unused trailing parameters go (`keep_fargs: false`: nothing reads a function's
        // `length`), `!(a < b)` may become `a >= b` (`unsafe_comps`: they differ only for NaN or
        // undefined, which no compared value here can be: timeouts and retry counts are
        // validated, JSON Schema bounds are JSON numbers), and `Array.prototype.x` becomes `[].x`.
        terser({ ecma: 2020, module: true, compress: { sequences: false, unsafe_arrows: true, keep_fargs: false, unsafe_comps: true, unsafe_proto: true }, format: { comments: false } }),
        scriptTagLoader('parley-chat.js'),
      ],
      output: {
        dir: 'packages/widget/dist/script',
        format: 'esm',
        sourcemap: true,
        entryFileNames: 'chunks/[name]-[hash:6].js',
        chunkFileNames: 'chunks/[name]-[hash:6].js',
        // The request code (fetching, retrying, framing, eventsource-parser) with what it shares
        // with the adapters (gateway errors, Retry-After, tool arguments) and the conversation's
        // answer code, in one chunk: every first answer loads all of it, and one chunk compresses
        // better than two (−411 B gzip before the first answer; a custom `client` fetches it with
        // its first answer). The adapters import it. The `<think>` tag splitter that openai, ollama
        // and dify share is in it too: on its own it was one more request after the openai chunk
        // (+228 B gzip there); here it is +5 B for openai, +360 B for the adapters without it.
        // A module of the start code this chunk imported would move into it (rollup adds a manual
        // chunk's imports) and the chunk would load at start: scriptTagLoader refuses an entry
        // that imports a chunk.
        manualChunks: (id) =>
          /client[\\/]dist[\\/](run-chat-request|fetch-with-retry|frame-stream|gateway-error|retry-timing|retry-step|apply-answer-event|protocols[\\/](?:parse-tool-arguments|think-tag-splitter))\.js$|[\\/]eventsource-parser[\\/]/.test(id) ? 'run-chat-request' : undefined,
      },
      // Nothing imports the entry's exports: rollup may put shared code in it instead of a facade
      // chunk, one request fewer before the element is defined.
      preserveEntrySignatures: false,
      onwarn,
    },
  ];
}

const builds = {
  client: () => library('client', ['index']),
  widget: () => [...library('widget', ['index', 'element']), ...scriptTag()],
  gateway: () => library('gateway', ['index', 'cli'], { platform: 'node', typed: ['index'] }),
};

const selected = Object.entries(builds).filter(([name]) => !only || only.includes(name));
// Hashed chunk names change with the code: a stale dist would keep every old chunk beside the new.
// (`rollup -c` evaluates this file once per build; watch mode is not used.)
for (const [name] of selected) rmSync(`packages/${name}/dist`, { recursive: true, force: true });

export default selected.flatMap(([, make]) => make());
