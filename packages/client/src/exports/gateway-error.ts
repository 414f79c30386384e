import { gatewayError as read, type GatewayError } from '../gateway-error.js';

/**
 * Reads the error out of a parsed error body or data frame, in every shape gateways use
 * (gateway-error.ts). A binding of its own, not a re-export: the request code loads it on first
 * use, and an app's esbuild keeps it there unless the app names it
 * (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const gatewayError: (value: unknown) => GatewayError | undefined = read;
