import type { TemplateResult } from 'lit';
import type { ParleyPlugin } from './parley-plugin.js';

/** The `parley-error` code of a plug-in hook that threw or returned something unrenderable. */
export const pluginErrorCode = 'plugin_error';

export interface PluginFailure {
  plugin: string;
  hook: string;
  message: string;
}

/** What a resolved render hook yields: something Lit renders, or `undefined` for the default rendering. */
export type Rendered = TemplateResult | Node | string | undefined;

/**
 * Finds the hook that handles a thing (the last plug-in that has it wins) and calls it in
 * isolation: a throw or a bad return value falls back to the default rendering and is reported
 * once per plug-in, hook and message, because the same failing render repeats on every frame.
 */
export class PluginHost {
  plugins: readonly ParleyPlugin[] = [];
  private readonly reported = new Set<string>();

  constructor(private readonly report: (failure: PluginFailure) => void) {}

  /** The last plug-in's hook picked by `pick`, with that plug-in's name. */
  find<F>(pick: (plugin: ParleyPlugin) => F | undefined): { plugin: string; hook: F } | undefined {
    for (let index = this.plugins.length - 1; index >= 0; index--) {
      const plugin = this.plugins[index];
      const hook = plugin ? safePick(pick, plugin) : undefined;
      if (plugin && typeof hook === 'function') return { plugin: plugin.name, hook };
    }
    return undefined;
  }

  /** Calls a render hook; anything it cannot render becomes `undefined` (the default) plus a report. */
  render(plugin: string, hookName: string, call: () => unknown): Rendered {
    let value: unknown;
    try {
      value = call();
    } catch (error) {
      this.fail(plugin, hookName, error instanceof Error ? error.message : String(error));
      return undefined;
    }
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'string' || isTemplate(value) || (typeof Node === 'function' && value instanceof Node)) return value as Rendered;
    this.fail(plugin, hookName, `returned ${Object.prototype.toString.call(value)}; expected a Lit template, an HTMLElement or null`);
    return undefined;
  }

  /** Calls a hook whose effect is all that matters (citation `open`); `false` if it threw. */
  run(plugin: string, hookName: string, call: () => void): boolean {
    try {
      call();
      return true;
    } catch (error) {
      this.fail(plugin, hookName, error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  private fail(plugin: string, hook: string, message: string): void {
    const key = `${plugin}\u0000${hook}\u0000${message}`;
    // A message that changes every frame (a counter, a timestamp) must not become an event storm.
    if (this.reported.has(key) || this.reported.size >= 100) return;
    this.reported.add(key);
    // Render hooks run inside Lit's update; the element's listeners should not run re-entrantly.
    queueMicrotask(() => this.report({ plugin, hook, message }));
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
