import * as z from './zod.js';
import { toolCallSchema } from './chat-event.js';
import { nonEmpty } from './schema-checks.js';

/** One message shape for every protocol; each adapter maps it to its own wire format. */
export const chatMessageSchema = z.object({
  role: z.literal(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
  /** Tool calls an assistant message made (sent back so the model sees its own calls). */
  toolCalls: z.optional(z.array(toolCallSchema)),
  /** On a `tool` message: the id of the call this is the result of. */
  toolCallId: z.optional(z.string()),
});
export type ChatMessage = z.output<typeof chatMessageSchema>;

/** A tool (an agent action) offered to the model. `parameters` is a JSON Schema object. */
export const toolDefinitionSchema = z.object({
  name: z.string().check(nonEmpty()),
  description: z.optional(z.string()),
  // Any JSON object (see citationSchema's `meta` for why not z.record).
  parameters: z.looseObject({}),
});
export type ToolDefinition = z.output<typeof toolDefinitionSchema>;
