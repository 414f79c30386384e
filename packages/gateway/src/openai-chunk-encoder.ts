import type { ChatEvent, Citation, FinishReason, Usage } from '@parley/client';

export const finishReasons: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  abort: 'stop',
  error: 'stop',
};

export interface OpenAIChunkEncoderOptions {
  id: string;
  model: string;
  created: number;
  includeUsage: boolean;
}

type Json = Record<string, unknown>;

export function usageJson(usage: Usage): Json {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    ...(usage.reasoningTokens !== undefined ? { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } } : {}),
  };
}

/** Perplexity's fields: `citations` (URLs; `[n]` is position n) and `search_results`. */
export function citationFields(citations: readonly Citation[]): Json {
  if (citations.length === 0) return {};
  return {
    citations: citations.map((citation) => citation.url ?? ''),
    search_results: citations.map((citation) => ({
      title: citation.title ?? '',
      url: citation.url ?? '',
      ...(citation.snippet !== undefined ? { snippet: citation.snippet } : {}),
      ...(citation.source !== undefined ? { source: citation.source } : {}),
      ...(citation.page !== undefined ? { page: citation.page } : {}),
    })),
  };
}

/**
 * Turns ChatEvents into `chat.completion.chunk` objects as OpenAI sends them (WIRE-FORMATS.md §1):
 * a role-only first chunk, `reasoning_content` deltas (DeepSeek's field), `tool_calls` fragments
 * (arguments cut in two, as real servers do, so clients must join them), a finish chunk, and a
 * usage-only chunk with `choices: []` when the request asked for `stream_options.include_usage`.
 * Citations ride on every chunk once known, like Perplexity. `status` and `data` have no OpenAI
 * equivalent and are left out; use the native protocol for them.
 */
export class OpenAIChunkEncoder {
  readonly #options: OpenAIChunkEncoderOptions;
  readonly #citations: Citation[] = [];
  #started = false;
  #finished = false;
  #toolCalls = 0;
  /** OpenAI sends usage after the finish chunk; models emit it before `finish`, so it waits. */
  #usage: Usage | undefined;

  constructor(options: OpenAIChunkEncoderOptions) {
    this.#options = options;
  }

  #chunk(delta: Json, finishReason: string | null = null): Json {
    // With `include_usage`, every chunk but the last says `usage: null`.
    return this.#envelope([{ index: 0, delta, logprobs: null, finish_reason: finishReason }], this.#options.includeUsage ? null : undefined);
  }

  #usageChunk(usage: Usage): Json {
    return this.#envelope([], usageJson(usage));
  }

  /** A `chat.completion.chunk` with these choices; `usage` left out when undefined. */
  #envelope(choices: Json[], usage: Json | null | undefined): Json {
    return {
      id: this.#options.id,
      object: 'chat.completion.chunk',
      created: this.#options.created,
      model: this.#options.model,
      system_fingerprint: null,
      choices,
      ...(usage !== undefined ? { usage } : {}),
      ...citationFields(this.#citations),
    };
  }

  #start(): Json[] {
    if (this.#started) return [];
    this.#started = true;
    return [this.#chunk({ role: 'assistant', content: '', refusal: null })];
  }

  /** The chunks for one event; an `error` event yields the in-stream error object OpenAI sends. */
  encode(event: ChatEvent): Json[] {
    switch (event.type) {
      case 'start':
        return this.#start();
      case 'text-delta':
        return [...this.#start(), this.#chunk({ content: event.delta })];
      case 'reasoning-delta':
        return [...this.#start(), this.#chunk({ reasoning_content: event.delta })];
      case 'citation':
        this.#citations.push(event.citation);
        return [...this.#start(), this.#chunk({})];
      case 'tool-call': {
        const index = this.#toolCalls++;
        const args = typeof event.toolCall.args === 'string' ? event.toolCall.args : JSON.stringify(event.toolCall.args ?? {});
        const cut = Math.ceil(args.length / 2);
        return [
          ...this.#start(),
          this.#chunk({
            tool_calls: [{ index, id: event.toolCall.id, type: 'function', function: { name: event.toolCall.name, arguments: args.slice(0, cut) } }],
          }),
          this.#chunk({ tool_calls: [{ index, function: { arguments: args.slice(cut) } }] }),
        ];
      }
      case 'usage':
        if (!this.#options.includeUsage) return [];
        if (!this.#finished) {
          this.#usage = event.usage;
          return [];
        }
        return [this.#usageChunk(event.usage)];
      case 'finish': {
        this.#finished = true;
        const chunks = [...this.#start(), this.#chunk({}, finishReasons[event.reason])];
        if (this.#usage) chunks.push(this.#usageChunk(this.#usage));
        return chunks;
      }
      case 'error':
        return [{ error: { message: event.error.message, type: 'server_error', code: event.error.code, param: null } }];
      case 'status':
      case 'data':
        return [];
    }
  }
}
