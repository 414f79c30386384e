import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Token } from './markdown-token.js';
import { IncrementalMarkdown } from './incremental-markdown.js';
import { lexMarkdown, markdownLexerProbe } from './markdown-lexer.js';
import { longMarkdownAnswer } from '../../../../test/fixtures/long-markdown-answer.js';

/** What a render sees: every top-level token except spacing and definitions, in order. */
function visible(tokens: readonly Token[]): unknown[] {
  return JSON.parse(JSON.stringify(tokens.filter((t) => t.type !== 'space' && t.type !== 'def')));
}

/** Streams `chunks` through the engine and returns the tokens a final render would show. */
function streamed(chunks: readonly string[]): unknown[] {
  const engine = new IncrementalMarkdown();
  let text = '';
  let tail: Token[] = [];
  chunks.forEach((chunk, index) => {
    text += chunk;
    tail = engine.update(text, index === chunks.length - 1).tail;
  });
  if (chunks.length === 0) tail = engine.update('', true).tail;
  return visible([...engine.settledBlocks.flatMap((block) => block.tokens), ...tail]);
}

const fragments = [
  '# Heading', '## Sub heading', 'Plain paragraph text', 'Text with **bold** and *em* and `code`',
  '- item one', '- item two', '  - nested', '1. first', '2. second', '10. tenth', '3) paren',
  '- [ ] task', '- [x] done', '> quote', '> > deeper', '```js', '```', '~~~', '    indented code',
  '| a | b |', '|---|:-:|', '| 1 | 2 |', '---', '***', 'Setext', '===', '<div>', '</div>',
  '<!-- comment', '-->', '<pre>', '</pre>', '[ref]', '[ref]: https://example.com/ref', '[x][ref]',
  '**open bold', 'close bold**', '   3 space indent', '\tTab line', '<!-- a', '', 'b -->',
  '[link](https://example.com)', '![img](https://img.example/a.png)', 'see [1] and [^2]', '[^2]: note',
  '[lazy]: https://late.example "title"', 'uses [lazy] here', '', '', '', '  ', 'continued line', '2', '-',
];

const documents = fc
  .array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 40 })
  .map((lines) => lines.join('\n'));

function split(text: string, cuts: number[]): string[] {
  const points = Array.from(new Set(cuts.map((cut) => cut % (text.length + 1)))).sort((a, b) => a - b);
  const chunks: string[] = [];
  let last = 0;
  for (const point of points) {
    chunks.push(text.slice(last, point));
    last = point;
  }
  chunks.push(text.slice(last));
  return chunks.filter((chunk, index) => chunk !== '' || index === chunks.length - 1);
}

describe('IncrementalMarkdown', () => {
  it('ends with exactly the tokens of a one-shot lex, for any document and any split', () => {
    fc.assert(
      fc.property(documents, fc.array(fc.nat(4000), { maxLength: 80 }), (doc, cuts) => {
        expect(streamed(split(doc, cuts))).toEqual(visible(lexMarkdown(doc)));
      }),
      { numRuns: 400, seed: 20261130 },
    );
  });

  it('ends with exactly the tokens of a one-shot lex when streamed one character at a time', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        expect(streamed(Array.from(doc))).toEqual(visible(lexMarkdown(doc)));
      }),
      { numRuns: 300, seed: 11302026 },
    );
  });

  it('does not settle a list item that a later line could still extend', () => {
    expect(streamed(['1. a\n\n2', '. b\n'])).toEqual(visible(lexMarkdown('1. a\n\n2. b\n')));
    expect(streamed(['- a\n\n', '  still item a\n\nafter'])).toEqual(visible(lexMarkdown('- a\n\n  still item a\n\nafter')));
  });

  it('re-lexes only the settled blocks that use a definition arriving later', () => {
    const engine = new IncrementalMarkdown();
    const start = 'Uses [late] here.\n\nNo references here.\n\nMore text.\n\n';
    engine.update(start, false);
    const lexed: string[] = [];
    markdownLexerProbe.onLex = (source) => lexed.push(source);
    try {
      const update = engine.update(`${start}[late]: https://late.example\n\nend\n`, false);
      expect(update.changed.map((block) => block.raw)).toEqual(['Uses [late] here.']);
      expect(lexed.filter((source) => source.includes('No references'))).toEqual([]);
    } finally {
      markdownLexerProbe.onLex = null;
    }
  });

  it('never lexes a finished block again while a 20,000-character answer streams in 4,000 chunks', () => {
    const doc = longMarkdownAnswer(20_000);
    const chunks = Array.from({ length: 4000 }, (_, index) => doc.slice(index * 5, index * 5 + 5));
    const engine = new IncrementalMarkdown();
    let text = '';
    let lastStart = 0;
    let lexedCharacters = 0;
    let longestLex = 0;
    const problems: string[] = [];
    markdownLexerProbe.onLex = (source) => {
      const start = text.length - source.length;
      if (!text.endsWith(source)) problems.push(`lexed something other than the tail at ${text.length}`);
      if (start < lastStart) problems.push(`re-lexed from ${start} after the text up to ${lastStart} had settled`);
      lastStart = start;
      lexedCharacters += source.length;
      longestLex = Math.max(longestLex, source.length);
    };
    try {
      chunks.forEach((chunk, index) => {
        text += chunk;
        engine.update(text, index === chunks.length - 1);
      });
    } finally {
      markdownLexerProbe.onLex = null;
    }
    expect(text).toBe(doc);
    expect(problems).toEqual([]);
    // The open tail is at most the last couple of blocks, never a growing share of the answer.
    const blocks = lexMarkdown(doc).map((token) => token.raw.length);
    const longestTwoBlocks = Math.max(...blocks.map((length, index) => length + (blocks[index + 2] ?? 0) + (blocks[index + 1] ?? 0)));
    expect(longestLex).toBeLessThanOrEqual(longestTwoBlocks + 5);
    const fullRelex = chunks.reduce((sum, _, index) => sum + (index + 1) * 5, 0);
    expect(lexedCharacters / fullRelex).toBeLessThan(0.03);
    expect(engine.settledCharacters).toBeGreaterThanOrEqual(doc.length - longestTwoBlocks);
  });

  it('settles blocks of an answer written with CRLF line ends', () => {
    const engine = new IncrementalMarkdown();
    const doc = '# A\r\n\r\nfirst\r\n\r\n- x\r\n- y\r\n\r\nlast\r\n';
    let text = '';
    for (const chunk of doc.match(/[\s\S]{1,3}/g) ?? []) {
      text += chunk;
      engine.update(text, false);
    }
    const final = engine.update(text, true);
    expect(engine.settledCharacters).toBeGreaterThan(20);
    expect(visible([...engine.settledBlocks.flatMap((b) => b.tokens), ...final.tail])).toEqual(visible(lexMarkdown(doc)));
  });

  it('starts over when the text is replaced instead of extended', () => {
    const engine = new IncrementalMarkdown();
    engine.update('# A\n\nfirst\n\nsecond\n', false);
    const update = engine.update('# B\n\nother\n', true);
    expect(update.reset).toBe(true);
    expect(visible([...update.settled.flatMap((b) => b.tokens), ...update.tail])).toEqual(visible(lexMarkdown('# B\n\nother\n')));
  });
});
