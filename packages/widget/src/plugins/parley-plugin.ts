import type { TemplateResult } from 'lit';
import type { Citation, Conversation, ConversationMessage, MessagePartOf } from '@parley/client';
import type { ParleyThemeTokens } from '../theme/theme-tokens.js';

/**
 * What a render hook returns: a Lit template, or a plain element for hosts without Lit.
 * `null` / `undefined` mean "not mine": the widget's default rendering is used.
 */
export type PluginRenderResult = TemplateResult | HTMLElement | null | undefined;

/** What every hook receives besides its subject. */
export interface PluginContext {
  /** The `<parley-chat>` element. */
  element: HTMLElement;
  /** The conversation it shows (read its snapshot; do not drive approvals from a plug-in). */
  conversation: Conversation;
  /** BCP 47 tag of the active language (`en`, `zh-CN`, `zh-TW`…), for `Intl` formatting. */
  locale: string;
  /** The answer the rendered part belongs to. */
  message: ConversationMessage;
}

/** A citation hook also learns the number the card shows (`[1]` → 1). */
export interface CitationContext extends PluginContext {
  number: number;
  /** Opens the source the way a click on the default card does (`parley-citation-open`, then `citation.open`). */
  open(): void;
}

export interface CitationPlugin {
  /** Renders a source card in place of the default one (the number and focus target stay the widget's). */
  render?(citation: Citation, ctx: CitationContext): PluginRenderResult;
  /** Decides what activating a card does (open the ERP document in the page); the default opens its URL in a new tab. */
  open?(citation: Citation, ctx: CitationContext): void;
}

export interface ActionPlugin {
  /** The card's title ("Create purchase order"); wins over the action's own `title`. */
  title?: string;
  /** Renders the card's body (a purchase-order preview); the title, state and Approve / Reject stay the widget's. */
  render?(call: MessagePartOf<'tool-call'>, ctx: PluginContext): PluginRenderResult;
}

/** Renders one `data` part (a gateway-specific block) of the given name. */
export type DataRenderer = (data: unknown, ctx: PluginContext) => PluginRenderResult;

/**
 * A plug-in for `<parley-chat>`: `el.plugins = [definePlugin({...})]`. Plug-ins compose; for
 * any one thing the last plug-in that handles it wins; a hook that throws falls back to the
 * default rendering and is reported as a `parley-error` with code `plugin_error`.
 */
export interface ParleyPlugin {
  /** Names the plug-in in error reports. */
  name: string;
  citation?: CitationPlugin;
  /** Card bodies by action (tool) name. */
  actions?: Record<string, ActionPlugin>;
  /** Renderers of `data` parts by their name; names no plug-in knows are not shown. */
  data?: Record<string, DataRenderer>;
  /** Design tokens applied to the element (`{ '--parley-color-accent': '#c8102e' }` or `{ 'color-accent': … }`). */
  theme?: ParleyThemeTokens;
}
