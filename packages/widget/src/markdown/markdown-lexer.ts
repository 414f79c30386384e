import { lexInline, normalizeLabel, unescapeMarkdown } from './lex-inline.js';
import type { InlineToken, Links, ListItem, TableAlign, TableCell, Token, TokenList } from './markdown-token.js';

/**
 * Test seam for the render-cost budget: sees every string handed to the lexer. Internal; not
 * exported from the package.
 */
export const markdownLexerProbe: { onLex: ((source: string) => void) | null } = { onLex: null };

const fenceStart = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const fenceEnd = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const atxHeading = /^ {0,3}(#{1,6})(?:[ \t](.*))?$/;
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const quoteMarker = /^ {0,3}> ?/;
const listMarker = /^ {0,3}([-+*]|(\d{1,9})[.)])(?=[ \t]|$)/;
const htmlBlock = /^ {0,3}(?:<\/?[A-Za-z][\w-]*(?=[\s/>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[)/;
const setextUnderline = /^ {0,3}(=+|-+)[ \t]*$/;
const delimiterRow = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const definition =
  /^ {0,3}\[((?:\\.|[^\\[\]]){1,999})\]:[ \t]*(?:<([^<>\n]*)>|([^\s<]\S*))(?:[ \t]+("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\((?:\\.|[^()\\])*\)))?[ \t]*$/;

interface LexState {
  links: Links;
  /** Inline content is lexed after every block, so a definition anywhere applies everywhere. */
  inline: Array<() => void>;
}

const isBlank = (line: string): boolean => /^[ \t]*\n?$/.test(line);
const indentOf = (line: string): number => (/^ */.exec(line) as RegExpExecArray)[0].length;

/** Leading tabs as spaces to the next multiple of four (CommonMark's tab stops). */
function expandTabs(line: string): string {
  if (!/^ *\t/.test(line)) return line;
  let column = 0;
  let i = 0;
  for (; i < line.length && (line[i] === ' ' || line[i] === '\t'); i++) column = line[i] === '\t' ? column + 4 - (column % 4) : column + 1;
  return ' '.repeat(column) + line.slice(i);
}

/** Drops up to `count` leading spaces. */
const dedent = (line: string, count: number): string => line.slice(Math.min(count, indentOf(line)));

function splitRow(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  const row = line.trim().replace(/^\|/, '');
  for (let i = 0; i < row.length; i++) {
    const c = row[i] as string;
    if (c === '\\' && row[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (c === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  if (cell.trim() !== '' || !row.endsWith('|')) cells.push(cell.trim());
  return cells;
}

function tableAlign(cell: string): TableAlign {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
}

/** A GFM table starts at `index`: a row with pipes, then a delimiter row with as many cells. */
function tableAt(lines: readonly string[], index: number): boolean {
  const header = lines[index] as string;
  const delimiter = lines[index + 1];
  return header.indexOf('|') !== -1 && delimiter !== undefined && delimiterRow.test(delimiter) && splitRow(header).length === splitRow(delimiter).length;
}

/** Whether `line` starts a block that may interrupt a paragraph. */
function interrupts(line: string): boolean {
  if (fenceStart.test(line) || atxHeading.test(line) || thematicBreak.test(line) || quoteMarker.test(line) || htmlBlock.test(line)) return true;
  const list = listMarker.exec(line);
  // Only a non-empty bullet or an ordered list from 1 interrupts (so "in 2024." never starts a list).
  return !!list && !isBlank(line.slice(list[0].length)) && (list[2] === undefined || list[2] === '1');
}

function inlineBlock<T extends { text: string; tokens: InlineToken[] }>(state: LexState, token: T): T {
  state.inline.push(() => {
    token.tokens = lexInline(token.text, state.links);
  });
  return token;
}

/** Splits a text into lines, each keeping its `\n`, so slices of lines join back to the source. */
const linesOf = (source: string): string[] => source.match(/[^\n]*\n|[^\n]+$/g) ?? [];

function lexBlocks(lines: readonly string[], state: LexState): Token[] {
  const tokens: Token[] = [];
  const text = lines.map((line) => expandTabs(line.endsWith('\n') ? line.slice(0, -1) : line));
  const raw = (from: number, to: number): string => lines.slice(from, to).join('');
  let i = 0;
  while (i < lines.length) {
    const start = i;
    const line = text[i] as string;
    let match: RegExpExecArray | null;
    if (isBlank(line)) {
      while (i < lines.length && isBlank(text[i] as string)) i++;
      // Like marked, the line end before a blank line belongs to the space: a block's raw ends with its text.
      const previous = tokens[tokens.length - 1];
      const newline = previous?.raw.endsWith('\n') ? '\n' : '';
      if (previous && newline) previous.raw = previous.raw.slice(0, -1);
      tokens.push({ type: 'space', raw: newline + raw(start, i) });
    } else if (indentOf(line) >= 4) {
      let end = ++i;
      for (; i < lines.length && (isBlank(text[i] as string) || indentOf(text[i] as string) >= 4); i++) {
        if (!isBlank(text[i] as string)) end = i + 1;
      }
      i = end;
      const code = text.slice(start, i).map((l) => dedent(l, 4)).join('\n');
      tokens.push({ type: 'code', raw: raw(start, i), lang: '', text: code, codeBlockStyle: 'indented' });
    } else if ((match = fenceStart.exec(line)) && !((match[1] as string)[0] === '`' && (match[2] as string).indexOf('`') !== -1)) {
      const fence = match[1] as string;
      const indent = indentOf(line);
      const body: string[] = [];
      // An unclosed fence runs to the end: while streaming, that is a code block still arriving.
      for (i++; i < lines.length; ) {
        const closing = fenceEnd.exec(text[i++] as string);
        if (closing && (closing[1] as string)[0] === fence[0] && (closing[1] as string).length >= fence.length) break;
        body.push(dedent(text[i - 1] as string, indent));
      }
      tokens.push({ type: 'code', raw: raw(start, i), lang: unescapeMarkdown((match[2] as string).trim()), text: body.join('\n') });
    } else if ((match = atxHeading.exec(line))) {
      i++;
      const heading = (match[2] ?? '').trim().replace(/(?:^|[ \t]+)#+$/, '');
      tokens.push(inlineBlock(state, { type: 'heading' as const, raw: raw(start, i), depth: (match[1] as string).length, text: heading, tokens: [] }));
    } else if (thematicBreak.test(line)) {
      i++;
      tokens.push({ type: 'hr', raw: raw(start, i) });
    } else if (quoteMarker.test(line)) {
      const inner: string[] = [];
      for (; i < lines.length; i++) {
        const current = text[i] as string;
        const newline = (lines[i] as string).endsWith('\n') ? '\n' : '';
        if (quoteMarker.test(current)) inner.push(current.replace(quoteMarker, '') + newline);
        // A lazy continuation line: the quoted paragraph goes on without its `>`.
        else if (!isBlank(current) && !isBlank(inner[inner.length - 1] as string) && !interrupts(current)) inner.push(current + newline);
        else break;
      }
      tokens.push({ type: 'blockquote', raw: raw(start, i), tokens: lexBlocks(inner, state) });
    } else if (listMarker.test(line)) {
      i = lexList(lines, text, i, state, tokens);
    } else if (htmlBlock.test(line)) {
      while (i < lines.length && !isBlank(text[i] as string)) i++;
      tokens.push({ type: 'html', raw: raw(start, i), text: raw(start, i) });
    } else if ((match = definition.exec(line)) && !(match[1] as string).startsWith('^') && normalizeLabel(match[1] as string) !== '') {
      // `[^1]: …` is a footnote, not a link definition: it stays visible text.
      i++;
      const tag = normalizeLabel(match[1] as string);
      const href = unescapeMarkdown(match[2] ?? match[3] ?? '');
      const title = match[4] === undefined ? null : unescapeMarkdown(match[4].slice(1, -1));
      state.links[tag] ??= { href, title };
      tokens.push({ type: 'def', raw: raw(start, i), tag, href, title });
    } else if (tableAt(text, i)) {
      const header = splitRow(line);
      const aligns = splitRow(text[i + 1] as string).map(tableAlign);
      const cells = (row: string[]): TableCell[] =>
        aligns.map((align, column) => inlineBlock(state, { text: row[column] ?? '', tokens: [], align }));
      const rows: TableCell[][] = [];
      for (i += 2; i < lines.length && !isBlank(text[i] as string) && !interrupts(text[i] as string); i++) rows.push(cells(splitRow(text[i] as string)));
      tokens.push({ type: 'table', raw: raw(start, i), header: cells(header), rows });
    } else {
      let depth = 0;
      for (i++; i < lines.length && !isBlank(text[i] as string); i++) {
        const underline = setextUnderline.exec(text[i] as string);
        if (underline) {
          depth = (underline[1] as string)[0] === '=' ? 1 : 2;
          break;
        }
        if (interrupts(text[i] as string) || tableAt(text, i)) break;
      }
      const content = text.slice(start, i).map((l) => l.trimStart()).join('\n').trimEnd();
      if (depth > 0) {
        i++;
        tokens.push(inlineBlock(state, { type: 'heading' as const, raw: raw(start, i), depth, text: content, tokens: [] }));
      } else tokens.push(inlineBlock(state, { type: 'paragraph' as const, raw: raw(start, i), text: content, tokens: [] }));
    }
  }
  return tokens;
}

/**
 * A list from `start`; pushes it and returns the index after it. Items continue through blank
 * lines while the next line is indented to the item's content or is the next item of the same
 * kind; the list is loose when blank lines separate items or an item's blocks.
 */
function lexList(lines: readonly string[], text: readonly string[], start: number, state: LexState, tokens: Token[]): number {
  const first = listMarker.exec(text[start] as string) as RegExpExecArray;
  const kind = (marker: RegExpExecArray): string => (marker[2] === undefined ? marker[1] as string : (marker[1] as string).slice(-1));
  const items: ListItem[] = [];
  let loose = false;
  let i = start;
  while (i < lines.length) {
    const line = text[i] as string;
    const marker = listMarker.exec(line);
    if (!marker || kind(marker) !== kind(first) || thematicBreak.test(line)) break;
    if (items.length > 0 && isBlank(text[i - 1] as string)) loose = true;
    const after = line.slice(marker[0].length);
    const spaces = indentOf(after);
    const contentIndent = marker[0].length + (isBlank(after) || spaces > 4 ? 1 : spaces);
    const itemStart = i;
    const content = [dedent(line.slice(marker[0].length), contentIndent - marker[0].length)];
    let end = ++i;
    for (; i < lines.length; i++) {
      const current = text[i] as string;
      if (isBlank(current)) content.push('');
      else if (indentOf(current) >= contentIndent) content.push(current.slice(contentIndent));
      else if (!isBlank(text[i - 1] as string) && !listMarker.test(current) && !interrupts(current)) content.push(current);
      else break;
      if (!isBlank(current)) end = i + 1;
    }
    // Blank lines after the item belong to the list only if another item follows.
    i = end;
    content.length = end - itemStart;
    const task = /^\[([ xX])\][ \t]+/.exec(content[0] as string);
    if (task) content[0] = (content[0] as string).slice(task[0].length);
    const children = lexBlocks(content.map((l, index) => (index < content.length - 1 ? `${l}\n` : l)), state);
    const itemLoose = children.some((child, index) => child.type === 'space' && index > 0 && index < children.length - 1);
    items.push({ type: 'list_item', raw: lines.slice(itemStart, end).join(''), task: !!task, checked: !!task && task[1] !== ' ', loose: itemLoose, tokens: children });
    loose ||= itemLoose;
    let next = i;
    while (next < lines.length && isBlank(text[next] as string)) next++;
    if (next === i || next >= lines.length) continue;
    const following = listMarker.exec(text[next] as string);
    if (following && kind(following) === kind(first) && !thematicBreak.test(text[next] as string)) i = next;
    else break;
  }
  for (const item of items) {
    item.loose = loose;
    if (!loose) for (const child of item.tokens) if (child.type === 'paragraph') child.type = 'text';
    if (item.task) {
      const checkbox: InlineToken = { type: 'checkbox', raw: '', checked: item.checked };
      const head = item.tokens[0];
      state.inline.push(() => {
        if (head && (head.type === 'paragraph' || head.type === 'text')) head.tokens.unshift(checkbox);
        else item.tokens.unshift({ type: 'text', raw: '', text: '', tokens: [checkbox] });
      });
    }
  }
  const ordered = first[2] !== undefined;
  tokens.push({ type: 'list', raw: lines.slice(start, i).join(''), ordered, start: ordered ? Number(first[2]) : '', loose, items });
  return i;
}

/** Lexes `source` with reference definitions found earlier in the document already known. */
export function lexMarkdown(source: string, links?: Links): TokenList {
  markdownLexerProbe.onLex?.(source);
  const state: LexState = { links: Object.assign(Object.create(null) as Links, links), inline: [] };
  const tokens = lexBlocks(linesOf(source.replace(/\r\n?/g, '\n')), state);
  for (const lex of state.inline) lex();
  return Object.assign(tokens, { links: state.links });
}
