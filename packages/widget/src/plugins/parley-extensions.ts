import { supportsAdoptingStyleSheets, type CSSResult, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { ActionMap, Conversation, ConversationMessage } from '@parley/client';
import { parleyEvent, type ParleyEventDetails } from '../events.js';
import type { ModelChoice } from '../parts/model-picker.js';
import type { PartExtensions } from '../parts/part-extensions.js';
import { applyThemeTokens, type ParleyThemeTokens } from '../theme/theme-tokens.js';
import type { ParleyPlugin, PluginContext } from './parley-plugin.js';
import { PluginHost, pluginErrorCode } from './plugin-host.js';

/** What the controller reads from `<parley-chat>`. */
export interface ExtensionsHost extends ReactiveControllerHost, HTMLElement {
  readonly conversation: Conversation;
  actions?: ActionMap;
  plugins: ParleyPlugin[];
  theme?: string | ParleyThemeTokens;
  model?: string;
  models: ModelChoice[];
}

/**
 * The element's issue 5 machinery in one reactive controller: the plug-ins and their failure
 * reports (the parts that call their hooks bring `plugin-hooks.ts`), theme tokens (plug-ins' and
 * the `theme` object) applied through CSSOM, the model picker's choice, and the
 * decisions the part renderers trigger.
 */
export class ParleyExtensions implements ReactiveController, PartExtensions {
  readonly plugins: PluginHost;
  private chosenModel: string | undefined;
  private applied: { plugins: unknown; theme: unknown; properties: Set<string> } = { plugins: undefined, theme: undefined, properties: new Set() };
  private modelApplied: { conversation: Conversation | undefined; model: string | undefined } = { conversation: undefined, model: undefined };

  readonly rerender = (): void => this.host.requestUpdate();
  private readonly adopted = new Set<CSSResult>();

  constructor(readonly host: ExtensionsHost) {
    host.addController(this);
    this.plugins = new PluginHost((failure) =>
      this.dispatch('parley-error', {
        error: { code: pluginErrorCode, message: `Plug-in "${failure.plugin}" failed in ${failure.hook}: ${failure.message}` },
        plugin: failure.plugin,
        hook: failure.hook,
      }),
    );
  }

  hostUpdate(): void {
    const { host } = this;
    if (host.plugins !== this.applied.plugins || host.theme !== this.applied.theme) {
      const plugins = Array.isArray(host.plugins) ? host.plugins.filter((plugin) => plugin && typeof plugin === 'object') : [];
      this.plugins.plugins = plugins;
      const tokens = plugins.map((plugin) => plugin.theme).filter((theme): theme is ParleyThemeTokens => !!theme && typeof theme === 'object');
      if (host.theme && typeof host.theme === 'object') tokens.push(host.theme);
      this.applied = { plugins: host.plugins, theme: host.theme, properties: applyThemeTokens(host, tokens, this.applied.properties) };
    }
    const model = this.selectedModel();
    const conversation = host.conversation;
    if (model !== undefined && (conversation !== this.modelApplied.conversation || model !== this.modelApplied.model)) {
      conversation.setModel(model);
      this.modelApplied = { conversation, model };
    }
  }

  /** The picker's model: the person's choice, else the `model` attribute if listed, else the first. */
  selectedModel(): string | undefined {
    const models = Array.isArray(this.host.models) ? this.host.models : [];
    if (models.length === 0) return undefined;
    const listed = (id: string | undefined) => id !== undefined && models.some((model) => model.id === id);
    if (listed(this.chosenModel)) return this.chosenModel;
    return listed(this.host.model) ? this.host.model : models[0]?.id;
  }

  chooseModel(id: string): void {
    this.chosenModel = id;
    this.host.requestUpdate();
  }

  adoptStyles(styles: CSSResult): void {
    const root = this.host.shadowRoot;
    if (!root || this.adopted.has(styles)) return;
    this.adopted.add(styles);
    if (supportsAdoptingStyleSheets && styles.styleSheet) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
      return;
    }
    // Lit's fallback for engines without constructable sheets: a <style> after its own (which
    // precede the rendered content), with the page's nonce for a strict style-src.
    const style = document.createElement('style');
    const nonce = (globalThis as { litNonce?: string }).litNonce;
    if (nonce) style.setAttribute('nonce', nonce);
    style.textContent = styles.cssText;
    const own = Array.from(root.children).filter((child) => child.localName === 'style');
    root.insertBefore(style, own.length > 0 ? own[own.length - 1]!.nextSibling : root.firstChild);
  }

  pluginContext(message: ConversationMessage, locale: string): PluginContext {
    return { element: this.host, conversation: this.host.conversation, locale, message };
  }

  /** The last plug-in's `actions[name].title`, else the action's own `title`, else its name. */
  actionTitle(name: string): string {
    const plugins = this.plugins.plugins;
    for (let index = plugins.length - 1; index >= 0; index--) {
      const title = plugins[index]?.actions?.[name]?.title;
      if (typeof title === 'string' && title) return title;
    }
    const title = this.host.actions?.[name]?.title;
    return typeof title === 'string' && title ? title : name;
  }

  approve(toolCallId: string, editedArgs?: unknown): string | Promise<boolean> {
    try {
      return this.host.conversation.approve(toolCallId, editedArgs);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  reject(toolCallId: string, reason?: string): Promise<boolean> {
    return this.host.conversation.reject(toolCallId, reason);
  }

  private dispatch<K extends keyof ParleyEventDetails>(type: K, detail: ParleyEventDetails[K]): void {
    this.host.dispatchEvent(parleyEvent(type, detail));
  }
}
