import { autoProtocol } from './detect-protocol.js';
import type { ProtocolName } from './protocol-name.js';
import type { ProtocolAdapter } from './protocol-adapter.js';
import { protocolFactories } from './protocols/index.js';

/**
 * The adapter for a protocol name. `createClient` loads this module with a dynamic `import()`
 * only when a protocol is named by string, so an app that passes an adapter object
 * (`protocol: openai()`) never bundles the other adapters.
 */
export function resolveProtocol(name: ProtocolName): ProtocolAdapter {
  return name === 'auto' ? autoProtocol() : protocolFactories[name]();
}
