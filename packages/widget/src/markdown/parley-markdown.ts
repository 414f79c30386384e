import { LitElement, render, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { createCitationMarkerEvent } from './citation-marker-event.js';
import { copyText } from './copy-text.js';
import { IncrementalMarkdown } from './incremental-markdown.js';
import { englishMarkdownLabels, type MarkdownLabels } from './markdown-labels.js';
import { renderBlocks, type RenderContext } from './render-tokens.js';
import { normalizeImageHosts } from './safe-url.js';

const imageHostsConverter = {
  fromAttribute: (value: string | null): string[] => (value ? value.split(/[\s,]+/).filter(Boolean) : []),
  toAttribute: (value: string[]): string => value.join(' '),
};

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Renders an assistant's markdown answer safely and incrementally.
 *
 * Markdown is tokenised with marked and turned into DOM through Lit templates, never through
 * HTML strings: raw HTML shows as text, links keep only http, https and mailto (opening in a new
 * tab with `rel="noopener noreferrer"`), images load only from `imageHosts` and otherwise show an
 * inert placeholder naming the host. While `streaming`, finished blocks are lexed and rendered
 * once; only the open tail is redone, at most once per animation frame.
 *
 * Renders into its own light DOM, so the styles of the shadow root it sits in apply (see
 * `markdownStyles`). Not registered on import: call `defineParleyMarkdown()` or register
 * `ParleyMarkdown.tagName` yourself (scoped registries).
 *
 * @summary Safe streaming markdown for assistant answers.
 * @event parley-citation-marker - A citation marker (`[1]`, `[^1]`, `【1】`) was activated; `detail.id`.
 */
export class ParleyMarkdown extends LitElement {
  static tagName = 'parley-markdown' as const;

  /** The whole answer so far. Appending keeps finished blocks; any other change re-renders all. */
  @property({ attribute: false }) text = '';

  /** True while the answer is still arriving: the tail is redrawn once per frame. */
  @property({ type: Boolean, reflect: true }) streaming = false;

  /** Exact hosts (`cdn.example.com`, `img.example.com:8443`) images may load from. Default: none. */
  @property({ attribute: 'image-hosts', converter: imageHostsConverter }) imageHosts: string[] = [];

  /** Translated strings; English fills in anything left out. */
  @property({ attribute: false }) labels: Partial<MarkdownLabels> = {};

  private readonly engine = new IncrementalMarkdown();
  private readonly root = document.createElement('div');
  private readonly settledEnd = document.createComment('');
  private readonly tailEnd = document.createComment('');
  private readonly markers = new Map<number, Comment>();
  private context: RenderContext = { labels: englishMarkdownLabels, imageHosts: [] };

  constructor() {
    super();
    this.root.className = 'parley-markdown';
    this.root.append(this.settledEnd, this.tailEnd);
    this.addEventListener('click', (event) => this.onClick(event));
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
    if (changed.has('labels') || changed.has('imageHosts')) {
      this.context = {
        labels: { ...englishMarkdownLabels, ...this.labels },
        imageHosts: normalizeImageHosts(this.imageHosts ?? []),
      };
      this.clearSettled();
    }
    this.sync();
  }

  private sync(): void {
    const update = this.engine.update(this.text ?? '', !this.streaming);
    if (update.reset) this.clearSettled(false);
    for (const block of update.changed) {
      const marker = this.markers.get(block.key);
      if (marker) render(renderBlocks(block.tokens, this.context), this.root, { renderBefore: marker });
    }
    for (const block of update.settled) {
      const marker = document.createComment('');
      this.root.insertBefore(marker, this.settledEnd);
      this.markers.set(block.key, marker);
      render(renderBlocks(block.tokens, this.context), this.root, { renderBefore: marker });
    }
    render(renderBlocks(update.tail, this.context, this.streaming), this.root, { renderBefore: this.tailEnd });
  }

  /** Drops every rendered block (new labels or hosts change them all; replaced text too). */
  private clearSettled(resetEngine = true): void {
    if (resetEngine) this.engine.clear();
    let node = this.root.firstChild;
    while (node && node !== this.settledEnd) {
      const next = node.nextSibling;
      node.remove();
      node = next;
    }
    this.markers.clear();
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target : null;
    const marker = target?.closest('.parley-citation-marker');
    if (marker && this.contains(marker)) {
      marker.dispatchEvent(createCitationMarkerEvent(marker.getAttribute('data-citation-id') ?? ''));
      return;
    }
    const copy = target?.closest('.parley-code-copy');
    if (copy && this.contains(copy)) void this.copyCode(copy);
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
