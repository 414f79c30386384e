import { afterEach, describe, expect, it, vi } from 'vitest';

/** The script tag runs on Chromium 80, which has neither `Array.prototype.at` nor `Object.hasOwn`. */
describe('marked on a Chromium 80 runtime', () => {
  const arrayAt = Object.getOwnPropertyDescriptor(Array.prototype, 'at');
  const stringAt = Object.getOwnPropertyDescriptor(String.prototype, 'at');
  const hasOwn = Object.getOwnPropertyDescriptor(Object, 'hasOwn');

  afterEach(() => {
    Object.defineProperty(Array.prototype, 'at', arrayAt!);
    Object.defineProperty(String.prototype, 'at', stringAt!);
    Object.defineProperty(Object, 'hasOwn', hasOwn!);
    vi.resetModules();
  });

  it('lexes the same tokens once the missing APIs are polyfilled', async () => {
    const doc = '# T\n\n- [x] a\n- b\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee [ref] and **x**.\n\n[ref]: https://e.example\n';
    const { lexMarkdown: modern } = await import('./markdown-lexer.js');
    const expected = JSON.stringify(modern(doc));

    vi.resetModules();
    const { lexMarkdown: legacy } = await import('./markdown-lexer.js');
    // Removed only around the call: the test runner itself uses these APIs.
    delete (Array.prototype as { at?: unknown }).at;
    delete (String.prototype as { at?: unknown }).at;
    delete (Object as { hasOwn?: unknown }).hasOwn;
    let lexed = '';
    let polyfilled: unknown[] = [];
    try {
      lexed = JSON.stringify(legacy(doc));
      polyfilled = [[1, 2, 3].at(-1), 'abc'.at(-2), Object.hasOwn({ a: 1 }, 'a'), Object.keys(Array.prototype).length];
    } finally {
      Object.defineProperty(Array.prototype, 'at', arrayAt!);
      Object.defineProperty(String.prototype, 'at', stringAt!);
      Object.defineProperty(Object, 'hasOwn', hasOwn!);
    }
    expect(lexed).toBe(expected);
    expect(polyfilled).toEqual([3, 'b', true, 0]);
  });
});
