// Rollup plugin for the script tag: squeezes the indentation inside Lit `html` / `svg` template
// literals, which no JS minifier touches (~0.9 KB of the start chunk was newlines and indentation).
// Only changes the DOM cannot show: inside a tag, whitespace between attributes becomes one space
// and goes before `>`; between tags, a run of whitespace with a line break becomes one space
// (what the browser renders of it anyway). Attribute values, comments and the content of
// <pre>, <textarea>, <script> and <style> are kept byte for byte; so is text in an element styled
// `white-space: pre*` whose template breaks lines inside it (none does: they would show the
// break). Holes (`${…}`) are never touched; the state (in a tag, in a quoted value) carries across them.
import MagicString from 'magic-string';

const rawTextElements = new Set(['pre', 'textarea', 'script', 'style']);
// HTML's whitespace, not JavaScript's `\s`: a no-break or ideographic space (U+00A0, U+3000, a
// Chinese paragraph's indent) is text the page shows, never indentation to drop.
const space = /[ \t\n\f\r]/;
const spaceRun = /^[ \t\n\f\r]+/;

/** Minifies the static strings of one template; `strings` are the raw quasis, holes between them. */
export function minifyHtmlStrings(strings) {
  let state = 'text';
  let quote = '';
  let rawEnd = '';
  return strings.map((raw) => {
    let out = '';
    let index = 0;
    while (index < raw.length) {
      const char = raw[index];
      if (state === 'text') {
        if (space.test(char)) {
          const run = spaceRun.exec(raw.slice(index))[0];
          out += run.includes('\n') ? ' ' : run;
          index += run.length;
          continue;
        }
        if (raw.startsWith('<!--', index)) {
          const end = raw.indexOf('-->', index + 4);
          const stop = end < 0 ? raw.length : end + 3;
          out += raw.slice(index, stop);
          index = stop;
          if (end < 0) state = 'comment';
          continue;
        }
        const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(raw.slice(index));
        if (tag) {
          out += tag[0];
          index += tag[0].length;
          state = 'tag';
          rawEnd = !tag[1] && rawTextElements.has(tag[2].toLowerCase()) ? `</${tag[2].toLowerCase()}` : '';
          continue;
        }
        out += char;
        index++;
      } else if (state === 'tag') {
        if (space.test(char)) {
          const run = spaceRun.exec(raw.slice(index))[0];
          index += run.length;
          // Before `>` or `/>` nothing is needed; between attributes one space.
          if (raw[index] !== '>' && !raw.startsWith('/>', index)) out += ' ';
          continue;
        }
        if (char === '"' || char === "'") {
          quote = char;
          state = 'quoted';
        } else if (char === '>') {
          state = rawEnd ? 'raw' : 'text';
        }
        out += char;
        index++;
      } else if (state === 'quoted') {
        const end = raw.indexOf(quote, index);
        const stop = end < 0 ? raw.length : end + 1;
        out += raw.slice(index, stop);
        index = stop;
        if (end >= 0) state = 'tag';
      } else if (state === 'comment') {
        const end = raw.indexOf('-->', index);
        const stop = end < 0 ? raw.length : end + 3;
        out += raw.slice(index, stop);
        index = stop;
        if (end >= 0) state = 'text';
      } else {
        // Raw text (<pre>, <textarea>…): kept until its end tag.
        const end = raw.toLowerCase().indexOf(rawEnd, index);
        const stop = end < 0 ? raw.length : end;
        out += raw.slice(index, stop);
        index = stop;
        if (end >= 0) state = 'text';
      }
    }
    return out;
  });
}

function* taggedTemplates(node) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* taggedTemplates(child);
    return;
  }
  if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && (node.tag.name === 'html' || node.tag.name === 'svg')) yield node;
  for (const key in node) if (key !== 'type' && typeof node[key] === 'object') yield* taggedTemplates(node[key]);
}

export function minifyHtmlLiterals({ include = /\.[cm]?[jt]s$/ } = {}) {
  return {
    name: 'minify-html-literals',
    transform(code, id) {
      if (!include.test(id) || id.includes('node_modules') || !/\b(html|svg)`/.test(code)) return null;
      const text = new MagicString(code);
      for (const template of taggedTemplates(this.parse(code))) {
        const { quasis } = template.quasi;
        const minified = minifyHtmlStrings(quasis.map((quasi) => quasi.value.raw));
        quasis.forEach((quasi, index) => {
          if (minified[index] !== quasi.value.raw && quasi.end > quasi.start) text.overwrite(quasi.start, quasi.end, minified[index]);
        });
      }
      return text.hasChanged() ? { code: text.toString(), map: text.generateMap({ hires: true }) } : null;
    },
  };
}
