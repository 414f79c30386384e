import { describe, expect, it } from 'vitest';
import hljs from 'highlight.js/lib/core';
import { grammars, highlightCode } from './highlight-code.js';
import { highlightedLanguages } from './highlight-languages.js';

describe('the languages the markdown renderer fetches the highlighter for', () => {
  it('are exactly the ones it highlights, with their aliases', () => {
    for (const name of highlightedLanguages) expect(highlightCode('x', name), name).toBeDefined();
    // Every alias highlight.js gives a registered grammar is listed: a block naming it would stay plain.
    for (const [name, grammar] of Object.entries(grammars)) {
      for (const alias of [name, ...(grammar(hljs).aliases ?? [])]) expect(highlightedLanguages.has(alias), alias).toBe(true);
    }
    expect(highlightCode('x', 'abap')).toBeUndefined();
    expect(highlightCode('x'.repeat(20_001), 'sql')).toBeUndefined();
  });
});
