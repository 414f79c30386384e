/**
 * Decodes HTML character references the way a browser would if the markdown became HTML and was parsed,
 * so text and URLs rendered as DOM (never as HTML) read the same. Named references are limited to
 * the ones people and models actually write: the full HTML table (~2,200 names, ~30 KB) would not
 * fit the bundle budget, and an unknown name stays literal, which is safe (URLs are still parsed
 * by `new URL` afterwards, so an undecoded `&colon;` can never smuggle a scheme).
 */
// Each name is followed by its value, one character that is never an ASCII letter or digit: a
// fifth fewer gzip bytes than an object literal, and a Map has no inherited keys (`&constructor;`).
const table =
  'amp&lt<gt>quot"apos\'nbsp\u00a0colon:Tab\tNewLine\nsol/bsol\\lpar(rpar)lsqb[rsqb]lbrack[rbrack]' +
  'lcub{rcub}period.comma,excl!quest?num#percnt%commat@equals=plus+ast*semi;grave`Hat^lowbar_' +
  'verbar|vert|dollar$tilde˜copy©reg®trade™hellip…mdash—ndash–lsquo‘rsquo’ldquo“rdquo”laquo«raquo»' +
  'bull•middot·deg°plusmn±times×divide÷minus−le≤ge≥ne≠asymp≈infin∞larr←rarr→uarr↑darr↓harr↔rArr⇒' +
  'lArr⇐hArr⇔euro€pound£yen¥cent¢sect§para¶microµfrac12½frac14¼frac34¾sup2²sup3³check✓shy\u00ad' +
  'ensp\u2002emsp\u2003thinsp\u2009zwj\u200dzwnj\u200calphaαbetaβgammaγdeltaδpiπsigmaσmuμlambdaλ' +
  'thetaθomegaωDeltaΔSigmaΣOmegaΩsum∑prod∏radic√part∂isin∈cap∩cup∪';
const named = new Map(Array.from(table.matchAll(/([A-Za-z\d]+)([^A-Za-z\d])/g), (match): [string, string] => [match[1] as string, match[2] as string]));

const reference = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

function fromCodePoint(code: number): string {
  // Same replacements as the HTML parser: NUL, surrogates and out-of-range become U+FFFD.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

export function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(reference, (whole, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    return (name !== undefined && named.get(name)) || whole;
  });
}
