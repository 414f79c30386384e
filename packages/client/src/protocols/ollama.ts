import type { FinishReason } from '../chat-event.js';
import type { AdapterRequest, FrameDecoder, ProtocolAdapter } from '../protocol-adapter.js';
import { createId } from '../create-id.js';
import { parseToolArguments } from './parse-tool-arguments.js';
import { ThinkTagSplitter } from './think-tag-splitter.js';

/**
 * Ollama's native chat API (`POST /api/chat`), newline-delimited JSON (`application/x-ndjson`).
 *
 * Request: `{ model, messages, tools?, stream: true }` where tool calls carry their arguments as
 * an object and tool results are `role: "tool"` messages. Response: one JSON object per line,
 * `{model, created_at, message:{role, content, thinking?, tool_calls?}, done:false}`, and a last
 * line with `done:true`, `done_reason`, `prompt_eval_count`, `eval_count`.
 * (Ollama's OpenAI-compatible `/v1/chat/completions` endpoint uses the `openai` protocol instead.)
 */
export function ollama(): ProtocolAdapter {
  return { name: 'ollama', framing: 'ndjson', request: buildRequest, decoder: createDecoder };
}

function buildRequest(request: AdapterRequest) {
  const toolNames = new Map<string, string>();
  const messages = request.messages.map((message) => {
    if (message.role === 'tool') {
      // Ollama matches results to calls by tool name (its calls have no ids).
      const toolName = toolNames.get(message.toolCallId ?? '');
      return { role: 'tool', content: message.content, ...(toolName ? { tool_name: toolName } : {}) };
    }
    if (!message.toolCalls?.length) return { role: message.role, content: message.content };
    const toolCalls = message.toolCalls.map((call) => {
      toolNames.set(call.id, call.name);
      // `arguments` must be an object here; invalid arguments kept as a raw string cannot be replayed.
      const args = typeof call.args === 'object' && call.args !== null && !Array.isArray(call.args) ? call.args : {};
      return { function: { name: call.name, arguments: args } };
    });
    return { role: message.role, content: message.content, tool_calls: toolCalls };
  });
  const body: Record<string, unknown> = { model: request.model, messages, stream: true };
  if (request.tools?.length) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  return { body };
}

// The wire is untrusted JSON: read it through loose records rather than trusting a shape.
type Json = Record<string, any>;

function createDecoder(): FrameDecoder {
  let started = false;
  let toolCallCount = 0;
  // Ollama before its thinking API (< 0.9), and 0.9.x when the request has no `think` (this one
  // has none: models without thinking reject it), leave R1's `<think>…</think>` in the content.
  const content = new ThinkTagSplitter();

  return {
    frame(frame, emit) {
      // Go's encoding/json escapes `<`, `>`, `&` as \u003c…; JSON.parse restores them.
      const line: Json = JSON.parse(frame.data);
      // A failure after the 200 is a line `{"error":"…"}` with no `done` (and no code of its own):
      // waiting for `done:true` would hang.
      if (line.error !== undefined) {
        const message = typeof line.error === 'string' ? line.error : String(line.error?.message ?? 'Ollama error');
        content.end(emit);
        emit({ type: 'error', error: { code: 'server_error', message } });
        return 'done';
      }
      if (!started) {
        started = true;
        emit({ type: 'start', ...(typeof line.model === 'string' ? { model: line.model } : {}) });
      }
      const message: Json = line.message ?? {};
      if (message.thinking) emit({ type: 'reasoning-delta', delta: message.thinking });
      if (typeof message.content === 'string' && message.content) content.push(message.content, emit);
      // `/api/generate` streams the same way with top-level `response` / `thinking`.
      if (typeof line.thinking === 'string' && line.thinking) emit({ type: 'reasoning-delta', delta: line.thinking });
      if (typeof line.response === 'string' && line.response) content.push(line.response, emit);
      // Tool calls arrive complete in one line, arguments already an object, and without ids:
      // ids are made up so the tool results can refer to them. Random, not `call_0`, `call_1`…:
      // numbers would start again at every model call of an agent loop and in every answer, and
      // the transcript, the audit trail and the widget's cards would hold two calls by one id.
      for (const call of (message.tool_calls ?? []) as Json[]) {
        const id = typeof call.id === 'string' && call.id ? call.id : createId('call');
        toolCallCount += 1;
        const rawArgs = call.function?.arguments;
        const args = typeof rawArgs === 'string' ? parseToolArguments(rawArgs) : (rawArgs ?? {});
        emit({ type: 'tool-call', toolCall: { id, name: call.function?.name ?? '', args } });
      }
      if (line.done !== true) return;
      content.end(emit);
      emit({ type: 'usage', usage: { inputTokens: line.prompt_eval_count ?? 0, outputTokens: line.eval_count ?? 0 } });
      // `done_reason` stays "stop" when the model called tools, so that reason is inferred.
      const reason: FinishReason = line.done_reason === 'length' ? 'length' : toolCallCount > 0 ? 'tool-calls' : 'stop';
      emit({ type: 'finish', reason });
      return 'done';
    },
    end(emit) {
      content.end(emit);
    },
  };
}
