import { normalizeLabel } from './lex-inline.js';
import { lexMarkdown } from './markdown-lexer.js';
import type { Links, Token } from './markdown-token.js';

/** A finished top-level block: lexed once, rendered once, never touched again while text grows. */
export interface SettledBlock {
  readonly key: number;
  readonly raw: string;
  tokens: Token[];
  /** Normalised `[label]`s in the block that a reference definition could resolve. */
  readonly labels: readonly string[];
  /** The definitions those labels resolved to when the block was last lexed. */
  resolution: string;
}

export interface MarkdownUpdate {
  /** The text was replaced, not extended: every settled block from before is gone. */
  reset: boolean;
  /** Blocks that settled in this update, in document order, to append after the settled ones. */
  settled: SettledBlock[];
  /** Settled blocks re-lexed because a reference definition they use arrived later. */
  changed: SettledBlock[];
  /** The open end of the document, re-lexed and re-rendered on every update. */
  tail: Token[];
}

const bracketLabel = /\[([^[\]]{1,999})\]/g;

function referenceLabels(raw: string): string[] {
  if (raw.indexOf('[') === -1) return [];
  const labels: string[] = [];
  bracketLabel.lastIndex = 0;
  for (let match = bracketLabel.exec(raw); match !== null; match = bracketLabel.exec(raw)) {
    const label = normalizeLabel(match[1] as string);
    if (label !== '' && labels.indexOf(label) === -1) labels.push(label);
  }
  return labels;
}

function resolutionOf(labels: readonly string[], links: Links): string {
  let resolution = '';
  for (const label of labels) {
    const link = links[label];
    if (link) resolution += `${label}\u0000${link.href}\u0000${link.title ?? ''}\u0001`;
  }
  return resolution;
}

function linksSignature(links: Links): string {
  let signature = '';
  for (const label in links) signature += `${label}\u0000${links[label]?.href}\u0000${links[label]?.title ?? ''}\u0001`;
  return signature;
}

/** A blank line right before `offset` (bounded look-back: a longer run of spaces just settles later). */
function blankLineBefore(source: string, offset: number): boolean {
  return /\n[ \t]*\n[ \t]*$/.test(source.slice(Math.max(0, offset - 64), offset));
}

/**
 * Incremental tokenisation of a growing markdown answer.
 *
 * Only the open tail is lexed per update. A top-level token settles once a later token starts
 * after a blank line and that later token's first line is complete: before that, appended text
 * can still change it (`1. a` + blank + `2` may become a second item; a list item may continue
 * after a blank line with indented text). Everything after the settle point stays in the tail.
 *
 * Reference definitions are the one thing that reaches backwards: `[x]` in block 1 becomes a link
 * when `[x]: url` arrives in block 9. Trade-off: definitions seen so far are passed into every
 * tail lex, and when the set of definitions changes, only the settled blocks that contain a
 * matching `[label]` are re-lexed (rare in model output; a definition still being typed at the
 * end of a streaming answer is ignored until its line is complete). So the final render equals a
 * one-shot render of the whole text.
 */
export class IncrementalMarkdown {
  private source = '';
  private settledLength = 0;
  private blocks: SettledBlock[] = [];
  private settledLinks: Links = Object.create(null) as Links;
  private signature = '';
  private nextKey = 0;

  /** Settled blocks so far, in document order. */
  get settledBlocks(): readonly SettledBlock[] {
    return this.blocks;
  }

  /** How many characters at the start of the text are settled and will not be lexed again. */
  get settledCharacters(): number {
    return this.settledLength;
  }

  update(input: string, final: boolean): MarkdownUpdate {
    // The lexer turns CR and CRLF into LF; doing it first keeps token raws tiling the text.
    const text = input.indexOf('\r') === -1 ? input : input.replace(/\r\n?/g, '\n');
    const reset = !text.startsWith(this.source);
    if (reset) this.clear();
    this.source = text;

    const tail = text.slice(this.settledLength);
    const tokens = lexMarkdown(tail, this.settledLinks);
    const settleCount = this.settleCount(tail, tokens);

    const settled: SettledBlock[] = [];
    let offset = 0;
    for (let index = 0; index < settleCount; index++) {
      const token = tokens[index] as Token;
      offset += token.raw.length;
      if (token.type === 'space') continue;
      if (token.type === 'def') {
        this.settledLinks[token.tag] ??= { href: token.href, title: token.title };
        continue;
      }
      const labels = referenceLabels(token.raw);
      const block: SettledBlock = { key: this.nextKey++, raw: token.raw, tokens: [token], labels, resolution: '' };
      settled.push(block);
      this.blocks.push(block);
    }
    this.settledLength += offset;

    const open = tokens.slice(settleCount);
    const links = this.linksInEffect(tokens.links, open, final);
    for (const block of settled) block.resolution = resolutionOf(block.labels, links);
    const changed = this.relexForNewDefinitions(links, settled);
    return { reset, settled, changed, tail: open };
  }

  clear(): void {
    this.source = '';
    this.settledLength = 0;
    this.blocks = [];
    this.settledLinks = Object.create(null) as Links;
    this.signature = '';
  }

  /** How many leading tokens of the tail can settle (see the class comment for the rule). */
  private settleCount(tail: string, tokens: Token[]): number {
    const offsets: number[] = [];
    let offset = 0;
    for (const token of tokens) {
      // Guard: settling is only sound while token raws tile the source exactly.
      if (!tail.startsWith(token.raw, offset)) break;
      offsets.push(offset);
      offset += token.raw.length;
    }
    for (let index = offsets.length - 1; index > 0; index--) {
      const token = tokens[index] as Token;
      const start = offsets[index] as number;
      if (token.type === 'space') continue;
      if (blankLineBefore(tail, start) && tail.indexOf('\n', start) !== -1) return index;
    }
    return 0;
  }

  /**
   * Definitions the settled blocks should see: all of them once the answer is final; while
   * streaming, not a definition that is still the unfinished last line (its URL is still growing).
   */
  private linksInEffect(all: Links, open: Token[], final: boolean): Links {
    if (final) return all;
    let last: Token | undefined;
    for (let index = open.length - 1; index >= 0 && !last; index--) {
      if ((open[index] as Token).type !== 'space') last = open[index];
    }
    if (!last || last.type !== 'def' || last.raw.endsWith('\n')) return all;
    const tag = last.tag;
    if (this.settledLinks[tag]) return all;
    const links = Object.assign(Object.create(null), all) as Links;
    delete links[tag];
    return links;
  }

  private relexForNewDefinitions(links: Links, fresh: SettledBlock[]): SettledBlock[] {
    const signature = linksSignature(links);
    if (signature === this.signature) return [];
    this.signature = signature;
    const changed: SettledBlock[] = [];
    for (const block of this.blocks) {
      if (block.labels.length === 0 || fresh.indexOf(block) !== -1) continue;
      const resolution = resolutionOf(block.labels, links);
      if (resolution === block.resolution) continue;
      block.resolution = resolution;
      block.tokens = lexMarkdown(block.raw, links).filter((token) => token.type !== 'space' && token.type !== 'def');
      changed.push(block);
    }
    return changed;
  }
}
