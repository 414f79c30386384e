import type { Citation, FinishReason } from '../chat-event.js';
import type { AdapterRequest, Emit, FrameDecoder, ProtocolAdapter } from '../protocol-adapter.js';
import { parseToolArguments } from './parse-tool-arguments.js';

/**
 * OpenAI Responses API streaming (`POST /v1/responses`, `stream: true`).
 *
 * Request: `{ model, instructions?, input: [...], tools?, stream: true }`; tool turns are
 * `function_call` / `function_call_output` input items. Response: SSE with `event: <type>` and
 * `data: {"type":"<type>","sequence_number":…}`. There is no `[DONE]`: the stream ends with
 * `response.completed`, `response.incomplete` or `response.failed`.
 */
export function openaiResponses(): ProtocolAdapter {
  return { name: 'openai-responses', framing: 'sse', request: buildRequest, decoder: createDecoder };
}

function buildRequest(request: AdapterRequest) {
  const instructions = request.messages.filter((message) => message.role === 'system').map((message) => message.content);
  const input: Record<string, unknown>[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') continue;
    if (message.role === 'tool') {
      input.push({ type: 'function_call_output', call_id: message.toolCallId ?? '', output: message.content });
      continue;
    }
    // An assistant turn that only called tools has no text; an empty message item is noise.
    if (message.content !== '' || message.role === 'user') input.push({ role: message.role, content: message.content });
    for (const call of message.toolCalls ?? []) {
      // `arguments` is a JSON string on this wire; invalid arguments kept as a raw string go back verbatim.
      const args = typeof call.args === 'string' ? call.args : JSON.stringify(call.args ?? {});
      input.push({ type: 'function_call', call_id: call.id, name: call.name, arguments: args });
    }
  }
  const body: Record<string, unknown> = { model: request.model, input, stream: true };
  if (instructions.length > 0) body.instructions = instructions.join('\n\n');
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({ type: 'function', name: tool.name, description: tool.description, parameters: tool.parameters }));
  }
  return { body };
}

/** `response.incomplete_details.reason` → finish reason. */
const incompleteReasons: Record<string, FinishReason> = { max_output_tokens: 'length', content_filter: 'content-filter' };

interface PendingCall {
  callId: string;
  name: string;
  /** Argument deltas, joined once when the call is complete. */
  pieces: string[];
  /** The authoritative full text from `…arguments.done` / `output_item.done`, when it came. */
  arguments?: string;
}

// The wire is untrusted JSON: read it through loose records rather than trusting a shape.
type Json = Record<string, any>;

function createDecoder(): FrameDecoder {
  /** Function calls by item (see `itemOf`): the argument deltas reference the item, not `call_id`. */
  const calls = new Map<string, PendingCall>();
  const citedIds = new Set<string>();
  let calledTools = false;
  let reasoningKey: string | undefined;
  /** The message item the text so far came from. */
  let textItem: string | undefined;
  /** Ids announced by `output_item.added`, and the latest one at each `output_index`. */
  const announced = new Set<string>();
  const announcedAt = new Map<number, string>();

  function announce(data: Json, id: unknown): string {
    const key = String(id);
    announced.add(key);
    if (typeof data.output_index === 'number') announcedAt.set(data.output_index, key);
    return key;
  }

  /**
   * The item an event is about: its id, or, when that id was never announced (GitHub Copilot's
   * endpoint sends a new `item_id` / `item.id` on every event), the item announced at its
   * `output_index`, which stays the same on every event of an item.
   */
  function itemOf(data: Json, id: unknown): string {
    const key = String(id);
    if (announced.has(key) || typeof data.output_index !== 'number') return key;
    return announcedAt.get(data.output_index) ?? key;
  }

  function emitCall(itemId: string, emit: Emit) {
    const call = calls.get(itemId);
    if (!call) return;
    calls.delete(itemId);
    calledTools = true;
    // The id the tool result must be returned with is `call_id`, which only the item carries.
    const args = parseToolArguments(call.arguments ?? call.pieces.join(''));
    emit({ type: 'tool-call', toolCall: { id: call.callId, name: call.name, args } });
  }

  function finishWith(response: Json, reason: FinishReason, emit: Emit) {
    for (const itemId of [...calls.keys()]) emitCall(itemId, emit);
    const usage: Json | undefined = response.usage;
    if (usage) {
      const reasoningTokens = usage.output_tokens_details?.reasoning_tokens;
      emit({
        type: 'usage',
        usage: {
          inputTokens: usage.input_tokens ?? 0,
          outputTokens: usage.output_tokens ?? 0,
          ...(typeof reasoningTokens === 'number' ? { reasoningTokens } : {}),
        },
      });
    }
    emit({ type: 'finish', reason });
    return 'done' as const;
  }

  return {
    frame(frame, emit) {
      // Recorded deltas carry extra fields such as `obfuscation` padding; only known fields are read.
      const data: Json = JSON.parse(frame.data);
      switch (data.type ?? frame.event) {
        case 'response.created': {
          const response: Json = data.response ?? {};
          emit({ type: 'start', messageId: response.id, model: response.model });
          return;
        }
        case 'response.output_item.added': {
          const item: Json = data.item ?? {};
          announce(data, item.id);
          if (item.type === 'function_call') {
            calls.set(itemOf(data, item.id), { callId: item.call_id ?? item.id, name: item.name ?? '', pieces: item.arguments ? [item.arguments] : [] });
          } else if (isHostedToolCall(item)) {
            emit({ type: 'status', status: { id: itemOf(data, item.id), label: hostedToolLabel(item), state: 'running' } });
          }
          return;
        }
        case 'response.function_call_arguments.delta':
          calls.get(itemOf(data, data.item_id))?.pieces.push(data.delta ?? '');
          return;
        case 'response.function_call_arguments.done': {
          const call = calls.get(itemOf(data, data.item_id));
          if (call && typeof data.arguments === 'string') call.arguments = data.arguments;
          return;
        }
        case 'response.output_item.done': {
          const item: Json = data.item ?? {};
          if (isHostedToolCall(item)) {
            const failed = item.status === 'failed' || item.status === 'incomplete';
            emit({ type: 'status', status: { id: itemOf(data, item.id), label: hostedToolLabel(item), state: failed ? 'error' : 'done' } });
            return;
          }
          if (item.type !== 'function_call') return;
          const key = itemOf(data, item.id);
          const call = calls.get(key);
          if (call && typeof item.arguments === 'string') call.arguments = item.arguments;
          emitCall(key, emit);
          return;
        }
        case 'response.output_text.delta':
        case 'response.refusal.delta': {
          // A refusal is the answer the person gets, so it is shown as text. Several message items
          // (a `commentary` preamble, then the `final_answer`) are paragraphs of their own.
          const item = itemOf(data, data.item_id);
          if (textItem !== undefined && textItem !== item) emit({ type: 'text-delta', delta: '\n\n' });
          textItem = item;
          emit({ type: 'text-delta', delta: data.delta ?? '' });
          return;
        }
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta': {
          // Several summary parts (and reasoning items) arrive one after another; a blank line
          // keeps them apart in the one reasoning text.
          const key = `${itemOf(data, data.item_id)}:${data.summary_index ?? data.content_index ?? 0}`;
          if (reasoningKey !== undefined && reasoningKey !== key) emit({ type: 'reasoning-delta', delta: '\n\n' });
          reasoningKey = key;
          emit({ type: 'reasoning-delta', delta: data.delta ?? '' });
          return;
        }
        // The wire name has a dot; some SDK releases typed it with an underscore. Accept both.
        case 'response.output_text.annotation.added':
        case 'response.output_text_annotation.added': {
          const citation = toCitation(data.annotation ?? {});
          // The same source is annotated at every place it is cited; one card per source.
          if (citation && !citedIds.has(citation.id)) {
            citedIds.add(citation.id);
            emit({ type: 'citation', citation });
          }
          return;
        }
        case 'response.completed':
          // `status` is "completed" even when the output is function calls: the reason is inferred.
          return finishWith(data.response ?? {}, calledTools || calls.size > 0 ? 'tool-calls' : 'stop', emit);
        case 'response.incomplete': {
          const response: Json = data.response ?? {};
          return finishWith(response, incompleteReasons[response.incomplete_details?.reason] ?? 'length', emit);
        }
        case 'response.failed': {
          const error: Json = data.response?.error ?? {};
          emit({ type: 'error', error: { code: String(error.code ?? 'response_failed'), message: String(error.message ?? 'The response failed') } });
          return 'done';
        }
        case 'error': {
          // Documented shape: `{type:"error",code,message,param}`. Recorded traffic nests it:
          // `{type:"error",error:{type,code,message,param}}`, then a `response.failed` that repeats
          // it; the stream ends here so the error is reported once.
          const error: Json = data.error ?? data;
          const code = String(error.code ?? (error.type === 'error' ? undefined : error.type) ?? 'error');
          emit({ type: 'error', error: { code, message: String(error.message ?? code) } });
          return 'done';
        }
        default:
          return;
      }
    },
    end() {
      // Without `response.completed` the calls may be cut mid-arguments: they are dropped, and the
      // client reports the truncated stream.
    },
  };
}

/**
 * Tools OpenAI runs itself (`web_search_call`, `file_search_call`, `code_interpreter_call`,
 * `mcp_call`, …) are progress for the person, never calls for the client to run.
 */
function isHostedToolCall(item: Json): boolean {
  return typeof item.type === 'string' && item.type.endsWith('_call') && item.type !== 'function_call' && item.type !== 'custom_tool_call';
}

function hostedToolLabel(item: Json): string {
  return item.type === 'mcp_call' && item.name ? String(item.name) : String(item.type).slice(0, -'_call'.length);
}

/** A text annotation → Citation; `file_path` annotations point at generated files, not sources. */
function toCitation(annotation: Json): Citation | undefined {
  switch (annotation.type) {
    case 'url_citation':
      return {
        id: annotation.url,
        url: annotation.url,
        ...(annotation.title ? { title: annotation.title } : {}),
        meta: { startIndex: annotation.start_index, endIndex: annotation.end_index },
      };
    case 'file_citation':
    case 'container_file_citation':
      return {
        id: annotation.file_id,
        ...(annotation.filename ? { title: annotation.filename } : {}),
        meta: { type: annotation.type, index: annotation.index ?? annotation.start_index },
      };
    default:
      return undefined;
  }
}
