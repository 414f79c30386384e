import * as z from './zod.js';

/** The built-in protocols by name (`auto` decides from the response). Kept apart from the adapters so naming one does not bundle them all. */
export const protocolNameSchema = z.literal(['openai', 'openai-responses', 'anthropic', 'ollama', 'ai-sdk', 'dify', 'parley', 'auto']);
export type ProtocolName = z.output<typeof protocolNameSchema>;
/** A protocol one adapter decodes: every name but `auto`. */
export type AdapterName = Exclude<ProtocolName, 'auto'>;
