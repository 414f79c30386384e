import type { ProtocolAdapter } from '../protocol-adapter.js';
import { openai as adapter } from '../protocols/openai.js';

/**
 * The OpenAI Chat Completions adapter (protocols/openai.ts).
 * A binding of its own, not a re-export: an app's esbuild then keeps the adapter out of its
 * start chunk unless the app names it (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const openai: () => ProtocolAdapter = adapter;
