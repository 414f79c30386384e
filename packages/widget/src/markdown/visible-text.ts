import { decodeEntities } from './decode-entities.js';
import { lexMarkdown } from './markdown-lexer.js';
import type { InlineToken, Token } from './markdown-token.js';

/**
 * What "Copy answer" puts on the clipboard: the answer as a person read it, in its markdown
 * layout (paragraphs, headings, list markers, quotes, fenced code, table rows), but without a
 * destination they never saw. A link becomes its text, an image its alt text, and reference
 * definitions go: pasted where markdown renders (a wiki, a ticket, a team chat), a hidden link
 * or image would otherwise carry its URL, and any data in it, there (EchoLeak). Raw HTML stays
 * the literal text the answer showed.
 */
export function markdownVisibleText(markdown: string): string {
  return blocksText(lexMarkdown(markdown), '\n\n');
}

function blocksText(tokens: readonly Token[], separator: string): string {
  return tokens
    .map(blockText)
    .filter((text) => text !== '')
    .join(separator);
}

function blockText(token: Token): string {
  switch (token.type) {
    case 'space':
    case 'def':
      return '';
    case 'paragraph':
    case 'text':
      return inlineText(token.tokens);
    case 'heading':
      return `${'#'.repeat(token.depth)} ${inlineText(token.tokens)}`;
    case 'code': {
      const longest = Math.max(2, ...Array.from(token.text.matchAll(/`+/g), (run) => run[0].length));
      const fence = '`'.repeat(longest + 1);
      return `${fence}${token.lang}\n${token.text}\n${fence}`;
    }
    case 'blockquote':
      return blocksText(token.tokens, '\n\n').replace(/^/gm, '> ');
    case 'hr':
      return '---';
    case 'list': {
      const first = typeof token.start === 'number' ? token.start : 1;
      return token.items
        .map((item, index) => {
          const marker = token.ordered ? `${first + index}. ` : '- ';
          const body = blocksText(item.tokens, token.loose ? '\n\n' : '\n');
          return marker + body.replace(/\n(?=.)/g, `\n${' '.repeat(marker.length)}`);
        })
        .join(token.loose ? '\n\n' : '\n');
    }
    case 'table': {
      const row = (cells: ReadonlyArray<{ tokens: InlineToken[] }>) => `| ${cells.map((cell) => inlineText(cell.tokens).replace(/\|/g, '\\|')).join(' | ')} |`;
      return [row(token.header), `|${token.header.map(() => ' --- |').join('')}`, ...token.rows.map(row)].join('\n');
    }
    case 'html':
      return token.text.replace(/\n+$/, '');
  }
}

function inlineText(tokens: readonly InlineToken[]): string {
  return tokens.map(inlineTokenText).join('');
}

function inlineTokenText(token: InlineToken): string {
  switch (token.type) {
    case 'text':
      return decodeEntities(token.text);
    case 'escape':
    case 'html':
      return token.text;
    case 'codespan':
      return token.raw;
    case 'strong':
    case 'em':
    case 'del': {
      // The delimiters as written (`**`, `__`, `*`, `_`, `~~`, `~`): the emphasis stays readable.
      const delimiter = /^(\*\*|__|\*|_|~~|~)/.exec(token.raw)?.[1] ?? '';
      return delimiter + inlineText(token.tokens) + delimiter;
    }
    case 'br':
      return '\n';
    case 'link':
      return inlineText(token.tokens);
    case 'image':
      return decodeEntities(token.text);
    case 'checkbox':
      return token.checked ? '[x] ' : '[ ] ';
  }
}
