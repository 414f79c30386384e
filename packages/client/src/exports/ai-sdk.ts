import type { ProtocolAdapter } from '../protocol-adapter.js';
import { aiSdk as adapter } from '../protocols/ai-sdk.js';

/**
 * The adapter for the Vercel AI SDK's UI message stream (protocols/ai-sdk.ts).
 * A binding of its own, not a re-export: an app's esbuild then keeps the adapter out of its
 * start chunk unless the app names it (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const aiSdk: () => ProtocolAdapter = adapter;
