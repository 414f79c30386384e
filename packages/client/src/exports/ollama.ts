import type { ProtocolAdapter } from '../protocol-adapter.js';
import { ollama as adapter } from '../protocols/ollama.js';

/**
 * The adapter for Ollama's native chat API (protocols/ollama.ts).
 * A binding of its own, not a re-export: an app's esbuild then keeps the adapter out of its
 * start chunk unless the app names it (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const ollama: () => ProtocolAdapter = adapter;
