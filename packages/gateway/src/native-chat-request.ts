import { chatMessageSchema, toolDefinitionSchema } from '@parley/client';
import * as z from 'zod';

/**
 * `POST /api/chat`: the client's own shapes as they are. Unknown fields (`stream`, a client's
 * extras) are allowed and ignored: the response is always a stream.
 */
export const nativeChatRequestSchema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(chatMessageSchema).min(1, 'at least one message is required'),
  tools: z.array(toolDefinitionSchema).optional(),
  context: z.record(z.string(), z.unknown()).optional(),
  stream: z.boolean().optional(),
});
export type NativeChatRequest = z.infer<typeof nativeChatRequestSchema>;
