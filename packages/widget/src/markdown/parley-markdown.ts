import { LitElement, nothing, render, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { Token } from './markdown-token.js';
import { createCitationMarkerEvent } from './citation-marker-event.js';
import { copyText } from '../parts/copy-text.js';
import { imageHostsConverter } from './image-hosts-converter.js';
import { IncrementalMarkdown, type SettledBlock } from './incremental-markdown.js';
import { allowedLinkHosts, holdUnlessAllowed } from './link-confirmation.js';
import { highlightedLanguages } from './highlight-languages.js';
import { englishMarkdownLabels, type MarkdownLabels } from './markdown-labels.js';
import { renderBlock, renderBlocks, type RenderContext } from './render-tokens.js';
import { normalizeImageHosts } from './safe-url.js';

/** Hosts often pass a fresh array or label object per render; only a real change re-renders. */
const differentStrings = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  a !== b && !(!!a && !!b && a.length === b.length && a.every((value, index) => value === b[index]));

function differentLabels(a: Partial<MarkdownLabels> | undefined, b: Partial<MarkdownLabels> | undefined): boolean {
  if (a === b) return false;
  if (!a || !b) return true;
  const keys = Object.keys(a) as Array<keyof MarkdownLabels>;
  return keys.length !== Object.keys(b).length || keys.some((key) => a[key] !== b[key]);
}

/** `labels` over English, but for the ones it leaves undefined (the widget's English start table has no markdown strings). */
function withEnglish(labels: Partial<MarkdownLabels>): MarkdownLabels {
  const all = { ...englishMarkdownLabels };
  for (const key of Object.keys(labels) as Array<keyof MarkdownLabels>) all[key] = labels[key] ?? all[key];
  return all;
}

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

type HighlightCode = typeof import('./highlight-code.js').highlightCode;
let highlightCode: HighlightCode | undefined;
let highlighter: Promise<void> | undefined;
let highlighterFailed = false;
/** Elements that showed a code block plain while the highlighter was on its way. */
const awaitingHighlight = new Set<ParleyMarkdown>();

/** Each element that waited highlights its code in a task of its own: a restored history has many. */
function highlightAwaiting(): void {
  const next = awaitingHighlight.values().next().value;
  if (!next) return;
  awaitingHighlight.delete(next);
  next.highlightArrived();
  setTimeout(highlightAwaiting);
}

/**
 * Fetches the highlighter (its own chunk) the first time a finished code block names a language.
 * If it cannot load, code stays plain, as it was shown meanwhile: highlighting is optional, so it
 * is not asked for again.
 */
function loadHighlighter(element: ParleyMarkdown): void {
  awaitingHighlight.add(element);
  highlighter ??= import('./highlight-code.js').then(
    (module) => {
      highlightCode = module.highlightCode;
      highlightAwaiting();
    },
    () => {
      highlighterFailed = true;
      awaitingHighlight.clear();
    },
  );
}

/** Settled text a page holds before a new page may start. */
const pageCharacters = 1000;
/**
 * A done page contains its layout, so margins no longer collapse across its edge: the gap there is
 * the bottom margin of its last block alone (the next page's first block has no top margin). That
 * equals the collapsed gap when, with the default styles, the last block's bottom margin is at
 * least a paragraph's (paragraph, heading, list) and the next block has nothing inside whose
 * margin would collapse through its top and a top margin of at most a paragraph's.
 */
const endsPage = new Set<Token['type']>(['paragraph', 'heading', 'list']);
const startsPage = new Set<Token['type']>(['paragraph', 'code', 'table', 'hr', 'html']);

/**
 * Renders an assistant's markdown answer safely and incrementally.
 *
 * Markdown is tokenised by Parley's own lexer and turned into DOM through Lit templates, never
 * through HTML strings: raw HTML shows as text, links keep only http, https and mailto (opening in a new
 * tab with `rel="noopener noreferrer"`), images load only from `imageHosts` and otherwise show an
 * inert placeholder naming the host. A link to a host other than the page's own and `linkHosts`,
 * and every `mailto:` link, opens only after a confirmation shown next to it (its host, the whole
 * URL, and a warning when the URL looks like it carries data). While `streaming`, finished blocks are lexed and rendered
 * once; only the open tail is redone, at most once per animation frame. Finished code blocks in a
 * language the highlighter knows are syntax-highlighted once its chunk is in (`highlight-code.ts`).
 *
 * Renders into its own light DOM, so the styles of the shadow root it sits in apply (see
 * `markdownStyles`). Not registered on import: call `defineParleyMarkdown()` or register
 * `ParleyMarkdown.tagName` yourself (scoped registries).
 *
 * @summary Safe streaming markdown for assistant answers.
 * @tagname parley-markdown
 * @attr link-hosts - Exact hosts (`erp.example.com`, `wiki.example.com:8443`), space- or comma-separated, that links open to without a confirmation, besides the page's own. Inside `<parley-chat>`, that element's `link-hosts` attribute counts too.
 * @event parley-citation-marker - A citation marker (`[1]`, `[^1]`, `【1】`) was activated; `detail.id`.
 *
 * @cssproperty --parley-color-code-background - Code block background.
 * @cssproperty --parley-color-code-text - Code block text (default: the text around it).
 * @cssproperty --parley-font-mono - Font stack of code.
 * @cssproperty --parley-color-border - Borders of code blocks, tables, quotes and buttons.
 * @cssproperty --parley-color-surface - Background of the copy and citation marker buttons.
 * @cssproperty --parley-radius-small - Corner radius of code blocks, buttons and blocked images.
 * @cssproperty --parley-color-focus - Focus ring (inside `<parley-chat>` it follows `--parley-focus-ring-color`).
 * @cssproperty --parley-code-keyword - Highlighted code: keywords.
 * @cssproperty --parley-code-string - Highlighted code: strings.
 * @cssproperty --parley-code-comment - Highlighted code: comments.
 * @cssproperty --parley-code-constant - Highlighted code: numbers, literals, attributes.
 * @cssproperty --parley-code-title - Highlighted code: function, class and tag names.
 * @cssproperty --parley-code-type - Highlighted code: types and built-ins.
 */
export class ParleyMarkdown extends LitElement {
  static tagName = 'parley-markdown' as const;

  /** Declared without decorators, as `<parley-chat>` does: Lit's decorator module costs its chunk 0.3 KB gzip. */
  static override properties: PropertyDeclarations = {
    text: { attribute: false },
    streaming: { type: Boolean, reflect: true },
    imageHosts: { attribute: 'image-hosts', converter: imageHostsConverter, hasChanged: differentStrings },
    linkHosts: { attribute: 'link-hosts', converter: imageHostsConverter, hasChanged: differentStrings },
    labels: { attribute: false, hasChanged: differentLabels },
    sources: { attribute: false, hasChanged: differentStrings },
  };

  /** The whole answer so far. Appending while `streaming` keeps finished blocks; any other change re-renders all. */
  text = '';

  /** True while the answer is still arriving: the tail is redrawn once per frame. */
  streaming = false;

  /** Exact hosts (`cdn.example.com`, `img.example.com:8443`) images may load from. Default: none. */
  imageHosts: string[] = [];

  /**
   * Exact hosts links open to without a confirmation, besides the page's own. Read when a link is
   * activated, so a change needs no re-render.
   */
  linkHosts: string[] = [];

  /** Translated strings; English fills in anything left out. */
  labels: Partial<MarkdownLabels> = {};

  /**
   * The ids a citation marker may name (`<parley-chat>` gives each source's id and its number,
   * `1` for the first). A marker naming none shows as written, `[9]`, not as a button that opens
   * nothing; it becomes one when its source arrives, also in finished blocks. Unset: every marker
   * is a button.
   */
  sources?: string[];

  private readonly engine = new IncrementalMarkdown();
  private readonly root = document.createElement('div');
  private readonly end = document.createComment('');
  /** Render anchors of settled blocks, by block key. */
  private readonly settled = new Map<number, Comment>();
  /** Render anchors of the open tail, one per top-level token, in order after the settled ones. */
  private open: Comment[] = [];
  /**
   * Settled blocks are moved into pages; a page that is done may skip style, layout and paint
   * while far from view (markdownStyles), so a frame's work does not grow with the answer.
   */
  private page: HTMLElement | undefined;
  private pageLength = 0;
  private lastSettledType: Token['type'] | undefined;
  /** Finished code as highlighted DOM once the highlighter is in; plain (and the highlighter asked for) until then. */
  private readonly highlight = (code: string, language: string) => {
    if (highlightCode) return highlightCode(code, language);
    if (!highlighterFailed && highlightedLanguages.has(language.toLowerCase())) loadHighlighter(this);
    return undefined;
  };
  private context: RenderContext = { labels: englishMarkdownLabels, imageHosts: [], highlight: this.highlight };
  /** The highlighter arrived after code was shown plain: that code is rendered again. */
  private rehighlight = false;
  /** A finished answer keeps only its DOM (see `freeze`). */
  private frozen = false;

  constructor() {
    super();
    this.root.className = 'parley-markdown';
    this.root.append(this.end);
    this.addEventListener('click', (event) => this.onClick(event));
    // A middle click opens a link in a new tab without any click event.
    this.addEventListener('auxclick', (event) => {
      if (event.button === 1) this.holdLink(event);
    });
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** While streaming, coalesce any number of text updates into one render per animation frame. */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.streaming && typeof requestAnimationFrame === 'function') await nextFrame();
    super.scheduleUpdate();
  }

  protected override render(): HTMLElement {
    return this.root;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Marked streaming again (or not) with the same text, as <parley-chat> does when a turn resumes
    // after an approved action: the DOM already shows it, and rebuilding it would drop the focus in it.
    if (this.frozen && !changed.has('text') && !changed.has('labels') && !changed.has('imageHosts') && !changed.has('sources')) {
      if (this.rehighlight) this.highlightFrozen();
      return;
    }
    if (this.frozen || changed.has('labels') || changed.has('imageHosts') || changed.has('sources')) {
      const sources = this.sources;
      this.context = {
        labels: withEnglish(this.labels),
        imageHosts: normalizeImageHosts(this.imageHosts ?? []),
        cites: sources && ((id) => sources.includes(id)),
        highlight: this.highlight,
      };
    }
    // Every block shows labels or applies the image policy, and a frozen answer has nothing left
    // to update in place: start over.
    if (this.frozen || changed.has('labels') || changed.has('imageHosts')) {
      this.engine.clear();
      this.clear();
    } else if (changed.has('sources') || this.rehighlight) {
      // Sources may come after the text citing them (Dify sends them with the answer's end, the
      // Responses API after the text they annotate): finished blocks with a marker are redone.
      // So are finished code blocks once the highlighter is in.
      for (const block of this.engine.settledBlocks) {
        if ((changed.has('sources') && /[[【]/.test(block.raw)) || (this.rehighlight && /```|~~~/.test(block.raw))) this.renderSettled(block);
      }
    }
    this.rehighlight = false;
    this.sync();
    if (!this.streaming) this.freeze();
  }

  /**
   * A finished answer keeps only its DOM (see `freeze`): its code blocks get their highlighted code
   * in place, so focus, a selection elsewhere and the scroll of each block stay.
   */
  private highlightFrozen(): void {
    this.rehighlight = false;
    for (const block of this.root.querySelectorAll<HTMLElement>('.parley-code[data-language]')) {
      const code = block.querySelector<HTMLElement>('pre > code');
      const highlighted = code && this.highlight(code.textContent ?? '', block.dataset.language ?? '');
      if (!code || !highlighted) continue;
      code.textContent = '';
      render(highlighted, code);
    }
  }

  /** Called once the highlighter is in, if this element showed code plain meanwhile. */
  highlightArrived(): void {
    this.rehighlight = true;
    this.requestUpdate();
  }

  /**
   * A finished answer (every answer of a restored history) is not updated block by block any
   * more, so what only served that goes: the lexed blocks, Lit's parts and the comment nodes that
   * mark them, about half of an answer's DOM nodes. Nothing else here makes comments: model text
   * reaches the DOM only as text and attribute values. A later change renders it again from its text.
   */
  private freeze(): void {
    const markers = document.createTreeWalker(this.root, NodeFilter.SHOW_COMMENT);
    const found: ChildNode[] = [];
    while (markers.nextNode()) found.push(markers.currentNode as Comment);
    for (const marker of found) marker.remove();
    this.engine.clear();
    this.settled.clear();
    this.open = [];
    this.frozen = true;
  }

  /**
   * Each top-level token of the tail renders into its own anchor. When a token settles, its
   * anchor simply stops being updated: the DOM built while it streamed is kept, never rebuilt.
   */
  private sync(): void {
    const update = this.engine.update(this.text ?? '', !this.streaming);
    if (update.reset) this.clear();
    for (const block of update.changed) this.renderSettled(block);
    const tail = update.tail.filter((token) => token.type !== 'space' && token.type !== 'def');
    const count = update.settled.length + tail.length;
    for (let index = 0; index < count; index++) {
      let anchor = this.open[index];
      if (!anchor) {
        anchor = document.createComment('');
        this.root.insertBefore(anchor, this.end);
        this.open.push(anchor);
      }
      const block = update.settled[index];
      // Same template shape as while it was open, so Lit keeps the DOM it already built.
      const view = block
        ? renderBlock(block.tokens[0] as Token, this.context)
        : renderBlock(tail[index - update.settled.length] as Token, this.context, this.streaming && index === count - 1);
      render(view, this.root, { renderBefore: anchor });
    }
    for (const anchor of this.open.splice(count)) this.removeAnchor(anchor);
    update.settled.forEach((block, index) => {
      this.settled.set(block.key, this.open[index] as Comment);
      this.file(block, this.open[index] as Comment);
    });
    this.open.splice(0, update.settled.length);
  }

  /** A settled block again, in its place: as one block it keeps the template it was built with, so Lit keeps its DOM. */
  private renderSettled(block: SettledBlock): void {
    const anchor = this.settled.get(block.key);
    if (anchor) {
      render(block.tokens.length === 1 ? renderBlock(block.tokens[0] as Token, this.context) : renderBlocks(block.tokens, this.context), this.root, { renderBefore: anchor });
    }
  }

  /**
   * Moves a settled block (its DOM runs from just after the current page to its anchor) into the
   * current page, or into a new one once the current page holds `pageCharacters` and the blocks on
   * either side allow a page edge (`endsPage`, `startsPage`).
   */
  private file(block: SettledBlock, anchor: Comment): void {
    const type = (block.tokens[0] as Token).type;
    const edge = this.lastSettledType !== undefined && endsPage.has(this.lastSettledType) && startsPage.has(type);
    if (!this.page || (this.pageLength >= pageCharacters && edge)) {
      this.page?.classList.add('parley-markdown-page-done');
      const page = document.createElement('div');
      page.className = 'parley-markdown-page';
      this.root.insertBefore(page, this.page ? this.page.nextSibling : this.root.firstChild);
      this.page = page;
      this.pageLength = 0;
    }
    // A link or copy button in the block may have focus: moveBefore (Chromium 133+) keeps it (and
    // a selection) through the move; a plain append drops focus to the page, so it is put back.
    const page = this.page;
    const focused = (this.getRootNode() as Document | ShadowRoot).activeElement;
    const keepsState = typeof page.moveBefore === 'function' && page.isConnected;
    let refocus: HTMLElement | undefined;
    for (let node = page.nextSibling; node; ) {
      const next: ChildNode | null = node.nextSibling;
      if (keepsState) page.moveBefore(node, null);
      else {
        if (focused instanceof HTMLElement && node.contains(focused)) refocus = focused;
        page.append(node);
      }
      if (node === anchor) break;
      node = next;
    }
    refocus?.focus({ preventScroll: true });
    this.pageLength += block.raw.length;
    this.lastSettledType = type;
  }

  private removeAnchor(anchor: Comment): void {
    render(nothing, this.root, { renderBefore: anchor });
    // Lit's own start marker now sits right before the emptied anchor.
    const start = anchor.previousSibling;
    if (start && start.nodeType === Node.COMMENT_NODE) start.remove();
    anchor.remove();
  }

  private clear(): void {
    this.root.textContent = '';
    this.root.append(this.end);
    this.frozen = false;
    this.settled.clear();
    this.open = [];
    this.page = undefined;
    this.pageLength = 0;
    this.lastSettledType = undefined;
  }

  private onClick(event: MouseEvent): void {
    if (this.holdLink(event)) return;
    const target = event.target instanceof Element ? event.target : null;
    const marker = target?.closest('.parley-citation-marker');
    if (marker && this.contains(marker)) {
      marker.dispatchEvent(createCitationMarkerEvent(marker.getAttribute('data-citation-id') ?? ''));
      return;
    }
    const copy = target?.closest('.parley-code-copy');
    if (copy && this.contains(copy)) void this.copyCode(copy);
  }

  /**
   * A click (also with Ctrl, Shift or Meta, or Enter on the focused link) or middle click on a link
   * that needs a confirmation is stopped and the confirmation shown. True when `event` was on a link.
   */
  private holdLink(event: MouseEvent): boolean {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!(link instanceof HTMLAnchorElement) || !this.contains(link)) return false;
    holdUnlessAllowed(event, link, allowedLinkHosts(this, this.linkHosts ?? []), this.context.labels);
    return true;
  }

  private async copyCode(button: Element): Promise<void> {
    const block = button.closest('.parley-code');
    const code = block?.querySelector('pre > code')?.textContent ?? '';
    const status = block?.querySelector('.parley-code-status');
    const ok = await copyText(code);
    if (!status) return;
    // The status span has no Lit bindings inside, so writing its text never fights a render.
    status.textContent = ok ? this.context.labels.copied : this.context.labels.copyFailed;
    setTimeout(() => {
      if (status.textContent !== '') status.textContent = '';
    }, 2000);
  }
}

/** Registers `<parley-markdown>` once (safe to call from several bundles). */
export function defineParleyMarkdown(registry: CustomElementRegistry = customElements): void {
  if (!registry.get(ParleyMarkdown.tagName)) registry.define(ParleyMarkdown.tagName, ParleyMarkdown);
}

declare global {
  interface HTMLElementTagNameMap {
    'parley-markdown': ParleyMarkdown;
  }
}
