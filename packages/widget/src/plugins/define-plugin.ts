import type { ParleyPlugin } from './parley-plugin.js';

/** Types a plug-in object (hook arguments inferred) and checks its shape early, naming the bad field. */
export function definePlugin<P extends ParleyPlugin>(plugin: P): P {
  if (typeof plugin !== 'object' || plugin === null) throw new TypeError('definePlugin(plugin): plugin must be an object.');
  if (typeof plugin.name !== 'string' || !plugin.name) throw new TypeError('definePlugin(plugin): plugin.name must be a non-empty string.');
  for (const key of ['citation', 'actions', 'data', 'theme'] as const) {
    const value = plugin[key];
    if (value !== undefined && (typeof value !== 'object' || value === null)) throw new TypeError(`definePlugin(${plugin.name}): ${key} must be an object.`);
  }
  for (const [name, action] of Object.entries(plugin.actions ?? {})) {
    if (typeof action !== 'object' || action === null) throw new TypeError(`definePlugin(${plugin.name}): actions.${name} must be an object { title?, render? }.`);
    if (action.render !== undefined && typeof action.render !== 'function') throw new TypeError(`definePlugin(${plugin.name}): actions.${name}.render must be a function (call, ctx) => template or element.`);
  }
  for (const hook of ['render', 'open'] as const) {
    const value = plugin.citation?.[hook];
    if (value !== undefined && typeof value !== 'function') throw new TypeError(`definePlugin(${plugin.name}): citation.${hook} must be a function.`);
  }
  for (const [name, render] of Object.entries(plugin.data ?? {})) {
    if (typeof render !== 'function') throw new TypeError(`definePlugin(${plugin.name}): data.${name} must be a function (data, ctx) => template or element.`);
  }
  return plugin;
}
