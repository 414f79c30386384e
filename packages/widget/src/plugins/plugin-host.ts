import type { ParleyPlugin } from './parley-plugin.js';

/** The `parley-error` code of a plug-in hook that threw or returned something unrenderable. */
export const pluginErrorCode = 'plugin_error';

export interface PluginFailure {
  plugin: string;
  hook: string;
  message: string;
}

/**
 * The element's plug-ins and the reports of their failures, once per plug-in, hook and message,
 * because the same failing render repeats on every frame. Finding and calling hooks
 * (`plugin-hooks.ts`) comes with the parts that call them, on first use.
 */
export class PluginHost {
  plugins: readonly ParleyPlugin[] = [];
  private readonly reported = new Set<string>();

  constructor(private readonly report: (failure: PluginFailure) => void) {}

  fail(plugin: string, hook: string, message: string): void {
    const key = `${plugin}\u0000${hook}\u0000${message}`;
    // A message that changes every frame (a counter, a timestamp) must not become an event storm.
    if (this.reported.has(key) || this.reported.size >= 100) return;
    this.reported.add(key);
    // Render hooks run inside Lit's update; the element's listeners should not run re-entrantly.
    queueMicrotask(() => this.report({ plugin, hook, message }));
  }
}
