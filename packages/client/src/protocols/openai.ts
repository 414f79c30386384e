import type { ChatError, ChatEvent, Citation, FinishReason, Usage } from '../chat-event.js';
import type { ChatMessage, ToolDefinition } from '../chat-message.js';
import { gatewayError } from '../gateway-error.js';
import type { AdapterRequest, Emit, Frame, FrameDecoder, ProtocolAdapter } from '../protocol-adapter.js';
import { renamedToolCallId } from '../tool-call-id.js';
import { parseToolArguments } from './parse-tool-arguments.js';
import { ThinkTagSplitter } from './think-tag-splitter.js';

/**
 * OpenAI Chat Completions streaming, as OpenAI, DeepSeek, vLLM, SGLang, llama.cpp, Ollama's
 * compatible endpoint, LiteLLM, Azure, DashScope and Perplexity speak it (WIRE-FORMATS.md §1, §2, §7).
 *
 * Request: `{ model, messages, tools: [{type:'function', function}], stream: true,
 * stream_options: { include_usage: true } }`. Response: SSE `data: {chat.completion.chunk}` … `data: [DONE]`.
 */
export function openai(): ProtocolAdapter {
  return {
    name: 'openai',
    framing: 'sse',
    request: (request) => ({ body: openaiRequestBody(request) }),
    decoder: () => new OpenAIDecoder(),
  };
}

export function openaiRequestBody(request: AdapterRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { messages: request.messages.map(toOpenAIMessage) };
  if (request.model !== undefined) body.model = request.model;
  if (request.tools !== undefined && request.tools.length > 0) body.tools = request.tools.map(toOpenAITool);
  body.stream = true;
  // Without it no usage is sent at all; with it, a last chunk with `choices: []` carries it.
  body.stream_options = { include_usage: true };
  return body;
}

function toOpenAIMessage(message: ChatMessage): Record<string, unknown> {
  if (message.role === 'tool') return { role: 'tool', tool_call_id: message.toolCallId ?? '', content: message.content };
  if (message.role === 'assistant' && message.toolCalls !== undefined && message.toolCalls.length > 0) {
    return {
      role: 'assistant',
      content: message.content === '' ? null : message.content,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: typeof call.args === 'string' ? call.args : JSON.stringify(call.args ?? {}) },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

function toOpenAITool(tool: ToolDefinition): Record<string, unknown> {
  const fn: Record<string, unknown> = { name: tool.name, parameters: tool.parameters };
  if (tool.description !== undefined) fn.description = tool.description;
  return { type: 'function', function: fn };
}

const finishReasons: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls', // deprecated, still sent by old Azure deployments
  content_filter: 'content-filter',
  error: 'error', // OpenRouter
  // vLLM ends a request its engine aborted (shutdown, scale-down, sleep) this way, then `[DONE]`:
  // the answer was stopped, not complete.
  abort: 'abort',
};

/**
 * Models whose chat template opens `<think>` inside the prompt, so the output holds reasoning
 * and then a lone `</think>` (DeepSeek-R1 and its distills, QwQ, Qwen3 "Thinking" models).
 * For them text before `</think>` is reasoning, as vLLM's deepseek_r1 parser reads it.
 */
const opensThinkInPrompt = /(?:^|[^a-z0-9])r1(?:$|[^a-z0-9])|qwq|thinking/i;

interface PendingToolCall {
  index: number;
  id: string;
  name: string;
  /** Argument fragments, joined once the call is complete (a fragment can end mid-escape). */
  args: string[];
}

type Json = Record<string, unknown>;

class OpenAIDecoder implements FrameDecoder {
  private started = false;
  private sawDone = false;
  private finishReason: string | undefined;
  private usage: Usage | undefined;
  private errored = false;
  private calls: PendingToolCall[] = [];
  /** Wire `index` → the call it now means, where a gateway reused an index for a new call. */
  private readonly renumbered = new Map<number, number>();
  private emittedToolCalls = false;
  /** Each tool-call id emitted, with the index of the call that first had it. */
  private readonly emittedIds = new Map<string, number>();
  private readonly citedUrls = new Set<string>();
  private citationsRead = 0;
  /** Reasoning arrived in its own field (`reasoning_content` / `reasoning`): content is only text. */
  private nativeReasoning = false;
  private model = '';
  /** Inline `<think>…</think>` reasoning in the content; a model whose name suggests a `<think>` in the prompt starts inside it. */
  private readonly thinkTags = new ThinkTagSplitter(() => !this.nativeReasoning && opensThinkInPrompt.test(this.model));

  frame(frame: Frame, emit: Emit): void | 'done' {
    // Only the whole data value: a text delta may well contain "[DONE]".
    if (frame.data === '[DONE]') {
      this.sawDone = true;
      return 'done';
    }
    let chunk: unknown;
    try {
      chunk = JSON.parse(frame.data);
    } catch (cause) {
      // Some proxies write `data:` lines without the blank line between events, which SSE joins
      // into one multi-line value: read each line as its own chunk.
      if (frame.data.includes('\n')) {
        for (const line of frame.data.split('\n')) if (line.trim() !== '' && this.frame({ data: line.trim(), event: frame.event }, emit) === 'done') return 'done';
        return undefined;
      }
      // Some proxies report a failure as `event: error` with a plain-text message.
      if (frame.event !== 'error') throw cause;
      chunk = { error: { message: frame.data } };
    }
    if (typeof chunk !== 'object' || chunk === null) throw new Error(`expected a JSON object, got ${frame.data.slice(0, 80)}`);
    const json = chunk as Json;

    // Errors after the 200: `{"error":{…}}` (OpenAI, SGLang, OpenRouter), vLLM's `{"object":"error",…}`,
    // FastAPI's `{"detail":"…"}`, and whatever JSON a route sends as `event: error`.
    const isError = (json.error !== undefined && json.error !== null) || json.object === 'error' || frame.event === 'error' || (typeof json.detail === 'string' && json.choices === undefined);
    if (isError) {
      this.error(json, emit);
    } else if (!this.started) {
      this.started = true;
      const start: ChatEvent = { type: 'start' };
      // Azure's first chunk has empty `id` and `model`.
      if (typeof json.id === 'string' && json.id !== '') start.messageId = json.id;
      if (typeof json.model === 'string' && json.model !== '') start.model = json.model;
      emit(start);
    }
    // Azure-style placeholder first chunks have `model: ""`: learn it from the first chunk that names it.
    if (this.model === '' && typeof json.model === 'string') this.model = json.model;

    if (json.citations !== undefined || json.search_results !== undefined) this.citations(json, emit);

    // `choices` can be `[]` (the usage chunk, Azure's first chunk), `null` or missing.
    const choices = json.choices;
    if (Array.isArray(choices)) {
      for (const choice of choices as Json[]) {
        // With `n > 1` only the first choice is the answer.
        if (typeof choice !== 'object' || choice === null || (typeof choice.index === 'number' && choice.index !== 0)) continue;
        this.choice(choice, emit);
      }
    }
    // `usage: null` on every chunk until the last; vLLM's continuous stats send a running total: keep the latest.
    const usage = typeof json.usage === 'object' && json.usage !== null ? toUsage(json.usage as Json) : undefined;
    if (usage) this.usage = usage;
    return undefined;
  }

  end(emit: Emit): void {
    this.thinkTags.end(emit);
    const finished = !this.errored && (this.finishReason !== undefined || this.sawDone);
    let reason = (this.finishReason && finishReasons[this.finishReason]) || 'stop';
    // The name suggested a `<think>` opened in the prompt, but the answer ended normally without a
    // `</think>` (Groq's hidden reasoning, OpenRouter's excluded one): it was the answer, and it
    // replaces the reasoning it was shown as (only guessed reasoning was streamed: `nativeReasoning`
    // rules the guess out). Cut off by the token limit while thinking, it stays reasoning.
    const guessed = this.thinkTags.guessed;
    if (guessed && finished && reason === 'stop') emit({ type: 'text-delta', delta: guessed.join(''), replace: true });
    this.flushToolCalls(emit);
    if (this.usage) emit({ type: 'usage', usage: this.usage });
    // A stream that ends without `[DONE]` and without a finish reason was cut off: no finish (the client reports it).
    if (!finished) return;
    if (reason === 'stop' && this.emittedToolCalls) reason = 'tool-calls';
    emit({ type: 'finish', reason });
  }

  private choice(choice: Json, emit: Emit): void {
    // `delta` only: Perplexity's cumulative `message` beside it would duplicate the text.
    const delta = choice.delta as Json | null | undefined;
    if (typeof delta === 'object' && delta !== null) {
      // `reasoning_content` (DeepSeek, vLLM < 0.11) or `reasoning` (vLLM ≥ 0.11, Ollama, OpenRouter).
      // Qwen sends `content: ""` beside it, and `""` is not "absent": each field is checked on its own.
      const reasoning = nonEmpty(delta.reasoning_content) ?? nonEmpty(delta.reasoning);
      if (reasoning !== undefined) {
        this.nativeReasoning = true;
        emit({ type: 'reasoning-delta', delta: reasoning });
      }
      const content = delta.content;
      if (typeof content === 'string' && content !== '') this.thinkTags.push(content, emit);
      // Mistral's reasoning models send parts: `{type:"thinking",thinking:[{type:"text",text}]}`
      // and `{type:"text",text}`, in the same array at the switch from one to the other.
      else if (Array.isArray(content)) for (const part of content as Json[]) this.contentPart(part, emit);
      // A refusal streams in its own field; it is what the user gets to read.
      const refusal = delta.refusal;
      if (typeof refusal === 'string' && refusal !== '') emit({ type: 'text-delta', delta: refusal });
      // Legacy function calling (old Azure deployments): one call, no id.
      const legacy = delta.function_call;
      if (typeof legacy === 'object' && legacy !== null) this.toolCallFragments([{ index: 0, function: legacy }]);
      // `tool_calls: []` (some gateways) and `null` are both "none".
      const calls = delta.tool_calls;
      if (Array.isArray(calls) && calls.length > 0) this.toolCallFragments(calls as Json[]);
    }
    const finish = choice.finish_reason;
    if (typeof finish === 'string' && finish !== '') {
      this.finishReason = finish;
      // The calls are complete now; show them without waiting for the usage chunk.
      this.flushToolCalls(emit);
      if (finish === 'error' && !this.errored) {
        this.errored = true;
        emit({ type: 'error', error: { code: 'server_error', message: 'The model stopped with an error.', retryable: true } });
      }
    }
  }

  private contentPart(part: Json, emit: Emit): void {
    if (typeof part !== 'object' || part === null) return;
    if (part.type === 'text' && typeof part.text === 'string' && part.text !== '') this.thinkTags.push(part.text, emit);
    if (part.type !== 'thinking' || !Array.isArray(part.thinking)) return;
    for (const piece of part.thinking as Json[]) {
      const text = nonEmpty(piece?.text);
      if (text === undefined) continue;
      this.nativeReasoning = true;
      emit({ type: 'reasoning-delta', delta: text });
    }
  }

  private toolCallFragments(fragments: Json[]): void {
    for (let position = 0; position < fragments.length; position++) {
      const fragment = fragments[position];
      if (typeof fragment !== 'object' || fragment === null) continue;
      const id = typeof fragment.id === 'string' && fragment.id !== '' ? fragment.id : undefined;
      const fn = fragment.function as Json | undefined;
      // Accumulate by `index`. Gateways that omit it send whole calls (matched by id, else a new
      // call), or continue the last call with a bare `arguments` piece.
      let index: number;
      if (typeof fragment.index === 'number') {
        index = this.renumbered.get(fragment.index) ?? fragment.index;
        // Ollama's compatible endpoint numbers every call of an answer 0 (ollama#15457), each sent
        // whole with its own id: a named fragment with a new id at the index of a complete call is
        // the next call. (A gateway that changes the id mid-arguments still continues its call.)
        const current = this.calls.find((pending) => pending.index === index);
        if (id !== undefined && current !== undefined && current.id !== '' && current.id !== id && typeof fn?.name === 'string' && fn.name !== '' && isJson(current.args.join(''))) {
          index = this.nextIndex();
          this.renumbered.set(fragment.index, index);
        }
      } else if (id !== undefined) index = this.calls.find((call) => call.id === id)?.index ?? this.nextIndex() + position;
      else if (typeof fn?.name !== 'string' && this.calls.length > 0) index = (this.calls[this.calls.length - 1] as PendingToolCall).index;
      else index = this.nextIndex() + position;
      let call = this.calls.find((pending) => pending.index === index);
      if (call === undefined) {
        call = { index, id: '', name: '', args: [] };
        this.calls.push(call);
      }
      if (id !== undefined) call.id = id;
      if (typeof fn === 'object' && fn !== null) {
        // The first fragment often has a name and no `arguments` at all.
        if (typeof fn.name === 'string' && fn.name !== '' && call.name === '') call.name = fn.name;
        if (typeof fn.arguments === 'string') call.args.push(fn.arguments);
        else if (typeof fn.arguments === 'object' && fn.arguments !== null) call.args.push(JSON.stringify(fn.arguments));
      }
    }
  }

  private nextIndex(): number {
    let next = 0;
    for (const call of this.calls) next = Math.max(next, call.index + 1);
    return next;
  }

  private flushToolCalls(emit: Emit): void {
    if (this.calls.length === 0) return;
    const calls = this.calls.sort((a, b) => a.index - b.index);
    this.calls = [];
    this.renumbered.clear();
    for (const call of calls) {
      this.emittedToolCalls = true;
      let id = call.id || `call_${call.index}`;
      // The index is what tells calls apart: some servers give every parallel call the same id
      // (older vLLM and llama.cpp chat templates, some Qwen and Mistral tool parsers). A call at
      // another index gets an id of its own, the same one each time, so a re-send is still known
      // (in Mistral's shape where the server's id has it: `renamedToolCallId`).
      const first = this.emittedIds.get(id);
      if (first === undefined) this.emittedIds.set(id, call.index);
      else if (first !== call.index) id = renamedToolCallId(id, call.index);
      emit({ type: 'tool-call', toolCall: { id, name: call.name, args: parseToolArguments(call.args.join('')) } });
    }
  }

  /** Perplexity repeats `citations` (URLs) and `search_results` in every chunk: each URL is cited once. */
  private citations(json: Json, emit: Emit): void {
    const urls = Array.isArray(json.citations) ? (json.citations as unknown[]) : undefined;
    const results = Array.isArray(json.search_results) ? (json.search_results as Json[]) : undefined;
    const count = Math.max(urls?.length ?? 0, results?.length ?? 0);
    if (count <= this.citationsRead) return;
    for (let i = this.citationsRead; i < count; i++) {
      const result = results?.[i];
      const url = typeof urls?.[i] === 'string' ? (urls[i] as string) : typeof result?.url === 'string' ? result.url : undefined;
      if (url === undefined || this.citedUrls.has(url)) continue;
      this.citedUrls.add(url);
      // The id is the 1-based position, which is what the `[1]` markers in the text refer to.
      const citation: Citation = { id: String(i + 1), url };
      const match = result?.url === url ? result : results?.find((candidate) => candidate?.url === url);
      if (typeof match?.title === 'string' && match.title !== '') citation.title = match.title;
      if (typeof match?.snippet === 'string' && match.snippet !== '') citation.snippet = match.snippet;
      if (typeof match?.date === 'string') citation.meta = { date: match.date };
      emit({ type: 'citation', citation });
    }
    this.citationsRead = count;
  }

  private error(json: Json, emit: Emit): void {
    const found = gatewayError(json);
    this.errored = true;
    // An upstream HTTP status as the code: OpenRouter's number (`http_502` by now) or LiteLLM's
    // string (`"429"`: its ProxyException stores `str(code)`). Either way it is that status.
    const status = /^(?:http_)?([1-5]\d\d)$/.exec(found?.code ?? '')?.[1];
    const code = status ? `http_${status}` : (found?.code ?? 'server_error');
    const said = found?.message ?? (typeof json.message === 'string' && json.message !== '' ? json.message : undefined);
    const error: ChatError = { code, message: said ?? 'The gateway reported an error mid-stream.', retryable: /server|overload|rate|timeout|unavailable|^http_(?:5\d\d|408|429)$/i.test(code) };
    if (status) error.status = Number(status);
    emit({ type: 'error', error });
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** OpenAI's token counts; `undefined` for an object without any (a Parley stream read by mistake has `inputTokens`): no usage, not zeros. */
function toUsage(usage: Json): Usage | undefined {
  const input = usage.prompt_tokens ?? usage.input_tokens;
  const output = usage.completion_tokens ?? usage.output_tokens;
  if (typeof input !== 'number' && typeof output !== 'number') return undefined;
  const result: Usage = { inputTokens: numberOr(input), outputTokens: numberOr(output) };
  const details = usage.completion_tokens_details as Json | null | undefined;
  const reasoning = details?.reasoning_tokens ?? usage.reasoning_tokens;
  if (typeof reasoning === 'number') result.reasoningTokens = reasoning;
  return result;
}

function numberOr(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
