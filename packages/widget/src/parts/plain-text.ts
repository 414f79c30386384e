/**
 * Markdown syntax stripped for screen-reader narration ("copy answer" has its own, from the
 * lexer's tokens: markdown/visible-text.ts), so this is only for the live region: links keep their text, markers and fences go. Only an underscore
 * at a word's start or end is emphasis: `PO_1234`, `snake_case` and `__init__` in code keep
 * theirs. Runs of spaces and line breaks are left as they are: the live region
 * (`white-space: nowrap`) reads each run as one space.
 */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/```.*/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s*([#>*+-]+|\d+[.)])\s+/gm, '')
    .replace(/^[\s:|-]*\|[\s:|-]*$/gm, '')
    .replace(/\*+|~~|`|(^|\s)_+|_+(?![\w`])/g, '$1')
    .replace(/\|/g, ' ')
    .trim();
}

/**
 * The text parts of a message. A citation splits the text it sits in (its part comes between two
 * halves of a sentence); anything else between two texts (an action, reasoning, a step) ends a
 * paragraph, so they do not run together when read out or copied.
 */
export function messageText(parts: ReadonlyArray<{ type: string; text?: string }>): string {
  let text = '';
  let gap = '';
  for (const part of parts) {
    if (part.type === 'text') text += (text && gap) + part.text;
    gap = part.type === 'citation' ? '' : '\n\n';
  }
  return text;
}
