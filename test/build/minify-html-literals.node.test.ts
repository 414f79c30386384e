import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script (scripts/ has no declarations).
import { minifyHtmlStrings } from '../../scripts/minify-html-literals.mjs';

const minify = minifyHtmlStrings as (strings: string[]) => string[];

/** Outside `white-space: pre*`, a page renders any run of whitespace between elements as one space. */
function rendered(markup: string): string {
  return markup.replace(/\s+/g, ' ');
}

describe('the script tag’s html literal minifier', () => {
  it('drops indentation between attributes and before `>`, around holes too', () => {
    expect(minify(['<button\n  part="send"\n  class="button primary"\n  ?disabled=', '\n  @click=', '\n>', '</button>'])).toEqual([
      '<button part="send" class="button primary" ?disabled=',
      ' @click=',
      '>',
      '</button>',
    ]);
  });

  it('turns a line break with its indentation between elements into the one space a page shows of it', () => {
    const source = '<div class="row">\n  <span>a</span>\n  <span>b</span>\n</div>';
    const out = minify([source])[0]!;
    expect(out).toBe('<div class="row"> <span>a</span> <span>b</span> </div>');
    expect(rendered(out)).toBe(rendered(source));
  });

  it('keeps attribute values, comments, spaces without a line break and raw-text elements byte for byte', () => {
    expect(minify(['<p title="two\n  lines" data-x=\'a\n b\'>a  b</p>'])).toEqual(['<p title="two\n  lines" data-x=\'a\n b\'>a  b</p>']);
    expect(minify(['<!-- a\n   b --><i>x</i>'])).toEqual(['<!-- a\n   b --><i>x</i>']);
    expect(minify(['<pre>\n  code\n    indented</pre>\n<textarea\n  rows="1"\n>\n  draft\n</textarea\n>'])).toEqual(['<pre>\n  code\n    indented</pre> <textarea rows="1">\n  draft\n</textarea>']);
  });

  it('keeps no-break and ideographic spaces, which a page shows (a Chinese paragraph indented with U+3000)', () => {
    expect(minify(['<p>\n  \u3000\u3000段落</p>\n<span>a\u00a0\n</span>'])).toEqual(['<p> \u3000\u3000段落</p> <span>a\u00a0 </span>']);
  });

  it('carries a quoted value across a hole', () => {
    expect(minify(['<div class="a ', '\n  b"\n  id="x"\n>\n  ', '\n</div>'])).toEqual(['<div class="a ', '\n  b" id="x"> ', ' </div>']);
  });
});
