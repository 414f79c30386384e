/**
 * The code block languages the highlighter knows (`highlight-code.ts`), with highlight.js's
 * aliases for them. Kept beside the markdown renderer, so a block in another language (`text`,
 * `csv`, `abap`) never fetches the highlighter's chunk; `highlight-languages.test.ts` keeps the
 * two in step.
 */
export const highlightedLanguages: ReadonlySet<string> = new Set(
  'bash sh zsh csharp cs c# css go golang java jsp javascript js jsx mjs cjs json jsonc json5 python py gyp ipython sql typescript ts tsx mts cts xml html xhtml rss atom xjb xsd xsl plist wsf svg yaml yml'.split(' '),
);
