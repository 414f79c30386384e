import type { ProtocolAdapter } from '../protocol-adapter.js';
import { dify as adapter } from '../protocols/dify.js';

/**
 * The Dify chat-messages adapter (protocols/dify.ts).
 * A binding of its own, not a re-export: an app's esbuild then keeps the adapter out of its
 * start chunk unless the app names it (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const dify: () => ProtocolAdapter = adapter;
