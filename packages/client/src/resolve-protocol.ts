import type { AdapterName, ProtocolName } from './protocol-name.js';
import type { ProtocolAdapter } from './protocol-adapter.js';

/**
 * One dynamic `import()` per protocol: an app that names its protocol by string
 * (`protocol: 'openai'`) loads that adapter only, when its first request starts; one that passes
 * an adapter object (`protocol: openai()`) never loads this module's targets at all. `auto` loads
 * the detection, which loads through here the one adapter its response turns out to speak. The
 * script tag keeps each one its own chunk too.
 */
const loaders: Record<AdapterName, () => Promise<ProtocolAdapter>> = {
  openai: () => import('./protocols/openai.js').then((module) => module.openai()),
  'openai-responses': () => import('./protocols/openai-responses.js').then((module) => module.openaiResponses()),
  anthropic: () => import('./protocols/anthropic.js').then((module) => module.anthropic()),
  ollama: () => import('./protocols/ollama.js').then((module) => module.ollama()),
  'ai-sdk': () => import('./protocols/ai-sdk.js').then((module) => module.aiSdk()),
  dify: () => import('./protocols/dify.js').then((module) => module.dify()),
  parley: () => import('./protocols/parley.js').then((module) => module.parley()),
};

/** The adapter for a protocol name; `auto` starts loading the adapter `url`'s path suggests. */
export function resolveProtocol(name: ProtocolName, url?: string): Promise<ProtocolAdapter> {
  return name === 'auto' ? import('./detect-protocol.js').then((module) => module.autoProtocol(resolveProtocol, url)) : loaders[name]();
}
