import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationMessage, MessagePartOf } from '@parley/client';
import { findHook, renderHook } from '../plugins/plugin-hooks.js';
import type { PartExtensions } from './part-extensions.js';
import type { RenderContext } from './render-context.js';

/** A `data` part through the plug-in registered for its name; a name no plug-in knows stays out of sight. */
export function renderData(part: MessagePartOf<'data'>, message: ConversationMessage, ctx: RenderContext, ext: PartExtensions): TemplateResult | typeof nothing {
  const found = findHook(ext.plugins, (plugin) => plugin.data?.[part.name]);
  if (!found) return nothing;
  const pluginCtx = ext.pluginContext(message, ctx.t.locale);
  const rendered = renderHook(ext.plugins, found.plugin, `data.${part.name}`, () => found.hook.call(undefined, part.data, pluginCtx));
  return rendered === undefined ? nothing : html`<div class="data" data-name=${part.name}>${rendered}</div>`;
}
