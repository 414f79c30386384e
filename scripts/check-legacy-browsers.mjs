#!/usr/bin/env node
// The script-tag bundle must run in Chromium 80, the engine of the 360 / QQ browsers on
// intranet desktops. esbuild lowers syntax to that target but cannot know which built-in APIs,
// Web APIs or CSS the code relies on, so this checks the built file itself:
//   1. it parses as ES2020 (es-check);
//   2. no ES built-in newer than `chrome >= 80` (es-check's feature detection);
//   3. no Web API newer than that (eslint-plugin-compat, MDN browser-compat-data);
//   4. no CSS in the component styles newer than that (MDN browser-compat-data);
//   5. no optional chain in a form Chromium 80-90 runs wrongly (the build keeps `?.`, which Chrome 80 runs).
// The script tag is a folder: a classic-script loader and the ES-module chunks it imports; every
// file is checked, and a polyfill anywhere in the folder counts for all of them.
// Usage: node scripts/check-legacy-browsers.mjs [folder or file]   (root script: npm run check:legacy)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import compat from 'eslint-plugin-compat';
import postcss from 'postcss';

const require = createRequire(import.meta.url);
const bcd = require('@mdn/browser-compat-data');

export const browsers = 'chrome >= 80';
const floor = 80;
const root = fileURLToPath(new URL('..', import.meta.url));
export const defaultBundle = 'packages/widget/dist/script';

/**
 * APIs the bundle may use although Chromium 80 lacks them, each with the reason. Anything not
 * listed here is a finding: an allow-list, not a blanket ignore.
 */
export const allowed = {
  // What marked needed (a run-time polyfill, packages/widget/src/markdown/legacy-apis.ts, until
  // the own lexer replaced both). Allowed only while the bundle contains an install call for it
  // (`define(Array.prototype, "at", …)` keeps `(Array.prototype,"at"` through minification), so a
  // use without the polyfill is a finding.
  polyfilled: {
    'Array.prototype.at': 'the bundle installs a polyfill where it is missing',
    'String.prototype.at': 'the bundle installs a polyfill where it is missing',
    'Object.hasOwn': 'the bundle installs a polyfill where it is missing',
  },
  // APIs an old engine ignores without harm where the bundle uses them (es-check's names).
  harmless: {
    ErrorCause: "lowlight's `new Error(message, { cause })` for a broken grammar: Chromium 80-92 ignore the options, the error keeps its message",
  },
  // CSS an old engine ignores without harm: the declaration is dropped, nothing else changes.
  css: {
    'field-sizing': 'progressive enhancement: without it the composer keeps its fixed height and scrolls',
    'content-visibility': 'progressive enhancement: without it a long answer lays out and paints every block, as before',
    'content-visibility: auto': 'progressive enhancement: without it a long answer lays out and paints every block, as before',
    'contain-intrinsic-size': 'only sizes the placeholders content-visibility leaves; dropped together with it',
    'overflow-clip-margin': 'only widens the clip paint containment adds to a group of messages or a page of a markdown answer, so a focus ring at its edge stays whole; engines 85-89 clip up to 4 px of such a ring',
  },
};

/** The APIs of `allowed.polyfilled` whose polyfill is in `source`. */
function polyfilledIn(source) {
  return Object.keys(allowed.polyfilled).filter((name) => {
    const [, owner, member] = /^(.*)\.([^.]+)$/.exec(name);
    return new RegExp(`\\(\\s*${owner.replace(/\./g, '\\.')}\\s*,\\s*["']${member}["']`).test(source);
  });
}

/** es-check's names for the polyfilled APIs. */
const esCheckNames = { 'Array.prototype.at': 'ArrayPrototypeAt', 'String.prototype.at': 'StringPrototypeAt', 'Object.hasOwn': 'ObjectHasOwn' };

/** @typedef {{ check: string, feature: string, detail: string }} Finding */

/**
 * Runs every check on `bundle` (the script-tag folder or one file); resolves with the findings
 * (none means it passes) and how many CSS rules were read (so a bundle whose styles went unseen
 * cannot pass by accident).
 */
export async function checkLegacyBrowsers(bundle = defaultBundle) {
  const files = scriptFiles(resolve(root, bundle));
  const sources = files.map((file) => readFileSync(file.path, 'utf8'));
  const css = { rules: 0 };
  const polyfilled = polyfilledIn(sources.join('\n'));
  const findings = [];
  for (const [index, file] of files.entries()) {
    const found = [...parseAsEs2020(file), ...esBuiltins(file, polyfilled), ...(await webApisAndCss(file, sources[index], css, polyfilled))];
    const name = relative(root, file.path);
    findings.push(...(files.length > 1 ? found.map((finding) => ({ ...finding, detail: `${name}: ${finding.detail}` })) : found));
  }
  return { findings, cssRules: css.rules, polyfilled };
}

/** A folder: its classic loader(s) at the top and the ES modules under `chunks/`. */
function scriptFiles(path) {
  if (!statSync(path).isDirectory()) return [{ path, module: false }];
  const js = (dir) => readdirSync(dir).filter((name) => name.endsWith('.js')).map((name) => join(dir, name));
  return [...js(path).map((file) => ({ path: file, module: false })), ...js(join(path, 'chunks')).map((file) => ({ path: file, module: true }))];
}

function esCheck(args) {
  const run = spawnSync(`${root}node_modules/.bin/es-check`, [...args, '--noColor', '--noCache'], { cwd: root, encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}\n${run.stderr}` };
}

function firstError(output) {
  const line = output.split('\n').find((text) => /error: (?!ES-Check: there were)/.test(text));
  return (line ?? output.trim().split('\n').slice(-3).join(' ')).replace(/^.*?error:\s*/, '').trim();
}

function parseAsEs2020({ path, module }) {
  const { ok, output } = esCheck(['es2020', path, ...(module ? ['--module'] : [])]);
  return ok ? [] : [{ check: 'es2020-parse', feature: 'syntax', detail: firstError(output) }];
}

function esBuiltins({ path, module }, polyfilled) {
  const allowList = [...polyfilled.map((name) => esCheckNames[name]), ...Object.keys(allowed.harmless)];
  const { ok, output } = esCheck(['checkBrowser', path, ...(module ? ['--module'] : []), '--checkFeatures', `--browserslistQuery=${browsers}`, ...(allowList.length > 0 ? [`--allowList=${allowList.join(',')}`] : [])]);
  if (ok) return [];
  const features = /Unsupported features detected: (.*?)\. These/.exec(output)?.[1];
  if (!features) return [{ check: 'es-builtins', feature: 'unknown', detail: firstError(output) }];
  return features.split(/,\s*/).map((feature) => ({ check: 'es-builtins', feature, detail: `${feature} is newer than ${browsers}` }));
}

/**
 * The optional chains Chromium 80-90 gets wrong; every other `?.` it runs as specified, so the
 * build leaves them unlowered. A call in a chain with a spread argument before its last one
 * throws (crbug.com/v8/11558, fixed in Chrome 91); a parenthesised chain that is then called,
 * `(a?.b)()`, may lose its receiver (crbug.com/v8/10024).
 */
const optionalChainRule = {
  meta: { type: 'problem', schema: [] },
  create: (context) => ({
    ChainExpression(node) {
      // The calls along the chain itself, not those inside their arguments.
      for (let link = node.expression; link.type === 'CallExpression' || link.type === 'MemberExpression'; link = link.type === 'CallExpression' ? link.callee : link.object) {
        if (link.type !== 'CallExpression') continue;
        const spread = link.arguments.findIndex((argument) => argument.type === 'SpreadElement');
        if (spread >= 0 && spread < link.arguments.length - 1) context.report({ node: link, message: 'a call in an optional chain with a spread argument before its last one throws in Chrome 80-90 (crbug.com/v8/11558)' });
      }
    },
    CallExpression(node) {
      if (node.callee.type === 'ChainExpression') context.report({ node, message: 'a parenthesised optional chain that is called, (a?.b)(), may lose its receiver in Chrome 80-90 (crbug.com/v8/10024)' });
    },
    // A tag is called with the same receiver rule: (a?.b)`…` is the same form.
    TaggedTemplateExpression(node) {
      if (node.tag.type === 'ChainExpression') context.report({ node, message: 'a parenthesised optional chain used as a template tag, (a?.b)`…`, may lose its receiver in Chrome 80-90 (crbug.com/v8/10024)' });
    },
  }),
};

async function webApisAndCss({ path, module }, source, css, polyfilled) {
  const cssFindings = [];
  const cssRule = {
    meta: { type: 'problem', schema: [] },
    create: (context) => ({
      TemplateLiteral(node) {
        const text = node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('/**/');
        if (looksLikeCss(text)) cssFindings.push(...checkCss(text, css));
      },
    }),
  };
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.js'],
        // ecmaVersion 2020: a parse error here is a finding too (espree, a second parser).
        languageOptions: { ecmaVersion: 2020, sourceType: module ? 'module' : 'script' },
        plugins: { compat, legacy: { rules: { css: cssRule, 'optional-chain': optionalChainRule } } },
        settings: { polyfills: polyfilled, lintAllEsApis: true },
        rules: { 'compat/compat': ['error', browsers], 'legacy/css': 'error', 'legacy/optional-chain': 'error' },
      },
    ],
  });
  // A path under the root whatever the bundle's, or ESLint ignores it as outside its base path.
  const [result] = await eslint.lintText(source, { filePath: resolve(root, basename(path)) });
  const apiFindings = result.messages.map((message) =>
    message.fatal
      ? { check: 'es2020-parse', feature: 'syntax', detail: `${message.message} (line ${message.line}, column ${message.column})` }
      : message.ruleId === 'legacy/optional-chain'
        ? { check: 'optional-chain', feature: 'optional chain', detail: `${message.message} (line ${message.line}, column ${message.column})` }
        : { check: 'web-apis', feature: /^(\S+)/.exec(message.message)?.[1] ?? message.message, detail: message.message },
  );
  return [...apiFindings, ...cssFindings];
}

/** Lit's `css` templates; `html` templates start with markup and are left out. */
function looksLikeCss(text) {
  return /^\s*(:host|[.#*[a-z@][^<>]*?\{)/i.test(text) && /[a-z-]+\s*:\s*[^;{}]+[;}]/.test(text) && !/^\s*</.test(text);
}

/** The Chrome version a BCD entry shipped in, or Infinity (never / unknown). */
function chromeSince(entry) {
  const support = entry?.__compat?.support?.chrome;
  // The earliest unprefixed release; a partial implementation counts (an outline that ignores
  // border-radius still draws the focus ring).
  const versions = (Array.isArray(support) ? support : [support])
    .filter((item) => item && !item.prefix && !item.alternative_name && !item.flags)
    .map((item) => (item.version_added === true ? 1 : typeof item.version_added === 'string' ? Number.parseFloat(item.version_added.replace('≤', '')) : NaN))
    .filter((version) => Number.isFinite(version));
  return versions.length > 0 ? Math.min(...versions) : Infinity;
}

function checkCss(text, css) {
  let tree;
  try {
    tree = postcss.parse(text);
  } catch {
    return [];
  }
  const findings = [];
  const report = (feature, since, where) => {
    const name = feature.split(':')[0];
    if (since <= floor || name in allowed.css || findings.some((finding) => finding.feature === feature && finding.where === where)) return;
    findings.push({ check: 'css', feature, where, detail: `${feature} needs Chrome ${since === Infinity ? '(never shipped)' : since}: ${where}` });
  };
  tree.walkAtRules((atRule) => {
    const entry = bcd.css['at-rules'][atRule.name];
    if (entry) report(`@${atRule.name}`, chromeSince(entry), `@${atRule.name} ${atRule.params}`);
  });
  tree.walkRules((rule) => {
    css.rules++;
    // An unsupported pseudo-class inside :not() drops only that rule (the `:focus` /
    // `:focus:not(:focus-visible)` pattern), so the plain fallback above it still applies.
    const outsideNot = rule.selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '');
    for (const [, name] of outsideNot.matchAll(/::?([a-z-]+)/g)) {
      const entry = bcd.css.selectors[name];
      if (entry) report(`:${name}`, chromeSince(entry), rule.selector.replace(/\s+/g, ' '));
    }
    const display = rule.nodes.find((node) => node.type === 'decl' && node.prop === 'display')?.value ?? '';
    rule.walkDecls((decl) => {
      if (decl.prop.startsWith('--') || decl.prop.startsWith('-webkit-')) return;
      const property = bcd.css.properties[decl.prop];
      if (!property) return;
      report(decl.prop, chromeSince(property), `${rule.selector} { ${decl.prop}: ${decl.value} }`);
      // gap on a flex container shipped in Chrome 84; unless the rule is a grid, assume flex.
      if (/^(row-|column-)?gap$/.test(decl.prop) && !/grid/.test(display)) {
        report(`${decl.prop} (flex)`, chromeSince(property.flex_context), `${rule.selector} { ${decl.prop}: ${decl.value} }`);
      }
      // A font list names fallbacks on purpose: an unknown family is skipped, not an error.
      if (decl.prop === 'font-family') return;
      for (const [keyword] of decl.value.matchAll(/[a-z-]+/g)) {
        if (keyword !== '__compat' && Object.hasOwn(property, keyword) && property[keyword].__compat) {
          report(`${decl.prop}: ${keyword}`, chromeSince(property[keyword]), `${rule.selector} { ${decl.prop}: ${decl.value} }`);
        }
      }
    });
  });
  return findings;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bundle = process.argv[2] ?? defaultBundle;
  const { findings, cssRules, polyfilled } = await checkLegacyBrowsers(bundle);
  for (const name of polyfilled) console.log(`allowed  ${name}: ${allowed.polyfilled[name]}`);
  for (const [name, reason] of Object.entries(allowed.harmless)) console.log(`allowed  ${name}: ${reason}`);
  for (const [name, reason] of Object.entries(allowed.css)) console.log(`allowed  ${name}: ${reason}`);
  for (const finding of findings) console.log(`FINDING  [${finding.check}] ${finding.detail}`);
  console.log(`${cssRules} CSS rules checked.`);
  console.log(findings.length === 0 ? `${bundle}: parses as ES2020 and passes the ${browsers} checks.` : `${bundle}: ${findings.length} finding(s) for ${browsers}.`);
  process.exitCode = findings.length === 0 ? 0 : 1;
}
