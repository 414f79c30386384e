import type { ProtocolAdapter } from '../protocol-adapter.js';
import { openaiResponses as adapter } from '../protocols/openai-responses.js';

/**
 * The OpenAI Responses API adapter (protocols/openai-responses.ts).
 * A binding of its own, not a re-export: an app's esbuild then keeps the adapter out of its
 * start chunk unless the app names it (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const openaiResponses: () => ProtocolAdapter = adapter;
