import type { TemplateResult } from 'lit';
import type { ParleyPlugin } from './parley-plugin.js';
import type { PluginHost } from './plugin-host.js';

// Finding the hook that handles a thing (the last plug-in that has it wins) and calling it in
// isolation: a throw or a bad return value falls back to the default rendering and is reported
// (`PluginHost.fail`). Only the parts that call hooks (cards, data) use it: it loads with them.

/** What a resolved render hook yields: something Lit renders, or `undefined` for the default rendering. */
export type Rendered = TemplateResult | Node | string | undefined;

/** The last plug-in's hook picked by `pick`, with that plug-in's name. */
export function findHook<F>(host: PluginHost, pick: (plugin: ParleyPlugin) => F | undefined): { plugin: string; hook: F } | undefined {
  for (let index = host.plugins.length - 1; index >= 0; index--) {
    const plugin = host.plugins[index];
    const hook = plugin ? safePick(pick, plugin) : undefined;
    if (plugin && typeof hook === 'function') return { plugin: plugin.name, hook };
  }
  return undefined;
}

/** Calls a render hook; anything it cannot render becomes `undefined` (the default) plus a report. */
export function renderHook(host: PluginHost, plugin: string, hookName: string, call: () => unknown): Rendered {
  let value: unknown;
  try {
    value = call();
  } catch (error) {
    host.fail(plugin, hookName, error instanceof Error ? error.message : String(error));
    return undefined;
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || isTemplate(value) || (typeof Node === 'function' && value instanceof Node)) return value as Rendered;
  host.fail(plugin, hookName, `returned ${Object.prototype.toString.call(value)}; expected a Lit template, an HTMLElement or null`);
  return undefined;
}

/** Calls a hook whose effect is all that matters (citation `open`); `false` if it threw. */
export function runHook(host: PluginHost, plugin: string, hookName: string, call: () => void): boolean {
  try {
    call();
    return true;
  } catch (error) {
    host.fail(plugin, hookName, error instanceof Error ? error.message : String(error));
    return false;
  }
}

function safePick<F>(pick: (plugin: ParleyPlugin) => F | undefined, plugin: ParleyPlugin): F | undefined {
  try {
    return pick(plugin);
  } catch {
    return undefined;
  }
}

function isTemplate(value: unknown): value is TemplateResult {
  return typeof value === 'object' && value !== null && '_$litType$' in value;
}
