import { afterEach, describe, expect, it } from 'vitest';
import { lexMarkdown } from './markdown-lexer.js';
import type { InlineToken, TableCell, Token } from './markdown-token.js';

/** The script tag runs on Chromium 80, which has neither `Array.prototype.at` nor `Object.hasOwn`. */
describe('the markdown lexer on a Chromium 80 runtime', () => {
  const arrayAt = Object.getOwnPropertyDescriptor(Array.prototype, 'at');
  const stringAt = Object.getOwnPropertyDescriptor(String.prototype, 'at');
  const hasOwn = Object.getOwnPropertyDescriptor(Object, 'hasOwn');

  afterEach(() => {
    Object.defineProperty(Array.prototype, 'at', arrayAt!);
    Object.defineProperty(String.prototype, 'at', stringAt!);
    Object.defineProperty(Object, 'hasOwn', hasOwn!);
  });

  it('lexes the same tokens without the APIs Chromium 80 lacks', () => {
    const doc = '# T\n\n- [x] a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee [ref] and **x**.\n\n[ref]: https://e.example\n';
    const expected = JSON.stringify(lexMarkdown(doc));
    // Removed only around the call: the test runner itself uses these APIs.
    delete (Array.prototype as { at?: unknown }).at;
    delete (String.prototype as { at?: unknown }).at;
    delete (Object as { hasOwn?: unknown }).hasOwn;
    let lexed = '';
    try {
      lexed = JSON.stringify(lexMarkdown(doc));
    } finally {
      Object.defineProperty(Array.prototype, 'at', arrayAt!);
      Object.defineProperty(String.prototype, 'at', stringAt!);
      Object.defineProperty(Object, 'hasOwn', hasOwn!);
    }
    expect(lexed).toBe(expected);
    expect(lexed).toContain('"type":"table"');
    expect(lexed).toContain('"href":"https://e.example"');
  });
});

/** A compact HTML-like view of the tokens, to compare with what CommonMark/GFM (and marked) produce. */
function view(tokens: readonly Token[]): string {
  return tokens.map(block).join('');
}

function block(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'def':
      return '';
    case 'hr':
      return '<hr>';
    case 'paragraph':
      return `<p>${inline(token.tokens)}</p>`;
    case 'text':
      return inline(token.tokens);
    case 'heading':
      return `<h${token.depth}>${inline(token.tokens)}</h${token.depth}>`;
    case 'code':
      return `<pre${token.lang ? ` lang="${token.lang}"` : ''}>${token.text}</pre>`;
    case 'blockquote':
      return `<blockquote>${view(token.tokens)}</blockquote>`;
    case 'html':
      return `<raw>${token.text.trim()}</raw>`;
    case 'list': {
      const tag = token.ordered ? 'ol' : 'ul';
      const start = token.ordered && token.start !== 1 ? ` start="${token.start}"` : '';
      return `<${tag}${start}>${token.items.map((item) => `<li>${view(item.tokens)}</li>`).join('')}</${tag}>`;
    }
    case 'table': {
      const cell = (tag: string, c: TableCell) => `<${tag}${c.align ? ` ${c.align}` : ''}>${inline(c.tokens)}</${tag}>`;
      return `<table><tr>${token.header.map((c) => cell('th', c)).join('')}</tr>${token.rows.map((row) => `<tr>${row.map((c) => cell('td', c)).join('')}</tr>`).join('')}</table>`;
    }
  }
}

function inline(tokens: readonly InlineToken[]): string {
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'text':
        case 'escape':
        case 'html':
          return token.text;
        case 'codespan':
          return `<code>${token.text}</code>`;
        case 'br':
          return '<br>';
        case 'strong':
        case 'em':
        case 'del':
          return `<${token.type}>${inline(token.tokens)}</${token.type}>`;
        case 'link':
          return `<a ${token.href}${token.title ? ` "${token.title}"` : ''}>${inline(token.tokens)}</a>`;
        case 'image':
          return `<img ${token.href} "${token.text}">`;
        case 'checkbox':
          return token.checked ? '[x]' : '[ ]';
      }
    })
    .join('');
}

describe('lexMarkdown reads model output as CommonMark + GFM would', () => {
  const cases: Array<[string, string]> = [
    ['**bold**text and snake_case_word', '<p><strong>bold</strong>text and snake_case_word</p>'],
    ['***x*** and *a **b** c* and _a_b_ __c__', '<p><em><strong>x</strong></em> and <em>a <strong>b</strong> c</em> and <em>a_b</em> <strong>c</strong></p>'],
    ['~~gone~~ ~one~ `a` ``b ` c``', '<p><del>gone</del> <del>one</del> <code>a</code> <code>b ` c</code></p>'],
    ['**中文**测试，*强调*。', '<p><strong>中文</strong>测试，<em>强调</em>。</p>'],
    ['Intro:\n| x | y |\n|:--|--:|\n| 1 | 2 |', '<p>Intro:</p><table><tr><th left>x</th><th right>y</th></tr><tr><td left>1</td><td right>2</td></tr></table>'],
    ['Here:\n- a\n- b\n\n5. five\n6. six', '<p>Here:</p><ul><li>a</li><li>b</li></ul><ol start="5"><li>five</li><li>six</li></ol>'],
    ['- a\n\n- b', '<ul><li><p>a</p></li><li><p>b</p></li></ul>'],
    ['- a\n  - b\n    - c\n- d', '<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>'],
    ['* [ ] t\n* [x] u', '<ul><li>[ ]t</li><li>[x]u</li></ul>'],
    ['p\n2. not a list', '<p>p\n2. not a list</p>'],
    ['> q\nlazy\n\n> > deep', '<blockquote><p>q\nlazy</p></blockquote><blockquote><blockquote><p>deep</p></blockquote></blockquote>'],
    ['Title\n===\n\nSub\n---\n\na\n***\nb', '<h1>Title</h1><h2>Sub</h2><p>a</p><hr><p>b</p>'],
    ['# H #\n    code\n\n    more\n\n```py\nx = 1\n```', '<h1>H</h1><pre>code\n\nmore</pre><pre lang="py">x = 1</pre>'],
    ['[l](https://e.com/a_(b) "T") <https://x.y> visit https://example.com/path. or www.x.com!', '<p><a https://e.com/a_(b) "T">l</a> <a https://x.y>https://x.y</a> visit <a https://example.com/path>https://example.com/path</a>. or <a http://www.x.com>www.x.com</a>!</p>'],
    ['[ref] [x][ref] [ref][] ![i][ref]\n\n[ref]: https://r.example "T"', '<p><a https://r.example "T">ref</a> <a https://r.example "T">x</a> <a https://r.example "T">ref</a> <img https://r.example "i"></p>'],
    ['see [1] and [^2] and \\*x\\*\n\n[^2]: a note', '<p>see [1] and [^2] and *x*</p><p>[^2]: a note</p>'],
    ['a  \nb\\\nc <b>d</b> &amp;', '<p>a<br>b<br>c <b>d</b> &amp;</p>'],
    ['<div onclick="x()">\nblock\n</div>\n\nafter', '<raw><div onclick="x()">\nblock\n</div></raw><p>after</p>'],
  ];
  for (const [source, expected] of cases) {
    it(JSON.stringify(source), () => {
      expect(view(lexMarkdown(source))).toBe(expected);
    });
  }

  it('keeps every top-level raw, so the tokens tile the text', () => {
    const doc = cases.map(([source]) => source).join('\n\n');
    expect(lexMarkdown(doc).map((token) => token.raw).join('')).toBe(doc);
  });
});
