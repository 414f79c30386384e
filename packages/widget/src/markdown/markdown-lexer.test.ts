import { afterEach, describe, expect, it } from 'vitest';
import { lexMarkdown } from './markdown-lexer.js';

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
