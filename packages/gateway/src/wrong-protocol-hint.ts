/** The gateway's two chat endpoints, each speaking one protocol. */
export type ChatEndpoint = '/api/chat' | '/v1/chat/completions';

type Body = Record<string, unknown>;

function records(value: unknown): Body[] {
  return Array.isArray(value) ? value.filter((item): item is Body => typeof item === 'object' && item !== null) : [];
}

/**
 * What only a chat-completions body carries. Passing OpenAI's schema is not enough on its own:
 * `{messages: [{role: 'user'}]}` does, and is a native body missing its content.
 */
function looksLikeOpenAI(body: Body): boolean {
  if (['stream_options', 'max_tokens', 'max_completion_tokens', 'tool_choice', 'response_format'].some((key) => key in body)) return true;
  if (records(body.tools).some((tool) => tool.type === 'function' || typeof tool.function === 'object')) return true;
  return records(body.messages).some((message) => 'tool_calls' in message || 'tool_call_id' in message || message.role === 'developer' || Array.isArray(message.content));
}

/** The native shapes' camelCase fields and bare tool definitions, which chat completions does not have. */
function looksLikeNative(body: Body): boolean {
  if (records(body.tools).some((tool) => typeof tool.name === 'string' && !('function' in tool))) return true;
  return records(body.messages).some((message) => 'toolCalls' in message || 'toolCallId' in message);
}

/**
 * For a body the endpoint refused: when it is shaped for the other endpoint, which one to use.
 * It goes before the schema's complaints, which alone read as a bug in the caller's tools, and
 * stays short: a client keeps only the first few hundred characters of a gateway's message.
 */
export function wrongProtocolHint(endpoint: ChatEndpoint, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const fields = body as Body;
  if (endpoint === '/api/chat' && looksLikeOpenAI(fields)) {
    return "This looks like an OpenAI chat-completions request, but /api/chat speaks the parley protocol: OpenAI-compatible clients use /v1/chat/completions (protocol: 'openai'), or set protocol: 'parley'.";
  }
  if (endpoint === '/v1/chat/completions' && looksLikeNative(fields)) {
    return "This looks like a parley-protocol request, but /v1/chat/completions speaks OpenAI chat completions: parley clients use /api/chat (protocol: 'parley'), or set protocol: 'openai'.";
  }
  return undefined;
}
