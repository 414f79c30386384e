import { html, LitElement, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  createClient,
  createConversation,
  localStorageAdapter,
  memoryStorage,
  sessionStorageAdapter,
  toJsonObject,
  type AuditEvent,
  type ChatError,
  type ConversationMessage,
  type ConversationStorage,
  type JsonObject,
} from '@parley/client';
import { parleyEvent, type ParleyEventDetails } from '../events.js';
import { loadTranslation, localeVersion, registerLocale, resolveTranslation } from '../i18n/resolve-translation.js';
import type { ParleyTranslation, ParleyTranslationOverrides } from '../i18n/translation.js';
import { renderComposer } from '../parts/composer.js';
import { renderErrorNotice } from '../parts/error-notice.js';
import { markdownToPlainText, messageText } from '../parts/plain-text.js';
import type { RenderContext } from '../parts/render-context.js';
import { awaitsViews, defineMarkdown, loadViews, loadViewsFor, renderGroups, renderTranscriptMessage, viewsSettled } from '../parts/transcript-loader.js';
import type { ParleyPlugin } from '../plugins/parley-plugin.js';
import { ParleyExtensions } from '../plugins/parley-extensions.js';
import { renderModelPicker, type ModelChoice } from '../parts/model-picker.js';
import { renderStarterPrompts } from '../parts/starter-prompts.js';
import { renderWatermark } from '../parts/watermark.js';
import { extensionStyles } from '../theme/extension-styles.js';
import { themeConverter } from '../theme/theme-converter.js';
import { imageHostsConverter } from '../markdown/image-hosts-converter.js';
import type { ParleyThemeObject } from '../theme/theme-tokens.js';
import { jsonListConverter } from './json-list-converter.js';
import { themeStyles } from '../theme/theme-styles.js';
import { claimConversationId } from './claim-conversation-id.js';
import { FrameUpdateController } from './frame-update-controller.js';
import { misconfiguredClient } from './misconfigured-client.js';
import { parleyChatStyles } from './parley-chat.styles.js';

type ChatClient = ReturnType<typeof createClient>;
type ClientOptions = Parameters<typeof createClient>[0];
type Conversation = ReturnType<typeof createConversation>;
type ConversationOptions = Parameters<typeof createConversation>[0];
type Snapshot = ReturnType<Conversation['getSnapshot']>;

export type ParleyTheme = 'light' | 'dark' | 'auto' | 'high-contrast';
export type ParleyPersist = 'session' | 'local' | 'none';
export type ParleyMode = 'inline' | 'launcher';

/**
 * A history that arrives all at once (a restore) shows none of it in the task that read it from
 * storage, its newest messages in the next frame: about a screenful of text (rendering answers as
 * markdown costs by their length, so a count alone made that frame a long task), at most `max`. The
 * older ones follow at most `max` at a time too (revealOlderMessages).
 */
const historyFirstBatch = { chars: 2000, max: 12 };

/**
 * A streaming assistant for any company LLM gateway, in one element.
 *
 * @summary Chat with the company's own LLM gateway: streaming markdown answers, citations, agent actions.
 *
 * @attr lang - `en`, `zh-CN` or `zh-TW` (any BCP 47 tag; `ParleyChat.registerLocale` adds more; unknown ones fall back to English). Default: the nearest `lang` of the page.
 * @attr link-hosts - Exact hosts (`erp.example.com`), space- or comma-separated, that links in answers open to without a confirmation, besides the page's own. Read when a link is clicked.
 *
 * @slot logo - A logo before the heading.
 * @slot header - Replaces the heading (the panel's title area).
 * @slot empty - The welcome shown while the conversation is empty (starter prompts from `suggestions` follow it).
 * @slot footer - Below the composer: a disclaimer ("AI answers may be wrong").
 *
 * @event parley-send - The person (or `send()`) sent a message. `detail: { text }`.
 * @event parley-response - An answer finished (also when stopped or failed). `detail: { message }`.
 * @event parley-error - A request failed. `detail: { error: { code, message, status?, retryAfterMs? } }`.
 * @event parley-action - An agent action was requested, approved, rejected, ran or failed. `detail: { phase, toolCall, result?, error?, reason? }`.
 * @event parley-feedback - Thumbs up or down on an answer. `detail: { messageId, rating, comment? }`.
 * @event parley-citation-open - A person opened a source card (cancelable: `preventDefault()` means the host handles it). `detail: { citation, number, messageId }`.
 * @event parley-audit - One audit record (message sent or blocked, action proposed / edited / approved / rejected / result, feedback), with `user`. `detail`: the client's `AuditEvent`.
 * @event parley-open - The launcher panel opened.
 * @event parley-close - The launcher panel closed.
 *
 * @csspart launcher - The floating button of `mode="launcher"`.
 * @csspart panel - The chat panel.
 * @csspart header - The panel's header with the heading.
 * @csspart messages - The scrolling transcript.
 * @csspart message - Every message (its row, with the time); combined with `user` or `assistant` (`part="message user"`).
 * @csspart user - A message the person sent.
 * @csspart assistant - An answer.
 * @csspart bubble - A message's bubble, the box with its background; combined with `user-bubble` or `assistant-bubble`.
 * @csspart user-bubble - The bubble of a message the person sent.
 * @csspart assistant-bubble - The bubble of an answer.
 * @csspart reasoning - The model's reasoning disclosure.
 * @csspart citation - One source card.
 * @csspart action - An agent action card.
 * @csspart action-approve - The action card's Approve button.
 * @csspart action-reject - The action card's Reject button.
 * @csspart status - The list of progress steps.
 * @csspart composer - The form at the bottom.
 * @csspart input - The message textarea.
 * @csspart send - The Send button.
 * @csspart stop - The Stop button (while an answer streams).
 * @csspart edit - A question being edited: the form shown in place of its bubble (Edit under a question; not with `no-edit`).
 * @csspart edit-input - The question editor's textarea.
 * @csspart edit-send - The question editor's Send button.
 * @csspart edit-cancel - The question editor's Cancel button.
 * @csspart model-picker - The model `<select>` (when `models` is set).
 * @csspart watermark - The tiled watermark layer (when `watermark` is set).
 *
 * @cssproperty --parley-color-background - Panel background.
 * @cssproperty --parley-color-surface - Header, action and source cards, starter prompts; in answers, the code Copy button, source markers and link confirmations (code blocks use `--parley-color-code-background`).
 * @cssproperty --parley-color-text - Text colour, answers' too unless their own token is set.
 * @cssproperty --parley-color-muted - Secondary text colour.
 * @cssproperty --parley-color-border - Borders.
 * @cssproperty --parley-color-accent - Buttons, links, the launcher.
 * @cssproperty --parley-color-on-accent - Text on the accent colour.
 * @cssproperty --parley-color-user-bubble - Background of the person's messages.
 * @cssproperty --parley-color-user-text - Text of the person's messages, on `--parley-color-user-bubble` (set them together).
 * @cssproperty --parley-color-assistant-bubble - Background of answers.
 * @cssproperty --parley-color-error - Error text.
 * @cssproperty --parley-color-error-background - Error background.
 * @cssproperty --parley-color-code-background - Code block background.
 * @cssproperty --parley-color-code-text - Code block text (default: the text around it).
 * @cssproperty --parley-code-keyword - Highlighted code: keywords.
 * @cssproperty --parley-code-string - Highlighted code: strings.
 * @cssproperty --parley-code-comment - Highlighted code: comments.
 * @cssproperty --parley-code-constant - Highlighted code: numbers, literals, attributes.
 * @cssproperty --parley-code-title - Highlighted code: function, class and tag names.
 * @cssproperty --parley-code-type - Highlighted code: types and built-ins.
 * @cssproperty --parley-font-mono - Font stack of code.
 * @cssproperty --parley-focus-ring-color - The visible focus ring.
 * @cssproperty --parley-font-family - Font stack.
 * @cssproperty --parley-font-size - Base font size.
 * @cssproperty --parley-radius - Corner radius.
 * @cssproperty --parley-spacing - Base spacing unit.
 * @cssproperty --parley-elevation - Shadow of the launcher panel.
 * @cssproperty --parley-height - Height of the panel.
 * @cssproperty --parley-width - Width of the launcher panel.
 * @cssproperty --parley-z-index - Stacking order of the launcher.
 * @cssproperty --parley-color-assistant-text - Text of answers (default: `--parley-color-text`).
 * @cssproperty --parley-color-success - Done marks of actions and steps.
 * @cssproperty --parley-line-height - Line height of text.
 * @cssproperty --parley-font-weight-heading - Weight of the heading and card titles.
 * @cssproperty --parley-radius-small - Corner radius of buttons, inputs and source cards.
 * @cssproperty --parley-focus-ring-width - Width of the visible focus ring.
 * @cssproperty --parley-elevation-card - Shadow of action cards.
 * @cssproperty --parley-watermark-color - Colour of the watermark text.
 */
export class ParleyChat extends LitElement {
  /**
   * The reactive properties, declared here rather than with decorators: Lit's decorator module
   * and the calls it needs cost the script tag 0.4 KB gzip at start. States are `attribute: false`
   * too, so the manifest analyzer does not list them as attributes.
   */
  static override properties: PropertyDeclarations = {
    endpoint: {},
    protocol: {},
    model: {},
    persist: {},
    conversationId: { attribute: 'conversation-id' },
    mode: { reflect: true },
    isOpen: { type: Boolean, reflect: true, attribute: 'open' },
    heading: {},
    placeholder: {},
    theme: { reflect: true, converter: themeConverter },
    suggestions: { converter: jsonListConverter('suggestions') },
    models: { converter: jsonListConverter('models') },
    watermark: {},
    imageHosts: { attribute: 'image-hosts', converter: imageHostsConverter },
    noEdit: { attribute: 'no-edit', type: Boolean },
    client: { attribute: false },
    headers: { attribute: false },
    actions: { attribute: false },
    plugins: { attribute: false },
    storage: { attribute: false },
    labels: { attribute: false },
    user: {},
    beforeSend: { attribute: false },
    composerText: { state: true, attribute: false },
    copiedMessageId: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  // The messages' and the markdown's styles come with their code, on first use (parts/transcript-loader.ts).
  static override styles = [themeStyles, parleyChatStyles, extensionStyles];

  /** Adds a language at run time (`ParleyChat.registerLocale('ja', {...})`); missing strings fall back to English. */
  static registerLocale(tag: string, table: ParleyTranslationOverrides): void {
    registerLocale(tag, table);
  }

  /**
   * Defines `<parley-markdown>` for a page that uses it on its own (its code loads on first use);
   * resolves once it is defined. Markup that has one when the element is defined needs no call.
   */
  static defineMarkdown(): Promise<void> {
    return defineMarkdown();
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  /** URL of the gateway's chat endpoint (ignored when `client` is set). */
  endpoint?: string;

  /** Wire protocol of the gateway: `parley`, `openai`, `anthropic`, `ollama`, `ai-sdk`, `dify`, `openai-responses` or `auto`. */
  protocol?: string;

  /** Model name sent to the gateway. */
  model?: string;

  /** Where the conversation and the unsent draft are kept: `session` (this tab), `local` (this browser) or `none`. */
  persist: ParleyPersist = 'session';

  /** Storage key of this conversation; elements with the same id share it. */
  conversationId?: string;

  /** `inline` (the panel in the page flow) or `launcher` (a floating button that opens the panel). */
  mode: ParleyMode = 'inline';

  /** Whether the launcher panel is open (attribute `open`; use `open()` / `close()`). */
  isOpen = false;

  /** Panel heading; defaults to the translated "Assistant". */
  heading?: string;

  /** Composer placeholder; defaults to the translated one. */
  placeholder?: string;

  /**
   * `light` (default), `dark`, `auto` (follows the system) or `high-contrast`; or, as a property,
   * a token object (`{ base: 'dark', 'color-accent': '#c8102e' }`) applied with CSSOM.
   */
  theme?: ParleyTheme | ParleyThemeObject;

  /** Starter prompts shown on an empty conversation (property, or attribute as a JSON array); choosing one sends it. */
  suggestions: string[] = [];

  /** Models the person may pick from (`{ id, label }[]`; attribute as JSON): the choice applies to the next request. */
  models: ModelChoice[] = [];

  /** Text tiled over the conversation (user name and time) to deter screenshots; never takes a click. */
  watermark?: string;

  /** Hosts answers may load images from (space or comma separated); others show as a placeholder. */
  imageHosts: string[] = [];

  /** Offers no Edit under the person's questions (attribute `no-edit`): a question, once sent, cannot be rewritten and asked again. */
  noEdit?: boolean;

  /** A ready `createClient()` result; takes precedence over `endpoint` / `protocol` / `model` / `headers`. */
  client?: ChatClient;

  /** Request headers: an object or a (possibly async) function, called for every request; `refresh` is true on the retry after a 401. */
  headers?: ClientOptions['headers'];

  /** Agent actions the model may call: the `actions` map of `createConversation`. */
  actions?: ConversationOptions['actions'];

  /** Plug-ins (citations, actions, data, themes). */
  plugins: ParleyPlugin[] = [];

  /** A storage adapter; takes precedence over `persist`. */
  storage?: ConversationStorage;

  /** Overrides of any translated string, on top of the active language. */
  labels?: ParleyTranslationOverrides;

  /** Who is using the assistant, as the host names them (`alice@acme`); copied into every `parley-audit` record. */
  user?: string;

  /**
   * Compliance hook run before a message is sent: return `{ content }` to redact, `{ block: reason }`
   * to refuse (the reason is shown, the text stays in the composer), or nothing to pass it on. May be
   * async; if it throws, the message is blocked.
   */
  beforeSend?: ConversationOptions['beforeSend'];

  // Reactive state (see `properties`): a change re-renders.
  private composerText = '';
  /**
   * The field the person last typed in. Lit sets its value only when the text differs from what
   * Lit itself set last; a render held back (a language's strings loading) while the person typed
   * and sent would leave what they sent in it. `updated` makes the field show the text.
   */
  private composerField: HTMLTextAreaElement | undefined;
  private copiedMessageId: string | undefined;
  private announcement = '';

  private current: { conversation: Conversation; config: readonly unknown[]; warmUp(): void; dispose(leave?: boolean): void } | undefined;
  /** `persist="none"`'s storage: this element's, kept while it lives, so a conversation built anew (another model, `actions`) restores the transcript as `session` does. */
  private memory: ConversationStorage | undefined;
  /** The default id (`default`, `default-2`…) this element took: asked for again when its conversation is built anew, so it keeps its transcript. */
  private defaultId: string | undefined;
  private readonly frames = new FrameUpdateController(this, () => this.requestMessagesUpdate());
  /** Bumped by every update request except those that only carry new conversation state. */
  private uiEpoch = 0;
  private uiDirty = true;
  private messagesOnlyRequest = false;
  private readonly extensions = new ParleyExtensions(this);
  /** Set synchronously on send so a second Enter or click in the same frame sends nothing. */
  private sending = false;
  private typedSinceConnect = false;
  private liveAnswerId: string | undefined;
  /** Empties the live region a second after its words last changed. */
  private hush: ReturnType<typeof setTimeout> | undefined;
  private reportedError: unknown;
  private focusBeforeUpdate: Element | null = null;
  private focusWasInside = false;
  /** Scroll to the newest message at the next update: a message was added (sent, restored) or retried. */
  private scrollToEnd = true;
  private renderedMessageCount = 0;
  /**
   * How many of the oldest messages are not rendered yet. A long restored history renders its
   * newest messages first and the older ones a batch at a time when the page is idle, so opening
   * a conversation of a thousand messages is never one long task.
   */
  private olderHidden = 0;
  /** A reveal of held-back messages is under way. */
  private revealing = false;
  /** Whether the person is at the bottom of the transcript (an observer of `.scroll-anchor` says so, no layout read per scroll). */
  private atBottom = true;
  private followed: { messages: HTMLElement; grows: ResizeObserver; bottom: IntersectionObserver } | undefined;
  private translationCache: { lang: string; labels: ParleyTranslationOverrides | undefined; t: ParleyTranslation; version: number } | undefined;
  private readonly pageLang = new MutationObserver(() => this.requestUpdate());
  /**
   * A streaming answer is stored at most every 500 ms: a reload mid-answer must still find it
   * (SECURITY-NOTES §5, never blank). A page going for good lets go of its conversation there and
   * then (`leave()`): its request closed by the page, it takes nothing up itself; the next page does.
   */
  private readonly onPageHide = (event: PageTransitionEvent): void => this.current?.conversation[event.persisted ? 'flush' : 'leave']();
  /** Another tab wrote to storage, or this one is shown again: take the turns it added (`sync()`). */
  private readonly onSync = (): void => void this.current?.conversation.sync();
  private hostContext: JsonObject | undefined;

  /**
   * What the person is looking at, as a plain JSON object the host keeps current (the open purchase
   * order, the org unit): sent with every request (`context` in the native protocol, a system
   * message for the others). Throws a `TypeError` naming the bad path for anything JSON cannot carry
   * (one set before the element was defined is logged and ignored instead, see the constructor).
   */
  get context(): JsonObject | undefined {
    return this.hostContext;
  }

  set context(value: Record<string, unknown> | null | undefined) {
    this.hostContext = value === null || value === undefined ? undefined : toJsonObject(value, 'context');
    this.current?.conversation.setContext(this.hostContext ?? null);
  }

  constructor() {
    super();
    // Set before the element was defined (the script tag after the page's own script): an own
    // property that hides the accessor. Applied here, outside Lit's first update, which a throw
    // would abort and leave the widget blank.
    if (this.hasOwnProperty('context')) {
      const { context } = this;
      delete (this as Partial<this>).context;
      try {
        this.context = context;
      } catch (error) {
        console.error('<parley-chat>: context ignored:', error);
      }
    }
  }

  /** The conversation this element shows (created on first use from the attributes and properties). */
  get conversation(): Conversation {
    return this.ensureConversation().conversation;
  }

  /**
   * Sends `text` as the person's message and streams the answer. Resolves when the answer has
   * finished: `true` if it was sent, `false` if refused (empty, a turn already running, blocked).
   */
  async send(text: string): Promise<boolean> {
    const content = String(text ?? '').trim();
    if (!content || this.busy()) return false;
    this.scrollToEnd = true;
    return this.ask(() => this.conversation.send(content));
  }

  /**
   * A message, an edited question or a regenerated answer goes out: busy from now (no Regenerate,
   * Retry or Send) until it is answered or refused, while the host's `beforeSend` may still be
   * checking it, or storage tabs share is read first.
   */
  private async ask(start: () => Promise<boolean>): Promise<boolean> {
    this.sending = true;
    this.requestUpdate();
    // The answer's markdown renderer arrives while the gateway works on the request.
    loadViews(this.extensions.rerender);
    try {
      return await start();
    } finally {
      this.sending = false;
      this.requestUpdate();
    }
  }

  /** Puts `text` in the composer without sending it (opening the launcher panel) and focuses it. */
  async prefill(text: string): Promise<void> {
    const value = String(text ?? '');
    this.onComposerInput(value);
    if (this.mode === 'launcher') this.isOpen = true;
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLTextAreaElement>('[part~="input"]');
    input?.focus();
    input?.setSelectionRange(value.length, value.length);
  }

  /** Stops the answer that is streaming; what arrived stays. */
  stop(): void {
    this.current?.conversation.stop();
  }

  /** Opens the launcher panel and puts focus in the composer. */
  open(): void {
    this.isOpen = true;
  }

  /** Closes the launcher panel; focus returns to the launcher button. */
  close(): void {
    this.isOpen = false;
  }

  /** Starts over: removes every message of this conversation (and its stored copy). */
  clear(): void {
    this.conversation.clear();
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.typedSinceConnect = false;
    this.pageLang.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    window.addEventListener('pagehide', this.onPageHide);
    window.addEventListener('storage', this.onSync);
    document.addEventListener('visibilitychange', this.onSync);
    // Put back after it was removed (moved in the page): its conversation is built again, and older
    // messages still held back go on showing (from `updated`).
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pageLang.disconnect();
    window.removeEventListener('pagehide', this.onPageHide);
    window.removeEventListener('storage', this.onSync);
    document.removeEventListener('visibilitychange', this.onSync);
    // A removed element must not keep a request (and the gateway's tokens) running.
    this.current?.dispose();
    this.current = undefined;
    this.followed?.grows.disconnect();
    this.followed?.bottom.disconnect();
    this.followed = undefined;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'lang') this.requestUpdate();
    else super.attributeChangedCallback(name, old, value);
  }

  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: Parameters<LitElement['requestUpdate']>[2]): void {
    if (!this.messagesOnlyRequest) this.uiDirty = true;
    super.requestUpdate(name, oldValue, options);
  }

  /** An update for new conversation state (a streaming frame, older history revealed): message renders stay guarded. */
  private requestMessagesUpdate(): void {
    this.messagesOnlyRequest = true;
    try {
      this.requestUpdate();
    } finally {
      this.messagesOnlyRequest = false;
    }
  }

  /** A Chinese page never flashes English: its strings (a chunk of their own) arrive before the render. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    // Asked again after each load: the language may have changed while a table was on its way.
    const loading = loadTranslation(this.language());
    return loading ? loading.then(() => this.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.uiDirty) {
      this.uiEpoch++;
      this.uiDirty = false;
    }
    this.holdBackOlderMessages();
    const snapshot = this.conversation.getSnapshot();
    // A restored history shows a frame or more later (held back above, or still checked a slice
    // per task): the views for its messages start loading now.
    if (snapshot.restoring || this.olderHidden > 0) loadViewsFor(snapshot, this.extensions.rerender);
    this.focusBeforeUpdate = this.shadowRoot?.activeElement ?? null;
    this.focusWasInside = this.matches(':focus-within');
    if (changed.has('isOpen') && changed.get('isOpen') !== undefined) {
      this.dispatch(this.isOpen ? 'parley-open' : 'parley-close', {});
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Said, then gone a second later (WebChat: 1 s; sooner is too fast for Chrome / TalkBack):
    // browsing never meets the answer twice, nothing stale stays, the same words can be said again,
    // and new words always get their full second (one timer, restarted when the words change).
    if ((changed as PropertyValues).has('announcement')) {
      clearTimeout(this.hush);
      // Also armed when the words were just cleared: setting '' again changes nothing.
      this.hush = setTimeout(() => (this.announcement = ''), 1000);
    }
    // Only when the text changed: no read of the field on a streaming frame.
    const field = (changed as PropertyValues).has('composerText') && this.composerField;
    if (field && field.value !== this.composerText) field.value = this.composerText;
    const root = this.renderRoot as ShadowRoot;
    // Looked up only when needed: the composer comes after the whole transcript in the tree, so a
    // query per streaming frame would walk every rendered block of the answer.
    const input = (): HTMLTextAreaElement | null => root.querySelector<HTMLTextAreaElement>('[part~="input"]');
    if (this.mode === 'launcher' && changed.has('isOpen') && changed.get('isOpen') !== undefined) {
      if (this.isOpen) input()?.focus();
      else if (this.focusWasInside || !document.activeElement || document.activeElement === document.body) {
        root.querySelector<HTMLElement>('[part~="launcher"]')?.focus();
      }
    } else if (this.focusBeforeUpdate && !this.focusBeforeUpdate.isConnected && !root.activeElement) {
      // The focused control went away (Stop when the answer ends, Retry, Regenerate) and nothing
      // took focus instead (a question editor's field, opened by Edit): keep focus in the
      // composer rather than dropping it to the page.
      input()?.focus();
    }
    this.focusBeforeUpdate = null;
    const count = this.conversation.getSnapshot().messages.length;
    if (count !== this.renderedMessageCount) this.scrollToEnd ||= count > this.renderedMessageCount;
    this.renderedMessageCount = count;
    const messages = root.querySelector<HTMLElement>('[part~="messages"]');
    if (!messages) return;
    this.followGrowth(messages);
    // A closed launcher's panel has no layout to scroll: the newest message is scrolled to once it
    // opens (which renders). Asked of the state, not of the layout (`clientHeight` here forced a
    // layout into the task that opens a long history: +5-10 ms CPU, 50 ms crossed in the bench).
    if (this.scrollToEnd && !this.closed()) {
      // A held-back history shows nothing yet (no layout to force): the `grows` observer follows
      // its newest message, after layout, once it is shown (from the bottom: `revealOlderMessages`).
      if (this.olderHidden < count) messages.scrollTop = messages.scrollHeight;
      this.scrollToEnd = false;
    }
    // A held-back history paused by a closed launcher goes on once it opens (or is inline).
    if (this.olderHidden && !this.closed()) this.revealOlderMessages();
  }

  /** A launcher's panel while it is closed: not shown, nothing in it laid out. */
  private closed(): boolean {
    return this.mode === 'launcher' && !this.isOpen;
  }

  /**
   * Before a render: a history that arrived all at once (a restore, checked a slice per task by
   * the conversation) is held back whole: rendering it in one go would make one long task of it.
   */
  private holdBackOlderMessages(): void {
    const { messages } = this.conversation.getSnapshot();
    const count = messages.length;
    if (count < this.olderHidden) this.olderHidden = 0;
    // A short restored history waits for the transcript views and markdown renderer too (see revealOlderMessages).
    const restoredMessages = this.renderedMessageCount === 0 && !this.sending && awaitsViews(messages);
    if (count - this.renderedMessageCount <= historyFirstBatch.max * 2 && !restoredMessages) return;
    // Shown from `updated`, after this render.
    this.olderHidden = count;
  }

  /**
   * Shows held-back messages newest first: a batch in the next frame, then a batch whenever the
   * page is idle (inserted above; scroll anchoring keeps the view), as many as the idle time fits
   * (4 to 12), judged by what the last batch cost. That cost is its render and its layout: the
   * layout is forced in the same task, within the idle time, and not left to the next frame, where
   * with the scroll's own work it made the longest task of a scroll (up to 20 messages then: 25-50
   * ms CPU, bench/PROFILE.md §2). Nothing far from view skips layout (message-view.styles.ts).
   * Paused while a launcher is closed: batches added there had no layout to judge them by or to
   * keep the place with, and the open laid out all of them in one task (343 ms for 200 answers),
   * at an old scroll position; it goes on from `updated` once the panel shows.
   */
  private revealOlderMessages(): void {
    if (this.revealing) return;
    this.revealing = true;
    let msPerMessage = 1;
    const step = (idle?: IdleDeadline): void => {
      const { messages } = this.conversation.getSnapshot();
      const shown = messages.length - this.olderHidden;
      // Nor while the page hides the element (`display: none` on it or around it, a hidden tab of
      // the host's): the first batch, a screenful, waits for no layout; the newest message's
      // `grows` observer goes on once it is shown. Asked of the transcript's box, not the element's,
      // which has none under `display: contents`.
      if (!this.isConnected || !this.olderHidden || this.closed() || (shown && !this.followed?.messages.getClientRects().length)) {
        this.revealing = false;
        return;
      }
      const fits = Math.floor((idle ? idle.timeRemaining() : 8) / msPerMessage);
      const batch = shown === 0 ? screenful(messages) : Math.min(historyFirstBatch.max, Math.max(4, fits));
      // The first batch is followed from the bottom: a launcher's bottom observer said "not there"
      // while the panel was closed, and this batch can come in the frame it opens, before that
      // observer looks again. Nothing is shown yet that a person could have scrolled.
      if (!shown) this.atBottom = true;
      const started = performance.now();
      this.olderHidden = Math.max(0, this.olderHidden - batch);
      this.requestMessagesUpdate();
      const next = (): void => {
        // Read for its side effect: the batch (its markdown rendered by now) is laid out here.
        this.scrollHeight;
        msPerMessage = Math.max(0.1, (performance.now() - started) / batch);
        whenIdle(step);
      };
      void this.updateComplete.then(next, next);
    };
    // The first messages wait for the transcript views with the markdown renderer (started with the
    // restore): no frame of messages as written, and no burst of every shown answer upgraded at once when it comes. If it
    // cannot be loaded, they show as written.
    void viewsSettled().then(() => requestAnimationFrame(() => step()));
  }

  /**
   * Keeps a person who is at the bottom there while the answer grows, and leaves one who scrolled
   * up alone. Observers do the measuring after the browser's own layout, so no streaming frame
   * forces a layout from script (a `scrollHeight` read per frame cost more than rendering).
   */
  private followGrowth(messages: HTMLElement): void {
    if (this.followed?.messages !== messages) {
      this.followed?.grows.disconnect();
      this.followed?.bottom.disconnect();
      const grows = new ResizeObserver(() => {
        if (this.atBottom) messages.scrollTop = messages.scrollHeight;
        // Shown again after the page hid the element: a held-back history goes on (see revealOlderMessages).
        if (this.olderHidden) this.revealOlderMessages();
      });
      const bottom = new IntersectionObserver((entries) => {
        // Not while the page hides the element: its transcript has no box, so nothing is in view,
        // and the person who was at the newest message is still there when it shows again.
        if (messages.getClientRects().length) this.atBottom = entries[entries.length - 1]!.isIntersecting;
      }, { root: messages, rootMargin: '0px 0px 48px 0px' });
      this.followed = { messages, grows, bottom };
    }
    // The anchor closes the transcript (see renderPanel): no query through every message per frame.
    const anchor = messages.lastElementChild;
    if (!anchor?.classList.contains('scroll-anchor')) return;
    this.followed.bottom.observe(anchor);
    // The newest message (class "message …"), or the group that holds it ("message-group", see
    // transcript-groups.ts), sits just before the anchor (an error notice may come between): no
    // query over the whole transcript on every frame.
    let newest = anchor.previousElementSibling;
    while (newest && !newest.matches('[class^=message]')) newest = newest.previousElementSibling;
    if (newest) this.followed.grows.observe(newest);
  }

  protected override render(): TemplateResult {
    const t = this.translation();
    if (this.mode !== 'launcher') return this.renderPanel(t);
    return html`<button
        part="launcher"
        class="launcher"
        type="button"
        aria-expanded=${this.isOpen}
        aria-controls="panel"
        aria-label=${this.isOpen ? t.closeChat : t.openChat}
        @click=${() => (this.isOpen = !this.isOpen)}
      >
        <span class="launcher-icon" aria-hidden="true">${this.isOpen ? '×' : ''}</span>
      </button>
      ${this.renderPanel(t)}`;
  }

  private renderPanel(t: ParleyTranslation): TemplateResult {
    const snapshot = this.conversation.getSnapshot();
    const streaming = snapshot.status === 'streaming';
    const busy = this.busy();
    const lastAnswer = lastAnswerOf(snapshot.messages);
    const ctx = this.renderContext(t, busy);
    const hidden = this.closed();
    // The transcript: in groups once the transcript views are in, one message after another
    // (as written) until then.
    const renderOne = (message: ConversationMessage): unknown => {
      const flags = { streaming: streaming && message === lastAnswer, last: message === lastAnswer };
      // Snapshots share unchanged messages, so a streaming frame re-renders only the answer
      // that grew; anything else the element shows (strings, plug-ins, drafts) bumps uiEpoch.
      return guard([message, flags.streaming, flags.last, busy, this.uiEpoch], () => renderTranscriptMessage(message, flags, ctx));
    };
    return html`<section
      part="panel"
      id="panel"
      class="panel"
      aria-label=${this.heading ?? t.heading}
      lang=${t.locale}
      ?hidden=${hidden}
      @keydown=${this.onPanelKeydown}
    >
      ${renderWatermark(this.watermark)}
      <header part="header" class="header">
        <slot name="logo"></slot>
        <slot name="header"><h2 class="heading">${this.heading ?? t.heading}</h2></slot>
        ${renderModelPicker(this.models, this.extensions.selectedModel(), t, (id) => this.extensions.chooseModel(id))}
        ${snapshot.messages.length > 0
          ? html`<button class="tool clear" type="button" @click=${() => this.clear()}>${t.clear}</button>`
          : nothing}
        ${this.mode === 'launcher'
          ? html`<button class="tool close" type="button" aria-label=${t.closeChat} @click=${() => this.close()}>
              <span aria-hidden="true">×</span>
            </button>`
          : nothing}
      </header>
      <div
        part="messages"
        class="messages"
        tabindex="0"
        role="region"
        aria-label=${t.messagesLabel}
        aria-busy=${streaming || snapshot.restoring || (this.olderHidden > 0 && this.olderHidden >= snapshot.messages.length)}
      >
        ${snapshot.messages.length === 0 && !snapshot.restoring
          ? html`<div class="empty-state">
              <slot name="empty"><p class="empty">${t.emptyState}</p></slot>
              ${renderStarterPrompts(this.suggestions, t, (text) => void this.send(text))}
            </div>`
          : nothing}
        ${renderGroups(snapshot.messages, this.olderHidden, renderOne) ?? repeat(snapshot.messages.slice(this.olderHidden), (message) => message.id, renderOne)}
        ${snapshot.status === 'error' && snapshot.error ? renderErrorNotice(snapshot.error, t, busy ? undefined : () => this.retry()) : nothing}
        <div class="scroll-anchor" aria-hidden="true"></div>
      </div>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>
      ${renderComposer({
        t,
        placeholder: this.placeholder ?? t.placeholder,
        value: this.composerText,
        streaming,
        locked: busy,
        awaitingAction: snapshot.status === 'awaiting-action',
        onInput: (field) => {
          this.composerField = field;
          this.onComposerInput(field.value);
        },
        onSend: () => void this.sendComposer(),
        onStop: () => this.stop(),
      })}
      <slot name="footer"></slot>
    </section>`;
  }

  private renderContext(t: ParleyTranslation, busy: boolean): RenderContext {
    return {
      t,
      imageHosts: this.imageHosts,
      busy,
      copiedMessageId: this.copiedMessageId,
      copied: (messageId) => (this.copiedMessageId = messageId),
      regenerate: () => void this.ask(() => this.conversation.regenerate()),
      edit: this.noEdit ? undefined : (messageId, text) => this.ask(() => this.conversation.edit(messageId, text)),
      announce: (words) => (this.announcement = words),
      feedback: (messageId, rating, comment) => {
        void this.conversation.feedback(messageId, rating, comment);
        this.dispatch('parley-feedback', comment === undefined ? { messageId, rating } : { messageId, rating, comment });
      },
      extensions: this.extensions,
    };
  }

  /** The element's own `lang`, else the nearest one of the page, else the browser's. */
  private language(): string {
    return this.getAttribute('lang') || this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || navigator.language;
  }

  private translation(): ParleyTranslation {
    const lang = this.language();
    const cached = this.translationCache;
    if (cached && cached.lang === lang && cached.labels === this.labels && cached.version === localeVersion()) return cached.t;
    const t = resolveTranslation(lang, this.labels);
    this.translationCache = { lang, labels: this.labels, t, version: localeVersion() };
    return t;
  }

  private config(): readonly unknown[] {
    return [this.client, this.endpoint, this.protocol, this.model, this.actions, this.storage, this.persist, this.conversationId];
  }

  private ensureConversation(): NonNullable<ParleyChat['current']> {
    const config = this.config();
    if (this.current && sameConfig(this.current.config, config)) return this.current;
    // Built anew for another gateway: let go as a page that goes away does, so this conversation
    // on the same storage finds the answer to take up, the action to approve.
    this.current?.dispose(true);
    const claim = claimConversationId(this.conversationId, this.defaultId);
    if (!this.conversationId) this.defaultId = claim.id;
    const client = this.client ?? this.clientFromAttributes();
    const conversation = createConversation({
      client,
      id: claim.id,
      storage: this.storage ?? (this.persist === 'local' ? localStorageAdapter() : this.persist === 'none' ? (this.memory ??= memoryStorage()) : sessionStorageAdapter()),
      ...(this.actions ? { actions: this.actions } : {}),
      ...(this.hostContext ? { context: this.hostContext } : {}),
      // Read at send time, so the hook can be set or replaced without a new conversation.
      beforeSend: (message, ctx) => this.beforeSend?.(message, ctx),
      onAction: (event) => this.dispatch('parley-action', event),
      onAudit: (event) => this.onAudit(event),
      // A long stored history is checked a slice per task, not in the task that opens the element.
      restoreInSlices: true,
    });
    const unsubscribe = conversation.subscribe(() => this.onSnapshot(conversation.getSnapshot()));
    let warm = false;
    this.current = {
      conversation,
      config,
      warmUp: () => {
        if (warm) return;
        warm = true;
        loadViews(this.extensions.rerender);
        void client.preload?.();
      },
      // Removed: its answer stops (saved so, and no longer busy for other tabs), and one it waits
      // for from another tab goes on there (an SPA's route changed, nobody pressed Stop); built
      // anew: let go.
      dispose: (leave) => {
        unsubscribe();
        if (leave) conversation.leave();
        else conversation.stop({ otherTabs: false });
        claim.release();
      },
    };
    this.liveAnswerId = undefined;
    this.reportedError = conversation.getSnapshot().error;
    this.adoptDraft(conversation.getSnapshot());
    return this.current;
  }

  private clientFromAttributes(): ConversationOptions['client'] {
    try {
      return createClient({
        url: this.endpoint ?? '',
        ...(this.protocol ? { protocol: this.protocol as ClientOptions['protocol'] } : {}),
        ...(this.model ? { model: this.model } : {}),
        // Read at each request, so a new token, or headers set after the first question, takes no
        // new conversation (and interrupts no answer).
        headers: (request) => {
          const headers = this.headers;
          // Unset: `undefined`, which the request code takes as no headers of the host's.
          return typeof headers === 'function' ? headers(request) : (headers as Record<string, string>);
        },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (this.endpoint !== undefined || this.protocol !== undefined) console.error(`<parley-chat>: ${message}`);
      return misconfiguredClient(message);
    }
  }

  /** Events and the one announcement per answer come from state changes, not from rendering. */
  private onSnapshot(snapshot: Snapshot): void {
    this.frames.schedule();
    this.adoptDraft(snapshot);
    const { status } = snapshot;
    const streaming = status === 'streaming';
    const last = lastAnswerOf(snapshot.messages);
    // An answer waiting on an action is not finished: it goes on once the person decides.
    if (this.liveAnswerId !== undefined && (status === 'idle' || status === 'error' || last?.id !== this.liveAnswerId)) {
      const finished = snapshot.messages.find((message) => message.id === this.liveAnswerId);
      this.liveAnswerId = undefined;
      if (finished) this.finishAnswer(finished);
    }
    if (status === 'awaiting-action' && this.liveAnswerId !== undefined) this.announcement = this.translation().awaitingAction;
    if (streaming && last && this.liveAnswerId === undefined) {
      this.liveAnswerId = last.id;
      this.announcement = this.translation().responding;
    }
    if (snapshot.error && snapshot.error !== this.reportedError) this.dispatch('parley-error', { error: snapshot.error as ChatError });
    this.reportedError = snapshot.error;
  }

  /** `parley-send` carries the text as sent (after `beforeSend` redaction); a blocked message is never "sent". */
  private onAudit(event: AuditEvent): void {
    const record = this.user ? { ...event, user: this.user } : event;
    // An edited question is sent as much as a new one; a regenerate sends nothing new.
    if (record.type === 'message-sent' && (record.kind === 'send' || record.kind === 'edit')) this.dispatch('parley-send', { text: record.content });
    this.dispatch('parley-audit', record);
  }

  private finishAnswer(message: ConversationMessage): void {
    const t = this.translation();
    const text = markdownToPlainText(messageText(message.parts));
    // Stop is said too: stopped before any text, the answer itself would say nothing. An answer a
    // reload could not take up (the gateway no longer had it) says it was cut off, not its half.
    if (message.finishReason === 'abort') this.announcement = t.stoppedAnnouncement(text);
    else if (message.interrupted) this.announcement = t.interrupted;
    else if (text) this.announcement = t.answerAnnouncement(text);
    this.dispatch('parley-response', { message });
  }

  /** A draft restored from storage wins only if the person has not typed since the element connected. */
  private adoptDraft(snapshot: Snapshot): void {
    const draft = (snapshot as { draft?: string }).draft;
    if (!this.typedSinceConnect && typeof draft === 'string' && draft !== this.composerText) this.composerText = draft;
  }

  /** A turn is running (sending, streaming, or waiting on an action): nothing new may be sent. */
  private busy(): boolean {
    const { status } = this.conversation.getSnapshot();
    return this.sending || status === 'streaming' || status === 'awaiting-action';
  }

  private onComposerInput(value: string): void {
    this.typedSinceConnect = true;
    this.composerText = value;
    this.conversation.setDraft(value);
    // What the first answer needs (protocol adapter, request code, markdown renderer) loads while
    // the person types: not at start, where every page would pay for it, and not only at send.
    this.current?.warmUp();
  }

  private async sendComposer(): Promise<void> {
    const text = this.composerText;
    if (!text.trim() || this.busy()) return;
    this.typedSinceConnect = true;
    this.composerText = '';
    // Refused (a host's beforeSend blocked it): the text goes back, nothing is lost. The stored
    // draft is cleared by the conversation only once the message is in the transcript.
    if (!(await this.send(text)) && !this.composerText) this.composerText = text;
  }

  private retry(): void {
    this.scrollToEnd = true;
    void this.ask(() => this.conversation.regenerate());
  }

  private readonly onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.mode === 'launcher' && this.isOpen) {
      event.stopPropagation();
      this.close();
    }
  };

  private dispatch<K extends keyof ParleyEventDetails>(type: K, detail: ParleyEventDetails[K]): void {
    this.dispatchEvent(parleyEvent(type, detail));
  }
}

/** How many of the newest messages make the first batch of a restored history (at least one). */
function screenful(messages: readonly ConversationMessage[]): number {
  let count = 0;
  for (let chars = 0; count < Math.min(historyFirstBatch.max, messages.length) && chars < historyFirstBatch.chars; count++) {
    chars += messageText(messages[messages.length - 1 - count]!.parts).length;
  }
  return Math.max(1, count);
}

/** After the next frame's work, when the main thread is free (Safari has no `requestIdleCallback`: soon after). */
function whenIdle(callback: (idle?: IdleDeadline) => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 250 });
  else setTimeout(callback, 16);
}

function sameConfig(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** The answer at the end of the transcript, if the transcript ends with one. */
function lastAnswerOf(messages: readonly ConversationMessage[]): ConversationMessage | undefined {
  const last = messages[messages.length - 1];
  return last?.role === 'assistant' ? last : undefined;
}
