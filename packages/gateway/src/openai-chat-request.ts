import type { ChatMessage, ToolDefinition } from '@parley/client';
import * as z from 'zod';

const contentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

const openaiToolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function').optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string() }),
});

const openaiMessageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(contentPartSchema), z.null()]).optional(),
  tool_calls: z.array(openaiToolCallSchema).optional(),
  tool_call_id: z.string().optional(),
});

const openaiToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** `POST /v1/chat/completions`, as OpenAI SDKs and compatible clients send it. Unknown fields are ignored. */
export const openaiChatRequestSchema = z.looseObject({
  model: z.string().optional(),
  messages: z.array(openaiMessageSchema).min(1, 'at least one message is required'),
  tools: z.array(openaiToolSchema).optional(),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  /** Parley's extension: the host page's business context, as the native protocol sends it. */
  context: z.record(z.string(), z.unknown()).optional(),
});
export type OpenAIChatRequest = z.infer<typeof openaiChatRequestSchema>;

/** The system message `@parley/client` sends for `context` on protocols without a context field. */
const contextMessagePrefix = 'Context from the application the user is working in (JSON):\n';

function text(content: OpenAIChatRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content.map((part) => part.text ?? '').join('');
}

function parseArguments(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Maps an OpenAI request onto the native shapes. A context system message written by
 * `@parley/client` is read back into `context`, so "this order" works over both protocols.
 */
export function fromOpenAIRequest(request: OpenAIChatRequest): { messages: ChatMessage[]; tools: ToolDefinition[]; context?: Record<string, unknown> } {
  let context = request.context;
  const messages: ChatMessage[] = [];
  for (const message of request.messages) {
    const content = text(message.content);
    if (message.role === 'system' || message.role === 'developer') {
      if (!context && content.startsWith(contextMessagePrefix)) {
        try {
          const parsed: unknown = JSON.parse(content.slice(contextMessagePrefix.length));
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) context = parsed as Record<string, unknown>;
        } catch {
          // Not our JSON after all: keep it as an ordinary system message.
        }
      }
      messages.push({ role: 'system', content });
    } else if (message.role === 'tool') {
      messages.push({ role: 'tool', content, ...(message.tool_call_id ? { toolCallId: message.tool_call_id } : {}) });
    } else if (message.role === 'assistant' && message.tool_calls?.length) {
      messages.push({
        role: 'assistant',
        content,
        toolCalls: message.tool_calls.map((call) => ({ id: call.id, name: call.function.name, args: parseArguments(call.function.arguments) })),
      });
    } else {
      messages.push({ role: message.role, content });
    }
  }
  const tools = (request.tools ?? []).map(
    (tool): ToolDefinition => ({
      name: tool.function.name,
      parameters: tool.function.parameters ?? { type: 'object', properties: {} },
      ...(tool.function.description !== undefined ? { description: tool.function.description } : {}),
    }),
  );
  return { messages, tools, ...(context ? { context } : {}) };
}
