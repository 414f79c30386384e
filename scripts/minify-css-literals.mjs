// Rollup plugin for the script tag: squeezes the CSS inside Lit `css` template literals.
// esbuild's minifier leaves template text alone, so comments and indentation reached the bundle.
// Only the literal text between `${…}` holes changes, and only in ways CSS parsing cannot notice:
// comments go, whitespace runs become one space, and spaces next to `{ } ; , >` and after `:`
// go (a selector's `:` is never followed by a space), and a number's leading zero goes (`0.5em` is
// `.5em`). Spaces inside `calc()` around `+ -` stay.

const cssLiteral = /\bcss`((?:[^`\\$]|\\[\s\S]|\$(?!\{)|\$\{[^}]*\})*)`/g;

export function minifyCss(text) {
  // Quoted strings (`content: ' • '`, font names) are kept byte for byte.
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('[^'\n]*'|"[^"\n]*")/)
    .map((part, index) => (index % 2 === 1 ? part : squeeze(part)))
    .join('');
}

function squeeze(text) {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .replace(/([\s:,(]-?)0\.(\d)/g, '$1.$2');
}

export function minifyCssLiterals({ include = /\.[cm]?[jt]s$/ } = {}) {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!include.test(id) || id.includes('node_modules') || !code.includes('css`')) return null;
      const out = code.replace(cssLiteral, (_, body) => {
        const parts = body.split(/(\$\{[^}]*\})/);
        return `css\`${parts.map((part, index) => (index % 2 === 1 ? part : minifyCss(part))).join('')}\``;
      });
      return out === code ? null : { code: out, map: null };
    },
  };
}
