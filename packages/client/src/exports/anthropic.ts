import type { ProtocolAdapter } from '../protocol-adapter.js';
import { anthropic as adapter } from '../protocols/anthropic.js';

/**
 * The Anthropic Messages API adapter (protocols/anthropic.ts).
 * A binding of its own, not a re-export: an app's esbuild then keeps the adapter out of its
 * start chunk unless the app names it (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const anthropic: () => ProtocolAdapter = adapter;
