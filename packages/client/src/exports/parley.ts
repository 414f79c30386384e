import type { ProtocolAdapter } from '../protocol-adapter.js';
import { parley as adapter } from '../protocols/parley.js';

/**
 * Parley's native protocol adapter (protocols/parley.ts).
 * A binding of its own, not a re-export: an app's esbuild then keeps the adapter out of its
 * start chunk unless the app names it (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const parley: () => ProtocolAdapter = adapter;
