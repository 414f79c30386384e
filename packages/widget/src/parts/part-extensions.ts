import type { CSSResult, ReactiveControllerHost } from 'lit';
import type { ConversationMessage } from '@parley/client';
import type { PluginContext } from '../plugins/parley-plugin.js';
import type { PluginHost } from '../plugins/plugin-host.js';

/**
 * What the issue 5 renderers (citations, actions, data, feedback comments) need from the element
 * beyond `RenderContext`: the plug-ins, action titles, and decisions that can fail.
 */
export interface PartExtensions {
  /** The element: what a part's events are dispatched on, and what a part's controller is added to. */
  readonly host: HTMLElement & ReactiveControllerHost;
  plugins: PluginHost;
  pluginContext(message: ConversationMessage, locale: string): PluginContext;
  /** `actions[name].title`, else the name. */
  actionTitle(name: string): string;
  /**
   * Approves (with a person's edits): why edited arguments were refused at once, else the
   * conversation's promise, which rejects if the approval fails later (a call restored from
   * storage whose argument checks could not be loaded, or refuse its edits once loaded).
   */
  approve(toolCallId: string, editedArgs?: unknown): string | Promise<boolean>;
  /** Resolves `false` when the call no longer awaits a decision here (another tab decided it). */
  reject(toolCallId: string, reason?: string): Promise<boolean>;
  /** Renders the element again: a part's code arrived (or failed to). One function per element. */
  rerender(): void;
  /** Adds the styles that came with a part's code to the element's shadow root (once). */
  adoptStyles(styles: CSSResult): void;
}
