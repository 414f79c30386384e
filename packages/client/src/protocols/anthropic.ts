import type { Citation, FinishReason } from '../chat-event.js';
import type { ChatMessage } from '../chat-message.js';
import type { AdapterRequest, Emit, FrameDecoder, ProtocolAdapter } from '../protocol-adapter.js';
import { parseToolArguments } from './parse-tool-arguments.js';

/**
 * Anthropic Messages API streaming (`POST /v1/messages`, `stream: true`).
 *
 * Request: `{ model, max_tokens, system?, messages, tools?, stream: true }` with the header
 * `anthropic-version: 2023-06-01`. Response: SSE, `event: <type>` + `data: {"type":"<type>",…}`:
 * `message_start` → per content block `content_block_start` / `content_block_delta`… /
 * `content_block_stop` → `message_delta` → `message_stop`, with `ping` anywhere.
 */
export function anthropic(): ProtocolAdapter {
  return { name: 'anthropic', framing: 'sse', request: buildRequest, decoder: createDecoder };
}

/** Anthropic requires `max_tokens`; the client has no option for it, so a roomy default (override via `body`). */
const defaultMaxTokens = 4096;

type ContentBlock = Record<string, unknown>;
interface WireMessage {
  role: 'user' | 'assistant';
  content: ContentBlock[];
}

function buildRequest(request: AdapterRequest) {
  const system = request.messages.filter((message) => message.role === 'system').map((message) => message.content);
  const messages: WireMessage[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') continue;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = contentBlocks(message);
    if (blocks.length === 0) continue;
    // Tool results travel in a `user` turn, and parallel calls need all their results in the
    // same turn right after the `tool_use` turn; merging consecutive same-role turns does both.
    const previous = messages[messages.length - 1];
    if (previous?.role === role) previous.content.push(...blocks);
    else messages.push({ role, content: blocks });
  }
  const body: Record<string, unknown> = { model: request.model, max_tokens: defaultMaxTokens, messages, stream: true };
  if (system.length > 0) body.system = system.join('\n\n');
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.parameters }));
  }
  return { body, headers: { 'anthropic-version': '2023-06-01' } };
}

function contentBlocks(message: ChatMessage): ContentBlock[] {
  if (message.role === 'tool') return [{ type: 'tool_result', tool_use_id: message.toolCallId ?? '', content: message.content }];
  // The API rejects empty text blocks (an assistant turn that only called tools has no text).
  const blocks: ContentBlock[] = message.content === '' ? [] : [{ type: 'text', text: message.content }];
  for (const call of message.toolCalls ?? []) {
    // `input` must be an object; arguments the model sent as invalid JSON (a raw string) cannot be replayed.
    const input = typeof call.args === 'object' && call.args !== null && !Array.isArray(call.args) ? call.args : {};
    blocks.push({ type: 'tool_use', id: call.id, name: call.name, input });
  }
  return blocks;
}

/** Anthropic `stop_reason` → finish reason, as @ai-sdk/anthropic maps it. */
const finishReasons: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'content-filter',
};

/** Errors worth trying again later (Anthropic's documented transient types). */
const retryableErrors = new Set(['overloaded_error', 'rate_limit_error', 'api_error']);

interface OpenBlock {
  type: string;
  id: string;
  name: string;
  /** `input_json_delta` pieces; joined once at block stop (no quadratic concatenation). */
  json: string[];
}

// The wire is untrusted JSON: read it through loose records rather than trusting a shape.
type Json = Record<string, any>;

function createDecoder(): FrameDecoder {
  const blocks = new Map<number, OpenBlock>();
  const serverTools = new Map<string, string>();
  let inputTokens = 0;
  let outputTokens = 0;
  let finishReason: FinishReason = 'stop';
  let citationCount = 0;
  const citedUrls = new Set<string>();
  /** Reasoning was shown; a later thinking block then starts a paragraph of its own. */
  let reasoned = false;
  let newParagraph = false;
  const reason = (text: string, emit: Emit) => {
    if (text === '') return;
    emit({ type: 'reasoning-delta', delta: newParagraph ? `\n\n${text}` : text });
    reasoned = true;
    newParagraph = false;
  };
  /** The id of the message between its `message_start` and `message_stop`. */
  let openMessage: string | undefined;

  return {
    frame(frame, emit) {
      const data: Json = JSON.parse(frame.data);
      // The JSON `type` always equals the SSE event name; fall back to the name for odd proxies.
      switch (data.type ?? frame.event) {
        case 'message_start': {
          const message: Json = data.message ?? {};
          const id = String(message.id ?? '');
          // Gateways that bridge this format through another API (LiteLLM, Bifrost) repeat it
          // with the same id: the first one counts.
          if (openMessage === id) return;
          if (openMessage !== undefined) {
            // A new message while one is open: an intermediary retried upstream and spliced a
            // second generation into the body. It replaces the cut-off first one.
            blocks.clear();
            emit({ type: 'text-delta', delta: '', replace: true });
          }
          openMessage = id;
          inputTokens = message.usage?.input_tokens ?? 0;
          outputTokens = message.usage?.output_tokens ?? 0;
          emit({ type: 'start', messageId: message.id, model: message.model });
          return;
        }
        case 'content_block_start': {
          const block: Json = data.content_block ?? {};
          blocks.set(data.index, { type: block.type, id: block.id ?? '', name: block.name ?? '', json: [] });
          // Text normally starts empty, but a proxy may put the first piece here.
          if (block.type === 'text' && block.text) emit({ type: 'text-delta', delta: block.text });
          if (block.type === 'thinking') {
            // Interleaved thinking (around server tools) or a model fallback gives one message several thinking blocks.
            newParagraph = reasoned;
            reason(String(block.thinking ?? ''), emit);
          }
          // `redacted_thinking` is encrypted reasoning: nothing a person can read, so nothing is emitted.
          // Server tools (web search, web fetch, code execution, MCP) run at Anthropic: they show as
          // progress steps, never as a client tool call. Their results arrive as `*_tool_result` blocks.
          if (block.type === 'server_tool_use' || block.type === 'mcp_tool_use') {
            serverTools.set(block.id, block.name);
            emit({ type: 'status', status: { id: block.id, label: block.name, state: 'running' } });
          } else if (typeof block.type === 'string' && block.type.endsWith('_tool_result') && block.tool_use_id) {
            const failed = typeof block.content?.type === 'string' && block.content.type.endsWith('_error');
            const label = serverTools.get(block.tool_use_id) ?? block.type.slice(0, -'_tool_result'.length);
            emit({ type: 'status', status: { id: block.tool_use_id, label, state: failed ? 'error' : 'done' } });
          }
          return;
        }
        case 'content_block_delta': {
          const delta: Json = data.delta ?? {};
          if (delta.type === 'text_delta') emit({ type: 'text-delta', delta: delta.text ?? '' });
          else if (delta.type === 'thinking_delta') reason(String(delta.thinking ?? ''), emit);
          // The first `input_json_delta` is often "", and a model sends one whole key/value at a
          // time, so the pieces are only meaningful once the block stops.
          else if (delta.type === 'input_json_delta') blocks.get(data.index)?.json.push(delta.partial_json ?? '');
          else if (delta.type === 'citations_delta') {
            const location: Json = delta.citation ?? {};
            // Web search cites a page at every sentence it supports: one card per page.
            if (location.type === 'web_search_result_location' && typeof location.url === 'string') {
              if (citedUrls.has(location.url)) return;
              citedUrls.add(location.url);
            }
            emit({ type: 'citation', citation: toCitation(String(++citationCount), location) });
          }
          // `signature_delta` only verifies thinking blocks sent back to the API; nothing to show.
          return;
        }
        case 'content_block_stop': {
          const block = blocks.get(data.index);
          blocks.delete(data.index);
          // The `input: {}` of `content_block_start` is a placeholder; the real input is the joined deltas.
          if (block?.type === 'tool_use') {
            emit({ type: 'tool-call', toolCall: { id: block.id, name: block.name, args: parseToolArguments(block.json.join('')) } });
          }
          return;
        }
        case 'message_delta': {
          // Usage here is cumulative for the whole message: the last value wins, never a sum.
          // Input tokens come from `message_start`; newer API versions repeat them here.
          const usage: Json = data.usage ?? {};
          if (typeof usage.input_tokens === 'number') inputTokens = usage.input_tokens;
          if (typeof usage.output_tokens === 'number') outputTokens = usage.output_tokens;
          const stopReason = data.delta?.stop_reason;
          if (stopReason) finishReason = finishReasons[stopReason] ?? 'stop';
          return;
        }
        case 'message_stop':
          openMessage = undefined;
          emit({ type: 'usage', usage: { inputTokens, outputTokens } });
          emit({ type: 'finish', reason: finishReason });
          return 'done';
        case 'error': {
          // `event: error` after a 200, e.g. `{"type":"error","error":{"type":"overloaded_error",…}}`.
          const error: Json = data.error ?? {};
          const code = String(error.type ?? 'error');
          emit({ type: 'error', error: { code, message: String(error.message ?? code), retryable: retryableErrors.has(code) } });
          return 'done';
        }
        // `ping` keeps the connection alive; event types added to the API later are ignored, as Anthropic asks.
        default:
          return;
      }
    },
    end(_emit: Emit) {
      // A tool block still open here was cut off mid-arguments: emitting it could run an action with
      // half its input, so it is dropped and the client reports the truncated stream.
    },
  };
}

/** One `citations_delta` location → Citation. Anthropic gives no citation id, so they are numbered in order. */
function toCitation(id: string, location: Json): Citation {
  const citation: Citation = { id };
  if (typeof location.cited_text === 'string') citation.snippet = location.cited_text;
  switch (location.type) {
    case 'web_search_result_location':
      citation.url = location.url;
      if (location.title) citation.title = location.title;
      return citation;
    case 'search_result_location':
      if (location.title) citation.title = location.title;
      if (location.source) citation.source = location.source;
      citation.meta = { type: location.type, searchResultIndex: location.search_result_index };
      return citation;
    case 'page_location':
      if (location.document_title) citation.title = location.document_title;
      citation.page = location.start_page_number;
      // `end_page_number` is exclusive.
      citation.meta = { type: location.type, documentIndex: location.document_index, startPage: location.start_page_number, endPage: location.end_page_number };
      return citation;
    case 'content_block_location':
      if (location.document_title) citation.title = location.document_title;
      citation.meta = { type: location.type, documentIndex: location.document_index, startBlock: location.start_block_index, endBlock: location.end_block_index };
      return citation;
    default: // char_location
      if (location.document_title) citation.title = location.document_title;
      citation.meta = { type: location.type, documentIndex: location.document_index, startChar: location.start_char_index, endChar: location.end_char_index };
      return citation;
  }
}
